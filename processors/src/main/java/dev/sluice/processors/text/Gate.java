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

    /** A pattern with its gate. */
    public record Guarded(Pattern pattern, Gate gate) {

        public static Guarded of(String regex, String gate) {
            return new Guarded(Pattern.compile(regex), Gate.of(gate));
        }

        /** Whether the pattern occurs in {@code text} ({@code lower} is {@link Gate#lower}{@code (text)}). */
        public boolean find(String text, String lower) {
            return gate.open(lower) && pattern.matcher(text).find();
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
