package dev.sluice.processors.text;

/**
 * Character classes the detectors test for every character of every prompt, ASCII answered without
 * the JDK's character tables (the common case on the hot path), other characters by them.
 */
public final class Chars {

    private Chars() {
    }

    /** {@link Character#isLetterOrDigit(int)}. */
    public static boolean letterOrDigit(int c) {
        return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9' : Character.isLetterOrDigit(c);
    }

    /** {@link Character#isLetter(char)}. */
    public static boolean letter(char c) {
        return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c);
    }

    /** An ASCII digit, 0-9. */
    public static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** An ASCII capital, A-Z. */
    public static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** A hexadecimal digit, either case. */
    public static boolean hexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
