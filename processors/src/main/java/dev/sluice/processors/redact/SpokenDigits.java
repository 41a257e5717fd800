package dev.sluice.processors.redact;

import dev.sluice.processors.text.Chars;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers written out digit by digit in words, as transcriptions of calls and voicemails have them: "call me back at two
 * one four, five five five, zero one nine eight", "my card is four one one one ..." ("oh" for zero, "double five" for
 * "55"). No library reads these (number-to-words libraries read "two hundred and fourteen", not a spoken digit string),
 * and the pattern recognisers see no digit, so a phone number or card spoken this way would pass to a provider.
 *
 * <p>One pass over the words: only words of two to six letters that begin as a digit's word does are compared, so an
 * ordinary text costs a few comparisons per word.
 */
final class SpokenDigits {

    /** Digits a run needs before it can be a phone number. */
    static final int MIN_DIGITS = 7;

    private static final String[] WORDS = {"zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    private static final int[] VALUES = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    private SpokenDigits() {
    }

    /**
     * Whether the lower-cased text holds the words of a run at all: each digit's word occurs at least {@value #MIN_DIGITS}
     * times in all (counted as substrings, with {@code String.indexOf}, so "phone" counts a "one"; an over-count only means
     * the text is read word by word). Most texts hold two or three and are not read further.
     */
    static boolean mayHoldRun(String lower) {
        int count = 0;
        for (String word : WORDS) {
            for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length())) {
                if (++count >= MIN_DIGITS) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A run of digits spoken in words: where it stands in the text and the digits it says. */
    record Run(int start, int end, String digits) {
    }

    /** The runs of at least {@value #MIN_DIGITS} spoken digits, separated only by spaces, commas, hyphens or full stops. */
    static List<Run> find(String text) {
        List<Run> out = new ArrayList<>();
        StringBuilder digits = new StringBuilder();
        int runStart = -1;
        int runEnd = -1;
        int repeat = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!Chars.letter(c)) {
                if (" ,-.\t".indexOf(c) < 0 && runStart >= 0) {
                    runStart = close(text, runStart, runEnd, digits, out);
                    repeat = 1;
                }
                i++;
                continue;
            }
            int start = i;
            while (i < n && Chars.letter(text.charAt(i))) {
                i++;
            }
            int length = i - start;
            int value = length >= 2 && length <= 6 ? value(text, start, length) : -1;
            if (value >= 0) {
                for (int r = 0; r < repeat; r++) {
                    digits.append((char) ('0' + value));
                }
                repeat = 1;
                if (runStart < 0) {
                    runStart = start;
                }
                runEnd = i;
            } else if (length == 6 && text.regionMatches(true, start, "double", 0, 6) || length == 6 && text.regionMatches(true, start, "triple", 0, 6)) {
                repeat = Character.toLowerCase(text.charAt(start)) == 'd' ? 2 : 3; // "double five": 55
                if (runStart < 0) {
                    runStart = start;
                }
            } else if (runStart >= 0) {
                runStart = close(text, runStart, runEnd, digits, out);
                repeat = 1;
            }
        }
        if (runStart >= 0) {
            close(text, runStart, runEnd, digits, out);
        }
        return out;
    }

    /** Adds the run if it holds enough digits and clears it; returns -1, the start of no run. */
    private static int close(String text, int start, int end, StringBuilder digits, List<Run> out) {
        if (digits.length() >= MIN_DIGITS && end > start) {
            out.add(new Run(start, end, digits.toString()));
        }
        digits.setLength(0);
        return -1;
    }

    /** The digit a word of {@code length} letters at {@code start} says, or -1. */
    private static int value(String text, int start, int length) {
        char first = Character.toLowerCase(text.charAt(start));
        if ("zotfsen".indexOf(first) < 0) {
            return -1;
        }
        for (int k = 0; k < WORDS.length; k++) {
            if (WORDS[k].length() == length && WORDS[k].charAt(0) == first && text.regionMatches(true, start, WORDS[k], 0, length)) {
                return VALUES[k];
            }
        }
        return -1;
    }
}
