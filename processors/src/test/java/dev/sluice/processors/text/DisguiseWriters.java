package dev.sluice.processors.text;

/** Writers of the disguises {@link Disguises} reads, for tests: each as a red-team tool writes it. */
public final class DisguiseWriters {

    private DisguiseWriters() {
    }

    public static String variationSelectors(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int v = b & 0xFF;
            out.appendCodePoint(v < 16 ? 0xFE00 + v : 0xE0100 + v - 16);
        }
        return out.toString();
    }

    public static String tags(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.appendCodePoint(0xE0000 + c));
        return out.toString();
    }

    /** Every word of four letters or more with its inner letters in reverse order ("instructions" gives "inoitcurtsns"). */
    public static String toScrambled(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z]{4,}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group();
            m.appendReplacement(out, w.charAt(0) + new StringBuilder(w.substring(1, w.length() - 1)).reverse().toString() + w.charAt(w.length() - 1));
        }
        return m.appendTail(out).toString();
    }

    /** Letters set apart by a space, words by two ("I g n o r e  a l l"). */
    public static String toApart(String text) {
        return java.util.Arrays.stream(text.split(" ")).map(w -> String.join(" ", w.split(""))).collect(java.util.stream.Collectors.joining("  "));
    }

    /** The text written backwards. */
    public static String toReversed(String text) {
        return new StringBuilder(text).reverse().toString();
    }

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String[] MORSE = {".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---", "-.-", ".-..", "--", "-.", "---", ".--.", "--.-",
        ".-.", "...", "-", "..-", "...-", ".--", "-..-", "-.--", "--.."};

    public static String toMorse(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.toLowerCase().split(" ")) {
            out.append(out.length() == 0 ? "" : " / ");
            StringBuilder codes = new StringBuilder();
            for (char c : word.toCharArray()) {
                codes.append(codes.length() == 0 ? "" : " ").append(MORSE[LETTERS.indexOf(c)]);
            }
            out.append(codes);
        }
        return out.toString();
    }

    public static String toPigLatin(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            int vowel = 0;
            while (vowel < word.length() && "aeiouAEIOU".indexOf(word.charAt(vowel)) < 0) {
                vowel++;
            }
            out.append(out.length() == 0 ? "" : " ").append(vowel == 0 ? word + "way" : word.substring(vowel) + word.substring(0, vowel) + "ay");
        }
        return out.toString();
    }

    public static String toCamel(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            out.append(out.length() == 0 ? word.toLowerCase() : Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase());
        }
        return out.toString();
    }

    /** Cyrillic and Greek letters for the Latin ones they look like. */
    public static String toLookAlikes(String text) {
        String latin = "aceijopsxyABEHKMOPTuvntr";
        String alike = "асеіјорѕхуАВЕНКМОРТυνոτг";
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            int k = latin.indexOf(c);
            out.append(k >= 0 ? alike.charAt(k) : c);
        }
        return out.toString();
    }

    /** Three to five marks stacked on every letter (acute, grave, tilde, macron, dot below, ring below, stroke overlay). */
    public static String toZalgo(String text) {
        String marks = "\u0301\u0300\u0303\u0304\u0323\u0325\u0336";
        StringBuilder out = new StringBuilder();
        int k = 0;
        for (char c : text.toCharArray()) {
            out.append(c);
            if (Character.isLetter(c)) {
                for (int n = 0; n < 3 + k % 3; n++) {
                    out.append(marks.charAt((k + n) % marks.length()));
                }
                k++;
            }
        }
        return out.toString();
    }

    /** Braille ASCII, a letter a cell (grade 1 letters), a blank cell for a space. */
    public static String toBraille(String text) {
        String ascii = " a1b'k2l@cif/msp\"e3h9o6r^djg>ntq,*5<-u8v.%[$+x!&;:4\\0z7(_?w]#y)=";
        StringBuilder out = new StringBuilder();
        for (char c : text.toLowerCase().toCharArray()) {
            int cell = ascii.indexOf(c);
            out.append(cell >= 0 ? (char) (0x2800 + cell) : c);
        }
        return out.toString();
    }

    /** {@code invisible} (a soft hyphen, a zero-width joiner, ...) between every two letters of each word. */
    public static String withInvisible(String text, char invisible) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            out.append(text.charAt(i));
            if (i + 1 < text.length() && Character.isLetter(text.charAt(i)) && Character.isLetter(text.charAt(i + 1))) {
                out.append(invisible);
            }
        }
        return out.toString();
    }
}
