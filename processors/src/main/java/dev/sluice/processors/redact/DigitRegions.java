package dev.sluice.processors.redact;

import dev.sluice.processors.text.Chars;

import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a text where a pattern that needs digits (or another anchor character, such as an
 * e-mail address's "@") can match. {@code Matcher.find} over a whole
 * text tries every position (10-100 us per KB for one pattern); most of a prompt is words, so each
 * digit-bearing pattern is run only on the clusters of digits, widened by how far the pattern's
 * matches reach beyond their first and last digit.
 *
 * <p>Exact when the pattern's bounds hold: every match contains a digit, no two digits of one match are
 * more than {@value #MAX_GAP} characters apart, and a match starts at most {@code before} characters
 * before its first digit and ends at most {@code after} characters after its last. Look-behinds and
 * {@code \b} see past a region's edges (transparent bounds), so they judge as on the whole text.
 * Regions are disjoint and each holds every match that touches it, so matches come in text order as
 * {@code find} on the whole text would give them.
 */
final class DigitRegions {

    /** Digits closer than this belong to one cluster. */
    static final int MAX_GAP = 24;

    private final String text;
    /** start0, end0, start1, end1, ...: digit clusters, end exclusive. */
    private final int[] clusters;
    private final int count;

    /** For each run, the digits from its start to the end of the number (digits and separators); computed when first asked. */
    private int[] runDigits;

    private int digitsFrom(int run) {
        if (runDigits == null) {
            runDigits = new int[runs];
            java.util.Arrays.fill(runDigits, -1);
        }
        if (runDigits[run] < 0) {
            // a number goes on past a run while only separators stand before the next one: follow the chain to its end,
            // then fill it backwards, so that each run is counted once (counted from each run to the number's end, a text
            // of figures with spaces between them, one long "number", took quadratic time: 44 KB in 150 ms)
            int last = run;
            while (last + 1 < runs && runDigits[last + 1] < 0 && onlySeparators(runEnd(last), runStarts[last + 1])) {
                last++;
            }
            for (int r = last; r >= run; r--) {
                int end = runEnd(r);
                int length = end - runStarts[r];
                boolean joined = r + 1 < runs && onlySeparators(end, runStarts[r + 1]);
                runDigits[r] = length + (joined ? runDigits[r + 1] : 0);
            }
        }
        return runDigits[run];
    }

    /** Where the run of digits that starts at {@code runStarts[run]} ends. */
    private int runEnd(int run) {
        int i = runStarts[run];
        while (i < text.length() && Chars.digit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether text[from, to) holds only the characters a number's digits are grouped with. */
    private boolean onlySeparators(int from, int to) {
        for (int i = from; i < to; i++) {
            if (" \t.-/()".indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Where each run of consecutive digits (anchor characters) begins, in order. */
    private final int[] runStarts;
    private final int runs;

    private DigitRegions(String text, int[] clusters, int count, int[] runStarts, int runs) {
        this.text = text;
        this.clusters = clusters;
        this.count = count;
        this.runStarts = runStarts;
        this.runs = runs;
    }

    static DigitRegions of(String text) {
        return of(text, '0', '9');
    }

    /** The same, around a character other than a digit (an e-mail address's "@"). */
    static DigitRegions of(String text, char anchor) {
        return of(text, anchor, anchor);
    }

    private static DigitRegions of(String text, char low, char high) {
        int[] clusters = new int[16];
        int count = 0;
        int lastDigit = Integer.MIN_VALUE / 2;
        int[] runStarts = new int[16];
        int runs = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < low || c > high) {
                continue;
            }
            if (lastDigit != i - 1) {
                if (runs == runStarts.length) {
                    runStarts = java.util.Arrays.copyOf(runStarts, runs * 2);
                }
                runStarts[runs++] = i;
            }
            if (i - lastDigit > MAX_GAP) {
                if (2 * count + 2 > clusters.length) {
                    clusters = java.util.Arrays.copyOf(clusters, clusters.length * 2);
                }
                clusters[2 * count] = i;
                count++;
            }
            clusters[2 * count - 1] = i + 1;
            lastDigit = i;
        }
        return new DigitRegions(text, clusters, count, runStarts, runs);
    }

    /**
     * A pattern whose every match holds a digit, with how far its matches reach before their first
     * digit and after their last.
     */
    record Bounded(Pattern pattern, int before, int after, Starts starts, int minDigits) {

        static Bounded of(String regex, int before, int after) {
            return new Bounded(Pattern.compile(regex), before, after, null, 0);
        }

        /**
         * With {@link Starts#DIGIT}: every match holds at least {@code digits} digits, separated only by
         * spaces, tabs, dots, hyphens, slashes or brackets; a number with fewer is not tried.
         */
        Bounded withAtLeast(int digits) {
            return new Bounded(pattern, before, after, starts, digits);
        }

        /**
         * The same pattern tried only where {@code starts} says a match may begin (a cheap test of a
         * character or two), instead of at every position of a region: every match must begin at such a
         * place ({@code DetectorShortcutsTest} compares the matches with the whole-text scan).
         */
        Bounded startingWhere(Starts starts) {
            return new Bounded(pattern, before, after, starts, minDigits);
        }
    }

    /** Where a match of a pattern may begin. */
    @FunctionalInterface
    interface Starts {
        boolean at(String text, int position);

        /**
         * At the first of consecutive digits: for patterns whose matches begin with a digit that no digit
         * precedes (a look-behind such as {@code (?<!\\d)}, or a run pattern whose match from a later digit
         * of the same number implies one from its first).
         */
        Starts DIGIT = (text, at) -> Chars.digit(text.charAt(at)) && (at == 0 || !Chars.digit(text.charAt(at - 1)));
    }


    /** Calls {@code match} for every match of {@code bounded}'s pattern, in text order; the matcher must not be kept. */
    void find(Bounded bounded, Consumer<Matcher> match) {
        scan(bounded, m -> {
            match.accept(m);
            return m.end();
        });
    }

    /**
     * As {@link #find(Bounded, Consumer)}, where {@code match} says where to look next (after the
     * match's start), as {@code Matcher.find(int)} would on the whole text.
     */
    void scan(Bounded bounded, ToIntFunction<Matcher> match) {
        int before = bounded.before();
        int after = bounded.after();
        Matcher m = bounded.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int i = 0;
        int run = 0;
        while (i < count) {
            int start = Math.max(0, clusters[2 * i] - before);
            int end = Math.min(text.length(), clusters[2 * i + 1] + after);
            // widened clusters that touch are one region
            while (i + 1 < count && clusters[2 * (i + 1)] - before <= end) {
                i++;
                end = Math.min(text.length(), clusters[2 * i + 1] + after);
            }
            Starts starts = bounded.starts();
            for (int from = start; from < end; ) {
                if (starts == null) {
                    m.region(from, end);
                    if (!m.find()) {
                        break;
                    }
                } else if (starts == Starts.DIGIT) {
                    // the first digits of numbers are known: tried only there
                    while (run < runs && runStarts[run] < from) {
                        run++;
                    }
                    while (run < runs && runStarts[run] < end && (digitsFrom(run) < bounded.minDigits() || !m.region(runStarts[run], end).lookingAt())) {
                        run++;
                    }
                    if (run == runs || runStarts[run] >= end) {
                        break;
                    }
                } else {
                    // the leftmost match, as find would give it: tried only where one may begin
                    int at = from;
                    while (at < end && !(starts.at(text, at) && m.region(at, end).lookingAt())) {
                        at++;
                    }
                    if (at == end) {
                        break;
                    }
                }
                from = Math.max(m.start() + 1, match.applyAsInt(m));
            }
            i++;
        }
    }
}
