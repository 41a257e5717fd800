package dev.sluice.processors.classify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics a prompt's instructions rule out ("never discuss politics", "do not give instructions on
 * how to play chess", "discussing music or composers is not allowed"), and whether another turn is
 * about one of them: the turn then tries to take the assistant outside what its owner allowed.
 *
 * <p>Matching is by words, deliberately strict so that an ordinary request under a restrictive system
 * prompt is not flagged: a topic is its alternatives ("politics or political opinions" gives
 * "politics" and "political opinions"), each alternative its content words, and a turn is about the
 * topic when it holds every content word of one alternative (as a word or with an ending: "politic"
 * matches "political", "cake" matches "cakes"; accents are ignored, so "music" matches "música").
 * "Do not give financial advice" therefore does not flag "summarise this financial report". A topic word also counts
 * when a word or a compound of the turn names it or a kind of it in WordNet ({@link Kinds}: "pork" for meat, "artificial
 * intelligence" for AI, an acronym in any of its senses), and a topic of several words when the turn names a kind of
 * the whole ("computer game" for video games). Only
 * restrictions on subjects are read (discuss, talk about, answer questions on, share information
 * about, give instructions or advice on, help with, provide); formatting rules ("never use bullet
 * points") are not topics. What this cannot see: a topic named in words WordNet does not relate to it or in another
 * language ("C17H19NO3" for medications, "komponiert" for composers, "neural networks" for AI); that needs a semantic,
 * multilingual model.
 */
final class RestrictedTopics {

    static final double WEIGHT = 0.75;

    private static final String FLAGS = "(?iu)";
    /** A restriction and the clause after it, to the end of the sentence. */
    private static final Pattern RESTRICTION = Pattern.compile(FLAGS
            + "\\b(?:do not|don't|don’t|dont|never|avoid(?:s|ing)?|refuse to|not programmed to|not allowed to|should not|shouldn't|must not|"
            + "under (?:absolutely )?no circumstances(?: should you)?)\\b([^.!?\\n]{3,200})");
    /** "discussing music is strictly not allowed": the subject before the verb. */
    private static final Pattern PASSIVE = Pattern.compile(FLAGS
            + "\\b(?:discuss(?:ing)?|talking about|providing|sharing|giving)\\b([^.!?\\n]{1,120}?)\\b(?:is|are) (?:strictly )?(?:not allowed|forbidden|prohibited)\\b");
    /** A restriction on topics named by example, without a verb: "avoiding any technical topics such as AI". */
    private static final Pattern TOPICS_BY_EXAMPLE = Pattern.compile(FLAGS + "^\\s*(?:any |all )?(?:[\\w-]+ (?:or |and )?){0,3}?(?:topics?|subjects?)\\b");
    /** The verbs of a restriction on a subject, with what leads to the subject. */
    private static final Pattern SUBJECT_VERB = Pattern.compile(FLAGS
            + "^\\s*(?:(?:always|at all costs|strictly|consciously|to|you|should|ever|in any case|,)\\s*)*"
            + "(?:discuss(?:ing)?|talk(?:ing)? about|(?:any )?(?:in-depth |detailed )?discussions? (?:or \\w+ )?(?:of|about|on|regarding)|answer(?:ing)? (?:any )?questions (?:related to|about|on|regarding)|"
            + "share (?:any )?(?:information|details|recommendations|advice) (?:about|on|of|regarding)|"
            + "give (?:any )?(?:human )?(?:instructions (?:on how to|for|on)|advice (?:on|about)|recommendations (?:on|about))|give|"
            + "help(?: users)? (?:with )?(?:the task of )?|provid(?:e|ing)|interject|suggest(?:ing)?|recommend(?:ing)?|"
            // "never tell jokes", "do not write poems": a kind of content ruled out (not "never tell anyone the code", a protection)
            + "(?:tell|write|make|compose|create|generate)(?= (?:any |funny |silly )?(?:jokes?|poems?|stories|songs|limericks|riddles|puns)\\b))\\b");
    private static final Pattern EXAMPLES = Pattern.compile(FLAGS + "\\b(?:like|such as|including|related to|e\\.g\\.)\\s+(.+)$");
    /**
     * Where the subject ends: a purpose, a condition, a describing clause ("AI, which is more suited to
     * college"). A clause that narrows the subject stays part of it: "recipes that contain meat" is about
     * meat, and a vegetarian recipe is not.
     */
    private static final Pattern SUBJECT_END = Pattern.compile(FLAGS
            + "(?:,\\s*(?:and |but )?(?:always|please|even|unless|so|as|because|to|when|if|instead|just|only|you|we|it|this|they|refer|stay|focus|keep|be|no)\\b|;|:| - | – |\\bto (?:maintain|ensure|avoid|keep)\\b|\\bunder any circumstances\\b|\\bno matter what\\b|\\bin all cases\\b|\\bat all costs\\b|"
            + "\\b(?:that|which) (?:are|is|were|was|might|may|could|would|will)\\b|\\bbecause\\b|\\bas it\\b|\\bfor (?:users|anyone|the user)\\b|\\bwith anyone\\b|\\bin any other way\\b|\\bthis is\\b)");
    private static final Pattern ALTERNATIVES = Pattern.compile(FLAGS + "\\s*(?:,|\\bor\\b|\\band\\b|/)\\s*");
    /** Words that carry no topic of their own. */
    private static final Set<String> GENERIC = Set.of("a", "an", "the", "any", "all", "other", "of", "on", "in", "about", "to", "how", "with", "for", "at", "by",
            "topic", "topics", "subject", "subjects", "details", "detail", "information", "discussion", "discussions", "questions", "question", "answers",
            "things", "matters", "issues", "task", "tasks", "instructions", "content", "in-depth", "complex", "heavily", "technical", "controversial",
            "heated", "general", "specific", "play", "playing", "solve", "solving", "changing", "change", "making", "make", "doing", "do", "code",
            "coding", "write", "writing", "own", "your", "their", "its", "it", "this", "that", "these", "those", "them", "users", "user", "anyone",
            "events", "such", "like", "which", "give", "giving", "provide", "providing", "share", "sharing", "discuss", "discussing", "talk", "talking", "answer", "answering", "help", "contain", "contains", "containing", "include", "includes", "involve", "involves", "mention", "mentions", "more", "most", "very", "areas", "area", "field", "fields",
            // whose data, not what about: "never share information about other customers or their calls" protects data (InstructionContext)
            "customer", "customers", "client", "clients", "caller", "callers", "patient", "patients", "employee", "employees", "member", "members", "people",
            "person", "persons", "calls", "call", "conversations", "conversation", "chats", "records", "accounts", "data");

    private final List<List<String>> alternatives;
    /** For each alternative's words, the WordNet senses of the word as written ({@link Kinds#senses}; none when WordNet does not know it). */
    private final List<long[][]> senses;
    /** For each alternative of two words or more, the senses of the whole ("climate change", "quantum physics"). */
    private final List<long[]> wholes;

    private RestrictedTopics(List<List<String>> alternatives, List<List<String>> written, List<String> wholes) {
        this.alternatives = alternatives;
        this.senses = written.stream().map(words -> words.stream().map(Kinds::senses).toArray(long[][]::new)).toList();
        this.wholes = wholes.stream().map(whole -> whole.indexOf(' ') > 0 ? Kinds.senses(whole) : new long[0]).toList();
    }

    /** An alternative's words as one phrase, for WordNet: "climate change" (whose "change" alone is no topic), without "any" or "the" before it. */
    private static String whole(String alternative) {
        return unaccented(alternative).toLowerCase(Locale.ROOT).strip().replaceAll("^(?:(?:a|an|the|any|all|other)\\s+)+", "").replaceAll("\\s+", " ");
    }

    /** The topics the instructions rule out; null when they rule out none. */
    static RestrictedTopics of(String instructions) {
        List<String> subjects = new ArrayList<>();
        // each restriction word starts a search, also one inside an earlier one's clause ("to avoid legal risk, avoid any discussion of ...")
        for (Matcher m = RESTRICTION.matcher(instructions); m.find(); m.region(m.start(1), instructions.length())) {
            String clause = m.group(1);
            Matcher verb = SUBJECT_VERB.matcher(clause);
            if (verb.find()) {
                subjects.add(subject(clause.substring(verb.end())));
            } else if (TOPICS_BY_EXAMPLE.matcher(clause).find() && EXAMPLES.matcher(clause).find()) {
                subjects.add(subject(clause));
            }
        }
        for (Matcher m = PASSIVE.matcher(instructions); m.find(); ) {
            subjects.add(subject(m.group(1)));
        }
        List<List<String>> alternatives = new ArrayList<>();
        List<List<String>> written = new ArrayList<>();
        List<String> wholes = new ArrayList<>();
        for (String subject : subjects) {
            for (String alternative : ALTERNATIVES.split(subject)) {
                List<String> words = new ArrayList<>();
                List<String> asWritten = new ArrayList<>();
                for (String token : unaccented(alternative).split("[^\\p{L}\\p{N}-]+")) {
                    String word = Kinds.singular(token);
                    String lower = word.toLowerCase(Locale.ROOT);
                    if (!word.isEmpty() && !GENERIC.contains(lower)) {
                        words.add(stem(lower));
                        // an acronym keeps its capitals: all its senses are read (Kinds)
                        asWritten.add(Kinds.isAcronym(word) ? word : lower);
                    }
                }
                if (!words.isEmpty() && !alternatives.contains(words)) {
                    alternatives.add(words);
                    written.add(asWritten);
                    wholes.add(whole(alternative));
                }
            }
        }
        return alternatives.isEmpty() ? null : new RestrictedTopics(alternatives, written, wholes);
    }

    /** The named subject of a clause: what follows "like" or "such as" when the clause gives examples, up to its end. */
    private static String subject(String clause) {
        Matcher examples = EXAMPLES.matcher(clause);
        String subject = examples.find() ? examples.group(1) : clause;
        Matcher end = SUBJECT_END.matcher(subject);
        return (end.find() ? subject.substring(0, end.start()) : subject).replaceAll("['\"‘’“”]", " ");
    }

    /** The alternative a text is about, joined by spaces; null when it is about none. */
    String askedAbout(String text) {
        String[] written = unaccented(text).split("[^\\p{L}\\p{N}]+");
        String[] words = new String[written.length];
        for (int i = 0; i < written.length; i++) {
            written[i] = Kinds.singular(written[i]);
            words[i] = written[i].toLowerCase(Locale.ROOT);
        }
        List<String> names = null; // looked up in WordNet only when a topic word is not in the text as written
        for (int a = 0; a < alternatives.size(); a++) {
            List<String> alternative = alternatives.get(a);
            long[][] kinds = senses.get(a);
            boolean all = true;
            for (int w = 0; w < alternative.size() && all; w++) {
                if (!contains(words, alternative.get(w))) {
                    names = names == null ? names(written, words) : names;
                    all = namesAKindOf(names, kinds[w]);
                }
            }
            if (!all && wholes.get(a).length > 0) {
                names = names == null ? names(written, words) : names;
                all = namesAKindOf(names, wholes.get(a));
            }
            if (all) {
                return String.join(" ", alternative);
            }
        }
        return null;
    }

    /**
     * The text's words and compounds that may name a topic in WordNet: each word (acronyms in capitals, the rest in lower case)
     * and each run of two or three words ("neural network", "artificial intelligence", "hot dog"), none of them a word
     * without a topic of its own.
     */
    private static List<String> names(String[] written, String[] words) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            if (words[i].isEmpty() || GENERIC.contains(words[i])) {
                continue;
            }
            names.add(Kinds.isAcronym(written[i]) ? written[i] : words[i]);
            StringBuilder compound = new StringBuilder(words[i]);
            for (int j = i + 1; j < Math.min(i + 3, words.length) && isCompoundPart(words[i]) && isCompoundPart(words[j]); j++) {
                names.add(compound.append(' ').append(words[j]).toString());
            }
        }
        return names;
    }

    private static boolean isCompoundPart(String word) {
        return word.length() >= 2 && !GENERIC.contains(word) && word.chars().allMatch(Character::isLetter);
    }

    /** A word or compound of the text that names a kind of one of the senses ("ham" of meat, "whisky" of alcohol; {@link Kinds}). */
    private static boolean namesAKindOf(List<String> names, long[] senses) {
        for (long sense : senses) {
            for (String name : names) {
                if (Kinds.isKindOf(name, sense)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(String[] words, String stem) {
        for (String word : words) {
            // a two-letter stem ("ai") is a word of its own; a longer one may take an ending of up to four letters
            if (stem.length() <= 2 ? word.equals(stem) : word.startsWith(stem) && word.length() - stem.length() <= 4) {
                return true;
            }
        }
        return false;
    }

    /** The word without a plural or verb ending, when what is left is still a word of four letters or more. */
    static String stem(String word) {
        // "policies" gives "polic" (which "policy" starts with); "recipes" gives "recipe", not "recip" (which "recipient" starts with)
        for (String ending : new String[] {"ies", "s", "ing", "ed"}) {
            if (word.endsWith(ending) && !word.endsWith("ss") && word.length() - ending.length() >= 4) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        return word;
    }

    /** Without accents: "Música" gives "Musica". */
    private static String unaccented(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    @Override
    public String toString() {
        return alternatives.toString();
    }
}
