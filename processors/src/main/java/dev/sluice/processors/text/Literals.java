package dev.sluice.processors.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of many literals a text contains, found in one pass (an Aho-Corasick automaton) instead of one
 * {@link String#indexOf} per literal. The injection rules' gates name about 300 literals; asking
 * {@code indexOf} for each costs ~28 us on 1 KB of business text, because every absent literal means a
 * scan of the whole text.
 *
 * <p>Written here rather than taken from a library: the Aho-Corasick library on Maven Central
 * ({@code org.ahocorasick:ahocorasick} 0.6.3, last released 2021) keeps its transitions in a hash map per
 * state and reports every hit as an object; it took 12 us for the same 300 literals on the same text.
 * This automaton is a dense table over the few characters the literals use (every other character leads
 * back to the start), which one 1 KB text walks in ~2 us.
 *
 * <p>Literals are matched against {@link Gate#lower ASCII-lower-cased} text. A literal with a character
 * beyond ASCII (the gates of the multilingual rules) is looked for with {@code indexOf}, and only when
 * the text has such a character.
 */
public final class Literals {

    private final Map<String, Integer> ids;
    /** The column of each ASCII character: 0 for those no literal uses. */
    private final byte[] columns = new byte[128];
    private final int width;
    /** {@code next[state * width + column]}: the automaton, every transition filled in. */
    private final int[] next;
    /** The literals that end at each state (its own and those of its suffix states); null when none. */
    private final int[][] ending;
    private final String[] wide;
    private final int[] wideIds;

    private Literals(List<String> literals) {
        ids = new LinkedHashMap<>();
        for (String literal : literals) {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
            ids.putIfAbsent(literal, ids.size());
        }
        List<String> ascii = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String literal : ids.keySet()) {
            (literal.chars().allMatch(c -> c < 0x80) ? ascii : others).add(literal);
        }
        wide = others.toArray(String[]::new);
        wideIds = others.stream().mapToInt(ids::get).toArray();
        int used = 1;
        for (String literal : ascii) {
            for (char c : literal.toCharArray()) {
                if (columns[c] == 0) {
                    columns[c] = (byte) used++;
                }
            }
        }
        if (used > Byte.MAX_VALUE) {
            throw new IllegalStateException("more distinct characters than columns");
        }
        width = used;
        // the trie
        List<int[]> children = new ArrayList<>();
        List<List<Integer>> own = new ArrayList<>();
        children.add(new int[width]);
        own.add(new ArrayList<>());
        for (String literal : ascii) {
            int state = 0;
            for (char c : literal.toCharArray()) {
                int column = columns[c];
                if (children.get(state)[column] == 0) {
                    children.get(state)[column] = children.size();
                    children.add(new int[width]);
                    own.add(new ArrayList<>());
                }
                state = children.get(state)[column];
            }
            own.get(state).add(ids.get(literal));
        }
        // breadth first: each state's failure (its longest proper suffix that is a state), then its row
        int states = children.size();
        next = new int[states * width];
        int[] failure = new int[states];
        ending = new int[states][];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int column = 0; column < width; column++) {
            int child = children.get(0)[column];
            next[column] = child;
            if (child != 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            List<Integer> out = new ArrayList<>(own.get(state));
            int[] inherited = ending[failure[state]];
            if (inherited != null) {
                for (int id : inherited) {
                    out.add(id);
                }
            }
            ending[state] = out.isEmpty() ? null : out.stream().mapToInt(Integer::intValue).toArray();
            for (int column = 0; column < width; column++) {
                int child = children.get(state)[column];
                if (child != 0) {
                    failure[child] = next[failure[state] * width + column];
                    next[state * width + column] = child;
                    queue.add(child);
                } else {
                    next[state * width + column] = next[failure[state] * width + column];
                }
            }
        }
    }

    public static Literals of(List<String> literals) {
        return new Literals(literals);
    }

    /** The id of a literal given to {@link #of}: its index among the distinct literals. */
    public int id(String literal) {
        Integer id = ids.get(literal);
        if (id == null) {
            throw new IllegalArgumentException("not one of the literals: " + literal);
        }
        return id;
    }

    /** The literals {@code lower} (a {@link Gate#lower} text) contains, as bits by id. */
    public long[] find(String lower) {
        long[] found = new long[(ids.size() + 63) >>> 6];
        int state = 0;
        boolean beyondAscii = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int column;
            if (c < 0x80) {
                column = columns[c];
            } else {
                beyondAscii = true;
                column = 0;
            }
            state = next[state * width + column];
            int[] end = ending[state];
            if (end != null) {
                for (int id : end) {
                    found[id >>> 6] |= 1L << id;
                }
            }
        }
        if (beyondAscii) {
            for (int k = 0; k < wide.length; k++) {
                if (lower.contains(wide[k])) {
                    found[wideIds[k] >>> 6] |= 1L << wideIds[k];
                }
            }
        }
        return found;
    }

    public static boolean has(long[] found, int id) {
        return (found[id >>> 6] & (1L << id)) != 0;
    }

    @Override
    public String toString() {
        return "Literals" + Arrays.toString(ids.keySet().toArray());
    }
}
