package dev.sluice.processors.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A cheap necessary condition for a pattern: literal substrings that every match of the pattern
 * contains. A pattern whose gate is shut cannot match, so it is not run. Scanning 1 KB with a
 * {@code java.util.regex} pattern costs 10-150 us (each start position is tried); looking for a few
 * literals with {@link String#indexOf} costs well under a microsecond each, so a detector with dozens
 * of patterns runs only the few whose words occur.
 *
 * <p>Written as {@code "a|b & c|d ; e"}: branches separated by {@code ;} (the gate is open when any
 * branch is), each branch a conjunction ({@code &}) of alternatives ({@code |}). Literals are matched
 * against {@link #lower(String) ASCII-lower-cased} text and must be written in lower case; spaces
 * inside a literal are kept, those around separators are not. A gate must be implied by its pattern:
 * the tests check it on every labelled text the project has.
 */
public final class Gate {

    private final String[][][] branches;
    private final String spec;

    private Gate(String[][][] branches, String spec) {
        this.branches = branches;
        this.spec = spec;
    }

    /** A gate that is always open (for a pattern no literal is required by). */
    public static final Gate OPEN = new Gate(new String[][][] {{}}, "");

    public static Gate of(String spec) {
        List<String[][]> branches = new ArrayList<>();
        for (String branch : spec.split(";")) {
            List<String[]> all = new ArrayList<>();
            for (String any : branch.split("&")) {
                List<String> literals = new ArrayList<>();
                for (String literal : any.split("\\|")) {
                    String trimmed = literal.strip();
                    if (trimmed.isEmpty() || !trimmed.equals(lower(trimmed))) {
                        throw new IllegalArgumentException("gate literal must be non-empty and lower case: '" + literal + "' in " + spec);
                    }
                    literals.add(trimmed);
                }
                all.add(literals.toArray(String[]::new));
            }
            branches.add(all.toArray(String[][]::new));
        }
        return new Gate(branches.toArray(String[][][]::new), spec);
    }

    /** The literals: alternatives ({@code |}) within conjunctions ({@code &}) within branches ({@code ;}). */
    String[][][] branches() {
        return branches;
    }

    /** Whether a pattern guarded by this gate can match a text whose {@link #lower} form is {@code lower}. */
    public boolean open(String lower) {
        for (String[][] branch : branches) {
            if (all(branch, lower)) {
                return true;
            }
        }
        return false;
    }

    private static boolean all(String[][] branch, String lower) {
        for (String[] any : branch) {
            if (!any(any, lower)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(String[] literals, String lower) {
        for (String literal : literals) {
            if (lower.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /**
     * ASCII letters lower-cased, everything else as is: the same length and offsets as the text, and
     * the same folding as a pattern's {@code (?i)} flag without {@code UNICODE_CASE}.
     */
    public static String lower(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii) {
            // the same for ASCII text, in one byte a character
            return text.toLowerCase(java.util.Locale.ROOT);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    char d = chars[j];
                    if (d >= 'A' && d <= 'Z') {
                        chars[j] = (char) (d + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }

    /** Whether {@code text} from {@code at}, {@link #lower ASCII-lower-cased}, starts with {@code lowerWord}. */
    public static boolean equalsLowered(String lowerWord, String text, int at) {
        if (at + lowerWord.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < lowerWord.length(); k++) {
            char c = text.charAt(at + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A pattern with its gate.
     *
     * @param led every match begins where one of the gate's literals occurs (a gate of one list of
     *            literals, such as the words of {@code \b(?:phone|fax)\b}): the pattern is then tried
     *            only at those places instead of at every position of the text
     */
    public record Guarded(Pattern pattern, Gate gate, boolean led) {

        public Guarded {
            if (led && (gate.branches.length != 1 || gate.branches[0].length != 1)) {
                throw new IllegalArgumentException("a led pattern's gate is one list of literals: " + gate);
            }
        }

        public Guarded(Pattern pattern, Gate gate) {
            this(pattern, gate, false);
        }

        public static Guarded of(String regex, String gate) {
            return new Guarded(Pattern.compile(regex), Gate.of(gate), false);
        }

        /** A pattern whose every match starts with one of {@code literals} ({@code "a|b|c"}). */
        public static Guarded led(String regex, String literals) {
            return new Guarded(Pattern.compile(regex), Gate.of(literals), true);
        }

        /** Whether the pattern occurs in {@code text} ({@code lower} is {@link Gate#lower}{@code (text)}). */
        public boolean find(String text, String lower) {
            if (!led) {
                return gate.open(lower) && pattern.matcher(text).find();
            }
            java.util.regex.Matcher m = null;
            for (String literal : gate.branches[0][0]) {
                for (int at = lower.indexOf(literal); at >= 0; at = lower.indexOf(literal, at + 1)) {
                    if (m == null) {
                        m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                    }
                    if (m.region(at, text.length()).lookingAt()) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Every match of a {@code led} pattern in text order, as {@code Matcher.find} would give them: the
         * pattern is tried only where a literal occurs.
         */
        public void findAll(String text, String lower, java.util.function.Consumer<java.util.regex.MatchResult> match) {
            if (!led) {
                throw new IllegalStateException("findAll needs a led pattern: " + pattern);
            }
            java.util.List<Integer> starts = new java.util.ArrayList<>();
            for (String literal : gate.branches[0][0]) {
                for (int at = lower.indexOf(literal); at >= 0; at = lower.indexOf(literal, at + 1)) {
                    starts.add(at);
                }
            }
            if (starts.isEmpty()) {
                return;
            }
            starts.sort(null);
            java.util.regex.Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            int end = 0;
            for (int at : starts) {
                if (at >= end && m.region(at, text.length()).lookingAt()) {
                    match.accept(m.toMatchResult());
                    end = Math.max(m.end(), at + 1);
                }
            }
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
