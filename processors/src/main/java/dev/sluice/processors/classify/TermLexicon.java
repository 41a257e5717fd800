package dev.sluice.processors.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Terms that stand for labels (a prompt's business domains, the sensitive terms), found in a text in any of their word
 * forms: "invoices", "invoiced" and "invoicing" are the keyword "invoice", "performance reviews" the phrase "performance
 * review". A label's terms are its configured keywords and, where the configuration names them, the kinds of things its
 * anchor nouns stand for in WordNet ({@link Kinds#below}: "disease" brings "dementia", "anaphylaxis", "asthma"; "law"
 * brings "tort" and "subpoena"). A term that stands for several labels counts a part for each.
 *
 * <p>Why by hand: the keyword classifier counted whole words as written, so a plural was no hit ("contracts", "patients",
 * "invoices" named no domain), and a stemmer (Snowball) both over-reaches ("medical" and "medication" share "medic") and
 * rewrites every word; here each word of the text is looked up as it is and, only when it is not a term, with an
 * inflection's ending taken off. The look-up hashes the text's characters in place ({@link Table}), so a 1 KB prompt costs
 * a few microseconds and no allocation.
 */
final class TermLexicon {

    /** The labels a term stands for, as indices into {@link #labels}, and whether it was configured (not a kind). */
    private record Entry(int[] labels, boolean configured) {
    }

    private final List<String> labels;
    private final Table<Entry> terms;
    /** The first words of terms of more than one word, with how many words the longest of them has. */
    private final Table<Integer> phraseStarts;

    /**
     * @param keywords label to its configured terms (words or phrases)
     * @param anchors  label to nouns whose WordNet kinds are terms of it too ("disease", "interest#4" for a noun's fourth sense); may be empty
     */
    TermLexicon(Map<String, List<String>> keywords, Map<String, List<String>> anchors) {
        TreeSet<String> sorted = new TreeSet<>(keywords.keySet());
        sorted.addAll(anchors.keySet());
        this.labels = List.copyOf(sorted);
        Map<String, Set<Integer>> byTerm = new LinkedHashMap<>();
        Set<String> configured = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            for (String keyword : keywords.getOrDefault(labels.get(i), List.of())) {
                String term = normal(keyword);
                if (!term.isEmpty()) {
                    byTerm.computeIfAbsent(term, t -> new HashSet<>()).add(i);
                    configured.add(term);
                }
            }
            for (String anchor : anchors.getOrDefault(labels.get(i), List.of())) {
                for (String kind : Kinds.below(anchor)) {
                    String term = normal(kind);
                    if (!term.isEmpty()) {
                        byTerm.computeIfAbsent(term, t -> new HashSet<>()).add(i);
                    }
                }
            }
        }
        this.terms = new Table<>(byTerm.size());
        Map<String, Integer> starts = new LinkedHashMap<>();
        byTerm.forEach((term, set) -> {
            terms.put(term, new Entry(set.stream().mapToInt(Integer::intValue).sorted().toArray(), configured.contains(term)));
            String[] words = term.split(" ");
            if (words.length > 1) {
                starts.merge(words[0], words.length, Math::max);
            }
        });
        this.phraseStarts = new Table<>(starts.size());
        starts.forEach(phraseStarts::put);
    }

    /** Lower case, words split as {@link #words} splits them, one space between. */
    private static String normal(String term) {
        Words w = words(term.toLowerCase(Locale.ROOT));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < w.count; i++) {
            out.append(i == 0 ? "" : " ").append(w.text, w.starts[i], w.ends[i]);
        }
        return out.toString();
    }

    List<String> labels() {
        return labels;
    }

    /**
     * What a text holds of each label's terms.
     *
     * @param scores     per label, each term found counting 1 divided by the number of labels it stands for
     * @param hits       per label, how many terms of it were found
     * @param configured per label, how many of them were configured keywords (not kinds)
     * @param found      the terms found, as written in the text, with the labels they stand for (when asked for)
     */
    record Matches(double[] scores, int[] hits, int[] configured, Map<String, List<String>> found) {
    }

    /** The terms of {@code words} (a lower-cased text's words), longest first at each word; {@link Matches#found} left empty. */
    Matches match(Words words) {
        return match(words, false);
    }

    /** @param collect whether to say which terms were found ({@link Matches#found}), for people inspecting a classification */
    Matches match(Words words, boolean collect) {
        double[] scores = new double[labels.size()];
        int[] hits = new int[labels.size()];
        int[] configured = new int[labels.size()];
        Map<String, List<String>> found = collect ? new LinkedHashMap<>() : Map.of();
        for (int i = 0; i < words.count; i++) {
            Entry entry = null;
            int length = 1;
            Integer longest = phraseStarts.get(words, i, i + 1);
            for (int n = longest == null ? 0 : Math.min(longest, words.count - i); n >= 2 && entry == null; n--) {
                entry = inflected(words, i, i + n);
                length = n;
            }
            if (entry == null) {
                entry = inflected(words, i, i + 1);
                length = 1;
            }
            if (entry == null) {
                continue;
            }
            for (int label : entry.labels()) {
                scores[label] += 1.0 / entry.labels().length;
                hits[label]++;
                configured[label] += entry.configured() ? 1 : 0;
            }
            if (collect) {
                List<String> named = new ArrayList<>(entry.labels().length);
                for (int label : entry.labels()) {
                    named.add(labels.get(label));
                }
                found.putIfAbsent(words.text.substring(words.starts[i], words.ends[i + length - 1]), named);
            }
            i += length - 1;
        }
        return new Matches(scores, hits, configured, found);
    }

    /**
     * The term words {@code from} to {@code to} (exclusive) are, the last as written or without an inflection's ending
     * ("contracts", "taxes", "policies", "invoicing", "auditing", "invoiced", "audited"); null if none.
     */
    private Entry inflected(Words words, int from, int to) {
        Entry entry = terms.get(words, from, to);
        if (entry != null) {
            return entry;
        }
        int start = words.starts[to - 1];
        int end = words.ends[to - 1];
        int n = end - start;
        if (n < 4) {
            return null;
        }
        String t = words.text;
        if (t.startsWith("ies", end - 3)) {
            return terms.getWithout(words, from, to, 3, 'y');
        }
        if (t.charAt(end - 1) == 's' && t.charAt(end - 2) != 's') {
            entry = terms.getWithout(words, from, to, 1, '\0');
            return entry != null || t.charAt(end - 2) != 'e' ? entry : terms.getWithout(words, from, to, 2, '\0');
        }
        if (n > 5 && t.startsWith("ing", end - 3)) {
            entry = terms.getWithout(words, from, to, 3, '\0');
            return entry != null ? entry : terms.getWithout(words, from, to, 3, 'e');
        }
        if (t.startsWith("ed", end - 2)) {
            entry = terms.getWithout(words, from, to, 1, '\0');
            return entry != null ? entry : terms.getWithout(words, from, to, 2, '\0');
        }
        return null;
    }

    /**
     * A hash table of terms looked up by a run of a text's words, one space between them, without cutting them out of the
     * text: the hash is {@link String#hashCode}'s, computed over the characters in place.
     */
    private static final class Table<V> {
        private final String[] keys;
        private final Object[] values;
        private final int mask;

        Table(int size) {
            int capacity = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
            keys = new String[capacity];
            values = new Object[capacity];
            mask = capacity - 1;
        }

        void put(String key, V value) {
            int slot = spread(key.hashCode()) & mask;
            while (keys[slot] != null && !keys[slot].equals(key)) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
        }

        /** The value of words {@code from} to {@code to} (exclusive) as written, or null. */
        V get(Words words, int from, int to) {
            if (to == from + 1) { // one word: its hash was taken when the text was split
                int length = words.ends[from] - words.starts[from];
                for (int slot = spread(words.hashes[from]) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
                    if (keys[slot].length() == length && keys[slot].regionMatches(0, words.text, words.starts[from], length)) {
                        return value(slot);
                    }
                }
                return null;
            }
            return getWithout(words, from, to, 0, '\0');
        }

        @SuppressWarnings("unchecked")
        private V value(int slot) {
            return (V) values[slot];
        }

        /** The value of words {@code from} to {@code to}, the last without its final {@code drop} characters and with {@code add} after them ('\0': none). */
        V getWithout(Words words, int from, int to, int drop, char add) {
            String text = words.text;
            if (to == from + 1) {
                // one word: its hash without its last characters, undone from the whole word's (31 is odd, so it has an
                // inverse modulo 2^32, and hash = 31 * prefixHash + lastChar is solved for prefixHash)
                int hash = words.hashes[from];
                for (int c = words.ends[from] - 1; c >= words.ends[from] - drop; c--) {
                    hash = (hash - text.charAt(c)) * INVERSE_31;
                }
                int length = words.ends[from] - drop - words.starts[from];
                if (add != '\0') {
                    hash = 31 * hash + add;
                }
                for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
                    String key = keys[slot];
                    if (key.length() == length + (add == '\0' ? 0 : 1) && key.regionMatches(0, text, words.starts[from], length)
                            && (add == '\0' || key.charAt(length) == add)) {
                        return value(slot);
                    }
                }
                return null;
            }
            int hash = 0;
            int length = 0;
            for (int w = from; w < to; w++) {
                if (w > from) {
                    hash = 31 * hash + ' ';
                    length++;
                }
                int end = w == to - 1 ? words.ends[w] - drop : words.ends[w];
                for (int c = words.starts[w]; c < end; c++) {
                    hash = 31 * hash + text.charAt(c);
                }
                length += end - words.starts[w];
            }
            if (add != '\0') {
                hash = 31 * hash + add;
                length++;
            }
            for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
                if (keys[slot].length() == length && matches(keys[slot], words, from, to, drop, add)) {
                    return value(slot);
                }
            }
            return null;
        }

        private static boolean matches(String key, Words words, int from, int to, int drop, char add) {
            int k = 0;
            for (int w = from; w < to; w++) {
                if (w > from && key.charAt(k++) != ' ') {
                    return false;
                }
                int start = words.starts[w];
                int end = w == to - 1 ? words.ends[w] - drop : words.ends[w];
                if (!key.regionMatches(k, words.text, start, end - start)) {
                    return false;
                }
                k += end - start;
            }
            return add == '\0' || key.charAt(k) == add;
        }

        /** 31 * INVERSE_31 == 1 in int arithmetic. */
        private static final int INVERSE_31 = 0xBDEF7BDF;

        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }
    }

    /** A lower-cased text's words: runs of letters and digits, with an inner hyphen or ampersand ("follow-up", "p&l"). */
    static final class Words {
        final String text;
        final int[] starts;
        final int[] ends;
        /** Each word's {@link String#hashCode}. */
        final int[] hashes;
        final int count;

        private Words(String text, int[] starts, int[] ends, int[] hashes, int count) {
            this.text = text;
            this.starts = starts;
            this.ends = ends;
            this.hashes = hashes;
            this.count = count;
        }
    }

    static Words words(String lower) {
        int n = lower.length();
        int[] starts = new int[Math.max(16, n / 5)];
        int[] ends = new int[starts.length];
        int[] hashes = new int[starts.length];
        int count = 0;
        int i = 0;
        while (i < n) {
            if (!Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int hash = 0;
            char c;
            while (i < n && (Character.isLetterOrDigit(c = lower.charAt(i))
                    || ((c == '-' || c == '&') && i + 1 < n && Character.isLetterOrDigit(lower.charAt(i + 1))))) {
                hash = 31 * hash + c;
                i++;
            }
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
                hashes = java.util.Arrays.copyOf(hashes, count * 2);
            }
            starts[count] = start;
            hashes[count] = hash;
            ends[count++] = i;
        }
        return new Words(lower, starts, ends, hashes, count);
    }
}
