package dev.sluice.processors.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Many gates judged together: their literals are found in one pass over the text ({@link Literals}),
 * then each gate is read off the literals found. Gives the same answers as {@link Gate#open} for each
 * gate ({@code GatesTest} checks it), for the cost of one scan instead of one per literal.
 */
public final class Gates {

    private final Literals literals;
    /** For each gate: its branches, each a conjunction of alternatives, as literal ids. */
    private final int[][][][] ids;

    public Gates(List<Gate> gates) {
        List<String> all = new ArrayList<>();
        for (Gate gate : gates) {
            for (String[][] branch : gate.branches()) {
                for (String[] any : branch) {
                    all.addAll(List.of(any));
                }
            }
        }
        literals = Literals.of(all);
        ids = new int[gates.size()][][][];
        for (int g = 0; g < gates.size(); g++) {
            String[][][] branches = gates.get(g).branches();
            ids[g] = new int[branches.length][][];
            for (int b = 0; b < branches.length; b++) {
                ids[g][b] = new int[branches[b].length][];
                for (int a = 0; a < branches[b].length; a++) {
                    ids[g][b][a] = java.util.Arrays.stream(branches[b][a]).mapToInt(literals::id).toArray();
                }
            }
        }
    }

    /** Whether each gate, in the order given, is open for a text whose {@link Gate#lower} form is {@code lower}. */
    public boolean[] open(String lower) {
        long[] found = literals.find(lower);
        boolean[] open = new boolean[ids.length];
        for (int g = 0; g < ids.length; g++) {
            open[g] = open(ids[g], found);
        }
        return open;
    }

    private static boolean open(int[][][] branches, long[] found) {
        for (int[][] branch : branches) {
            if (all(branch, found)) {
                return true;
            }
        }
        return false;
    }

    private static boolean all(int[][] branch, long[] found) {
        for (int[] any : branch) {
            if (!any(any, found)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(int[] alternatives, long[] found) {
        for (int id : alternatives) {
            if (Literals.has(found, id)) {
                return true;
            }
        }
        return false;
    }
}
