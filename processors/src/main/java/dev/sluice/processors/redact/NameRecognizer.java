package dev.sluice.processors.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds people, places (with street addresses) and organisations in text. There is no English NER
 * model under an Apache-compatible licence on Maven Central (see DESIGN.md), so this is a
 * feature-based recogniser of the classic kind:
 * <ol>
 *   <li>the text is split into tokens; runs of capitalised tokens (with name particles such as
 *       "van", "de", initials such as "P.", and "and"/"&amp;" inside firm names) are candidates;</li>
 *   <li>a run's words are looked up in gazetteers (first and last names, places, street words, company
 *       suffixes of ~90 locales) and in a list of common English words, and the words around it are
 *       read for cues ("Mr", "says", "lives in", "works at");</li>
 *   <li>street addresses are grown around street words and house numbers (both "12 Main Street" and
 *       "Parijsstraat 8"), with flat numbers, postcodes, towns and countries that follow.</li>
 * </ol>
 * A capitalised word that is neither common English nor at the start of a sentence is treated as a
 * name even when no list knows it: under F2, a missed name leaks, a false one only hides a word.
 * Thread-safe.
 */
final class NameRecognizer {

    private static final Set<String> PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das",
            "bin", "ibn", "al", "el", "ter", "ten", "zu", "y", "st", "mc", "mac", "o");
    private static final Set<String> NOT_NAMES = Set.of("i", "i'm", "i'll", "i've", "i'd", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "ok", "okay", "hi", "hello", "dear", "thanks", "thank", "please", "yes", "no", "mr", "mrs", "ms", "dr", "mx", "prof", "miss",
            "sir", "madam", "id", "ssn", "iban", "pin", "url", "ip", "email", "e-mail", "apt", "suite", "unit", "po", "box", "tel", "phone",
            "ai", "llm", "api", "pdf", "usa", "us", "uk", "eu", "un", "ceo", "cto", "cfo", "hr", "it", "faq", "gdpr", "pii");
    private static final Set<String> PERSON_BEFORE = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dear", "hi", "hello", "hey", "patient",
            "name", "named", "called", "by", "with", "customer", "client", "employee", "colleague", "manager", "son", "daughter", "wife", "husband",
            "mother", "father", "brother", "sister", "friend", "player", "actor", "author", "singer", "president", "minister", "ceo", "officer",
            "agent", "nurse", "doctor", "lawyer", "teacher", "mrs.", "mr.", "ms.", "dr.", "contact", "thanks", "regards", "sincerely", "cc", "from");
    private static final Set<String> PERSON_AFTER = Set.of("says", "said", "told", "asked", "wrote", "replied", "explained", "added", "who", "was",
            "is", "has", "had", "will", "would", "and", "'s", "’s", "thinks", "believes", "claims", "stated", "noted", "argued");
    private static final Set<String> PLACE_BEFORE = Set.of("in", "at", "near", "to", "from", "into", "via", "visit", "visiting", "visited", "city",
            "town", "village", "country", "state", "province", "region", "capital", "address", "located", "based", "live", "lives", "living",
            "moved", "move", "born", "across", "outside", "inside", "around", "toward", "towards");
    private static final Set<String> ORG_BEFORE = Set.of("at", "for", "by", "joined", "join", "company", "employer", "firm", "bank", "organisation",
            "organization", "client", "vendor", "supplier", "partner", "customer", "works", "work", "worked", "working", "employed", "hired",
            "acquired", "acquire", "acquisition", "subsidiary", "contract", "contracted", "insurer", "provider");
    private static final Set<String> ORG_WORDS = Set.of("bank", "insurance", "university", "college", "institute", "foundation", "agency",
            "industries", "solutions", "systems", "technologies", "technology", "consulting", "services", "international", "labs", "capital",
            "ventures", "networks", "software", "pharma", "pharmaceuticals", "media", "motors", "airlines", "energy", "logistics", "group",
            "associates", "partners", "holdings", "trust", "council", "ministry", "department", "school", "hospital", "clinic", "church",
            "society", "association", "union", "committee", "commission", "office", "authority", "court", "club", "party", "movers", "analytics",
            "risks", "health", "financial", "finance", "bancorp", "securities", "investments", "realty", "communications", "entertainment");
    private static final Set<String> SECONDARY = Set.of("apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl", "room", "rm", "box",
            "lgh", "hus", "bus", "app", "appt", "étage", "etage", "piso", "bloco", "no", "nr", "#");

    /** One word, number or punctuation mark of the text. */
    record Token(int start, int end, String text, String lower, Kind kind, boolean newlineBefore) {
        boolean capitalised() {
            return kind == Kind.WORD && Character.isUpperCase(text.codePointAt(0));
        }

        boolean allCaps() {
            return kind == Kind.WORD && text.length() >= 2 && text.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        }

        boolean is(String lowerText) {
            return lower.equals(lowerText);
        }
    }

    enum Kind { WORD, NUMBER, PUNCT }

    private final Lexicon lexicon;

    NameRecognizer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    List<PiiFinding> find(String text) {
        List<Token> tokens = tokenize(text);
        List<PiiFinding> out = new ArrayList<>();
        boolean[] taken = new boolean[tokens.size()];
        addresses(text, tokens, taken, out);
        runs(text, tokens, taken, out);
        return out;
    }

    // ---------------------------------------------------------------- tokens

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        boolean newline = true;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (c == '\n' || c == '\r') {
                    newline = true;
                }
                i++;
                continue;
            }
            if (c == '<' && placeholderEnd(text, i) > 0) {
                // an earlier redaction's placeholder, <PERSON_1>: one opaque token
                int end = placeholderEnd(text, i);
                tokens.add(new Token(i, end, text.substring(i, end), "<>", Kind.PUNCT, newline));
                newline = false;
                i = end;
                continue;
            }
            int start = i;
            Kind kind;
            if (Character.isLetter(c)) {
                i++;
                while (i < n) {
                    char d = text.charAt(i);
                    if (Character.isLetter(d) || Character.getType(d) == Character.NON_SPACING_MARK || Character.isDigit(d)) {
                        i++;
                    } else if ((d == '\'' || d == '’' || d == '-') && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                        // O'Brien, Jean-Luc; but the possessive "'s" is its own token
                        if ((d == '\'' || d == '’') && i + 2 <= n && (i + 2 == n || !Character.isLetter(text.charAt(i + 2))) && text.charAt(i + 1) == 's') {
                            break;
                        }
                        i++;
                    } else {
                        break;
                    }
                }
                // an initial or abbreviation keeps its full stop: "P.", "St.", "Rd."
                if (i < n && text.charAt(i) == '.' && i - start <= 3 && Character.isUpperCase(c)) {
                    i++;
                }
                kind = Kind.WORD;
            } else if (Character.isDigit(c)) {
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                if (i < n && Character.isLetter(text.charAt(i)) && (i + 1 == n || !Character.isLetter(text.charAt(i + 1)))) {
                    i++; // 12B
                }
                kind = Kind.NUMBER;
            } else {
                i++;
                kind = Kind.PUNCT;
            }
            String t = text.substring(start, i);
            tokens.add(new Token(start, i, t, t.toLowerCase(Locale.ROOT), kind, newline));
            newline = false;
        }
        return tokens;
    }

    private static int placeholderEnd(String text, int at) {
        int i = at + 1;
        while (i < text.length() && i - at < 40) {
            char c = text.charAt(i);
            if (c == '>') {
                return i - at > 3 ? i + 1 : -1;
            }
            if (!(Character.isUpperCase(c) || Character.isDigit(c) || c == '_')) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** The first word of a sentence is capitalised whatever it is, so capitals there prove little. */
    private static boolean sentenceStart(List<Token> tokens, int i) {
        if (i == 0 || tokens.get(i).newlineBefore()) {
            return true;
        }
        Token prev = tokens.get(i - 1);
        if (prev.kind() == Kind.PUNCT) {
            return ".!?:;\"“”(«-–—*#>".contains(prev.text());
        }
        return prev.kind() == Kind.WORD && prev.text().endsWith(".") && !Character.isUpperCase(prev.text().codePointAt(0));
    }

    private static String word(List<Token> tokens, int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).lower().replace(".", "") : "";
    }

    // ------------------------------------------------------------ addresses

    private void addresses(String text, List<Token> tokens, boolean[] taken, List<PiiFinding> out) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (taken[i] || t.kind() != Kind.WORD) {
                continue;
            }
            String w = t.lower().replace(".", "");
            boolean joined = !lexicon.streetWords.contains(w) && lexicon.isStreetWord(w) && t.capitalised();
            if (!(joined || lexicon.streetWords.contains(w) && t.capitalised())) {
                continue;
            }
            // grow left over the street's name and house number: "12 Main Street", "39 Rue Ibn El-Jazzar"
            int from = i;
            boolean number = false;
            while (from - 1 >= 0 && i - (from - 1) <= 5 && !taken[from - 1]) {
                Token p = tokens.get(from - 1);
                if (p.newlineBefore() && p.kind() == Kind.NUMBER) {
                    from--;
                    number = true;
                    break;
                }
                if (p.kind() == Kind.NUMBER || p.capitalised() && !NOT_NAMES.contains(p.lower().replace(".", ""))
                        && !(sentenceStart(tokens, from - 1) && lexicon.commonWords.contains(p.lower()))
                        || PARTICLES.contains(p.lower())) {
                    number |= p.kind() == Kind.NUMBER;
                    from--;
                    if (p.newlineBefore()) {
                        break;
                    }
                } else {
                    break;
                }
            }
            // grow right over the street's name and the house number: "Rue de la Paix 3", "Parijsstraat 8"
            int to = i + 1;
            while (to < tokens.size() && to - i <= 4 && !tokens.get(to).newlineBefore()) {
                Token q = tokens.get(to);
                if (q.kind() == Kind.NUMBER) {
                    number = true;
                    to++;
                    break;
                }
                if (q.capitalised() || PARTICLES.contains(q.lower())) {
                    to++;
                } else {
                    break;
                }
            }
            while (to > i + 1 && tokens.get(to - 1).kind() == Kind.WORD && !tokens.get(to - 1).capitalised()) {
                to--;
            }
            boolean named = from < i && tokens.get(from).kind() != Kind.NUMBER || to > i + 1 && tokens.get(i + 1).kind() == Kind.WORD || joined;
            if (!number && !(named && !lexicon.commonWords.contains(w))) {
                // "Court", "Way", "Place" alone are common words: an address needs a house number then
                if (!number && !(named && from < i)) {
                    continue;
                }
            }
            to = addressTail(tokens, to);
            markAndAdd(text, tokens, taken, from, to, PiiType.LOCATION, number ? 0.8 : 0.6, out);
            i = to - 1;
        }
    }

    /** Flat numbers, towns, states, postcodes and countries after a street: "Apt. 243, Springfield, IL 62704". */
    private int addressTail(List<Token> tokens, int to) {
        int end = to;
        int j = to;
        int lines = 0;
        while (j < tokens.size() && j - to < 14) {
            Token q = tokens.get(j);
            String w = q.lower().replace(".", "");
            if (q.newlineBefore() && ++lines > 3) {
                break;
            }
            if (q.kind() == Kind.PUNCT && (q.is(",") || q.is("#"))) {
                j++;
                continue;
            }
            if (SECONDARY.contains(w) && j + 1 < tokens.size() && tokens.get(j + 1).kind() == Kind.NUMBER) {
                j += 2;
                end = j;
                continue;
            }
            if (SECONDARY.contains(w) && j + 2 < tokens.size() && tokens.get(j + 1).is("#") && tokens.get(j + 2).kind() == Kind.NUMBER) {
                j += 3;
                end = j;
                continue;
            }
            if (q.kind() == Kind.NUMBER && q.text().length() >= 3) {
                j++;
                end = j; // postcode
                continue;
            }
            if (q.kind() == Kind.WORD && (q.capitalised() || q.allCaps()) && !NOT_NAMES.contains(w) && !lexicon.commonWords.contains(w)
                    || q.kind() == Kind.WORD && lexicon.places.contains(w) && q.capitalised()) {
                j++;
                end = j; // town, state, country
                continue;
            }
            break;
        }
        return end;
    }

    // ------------------------------------------------------------ name runs

    private void runs(String text, List<Token> tokens, boolean[] taken, List<PiiFinding> out) {
        int i = 0;
        while (i < tokens.size()) {
            if (taken[i] || !startsRun(tokens, i)) {
                i++;
                continue;
            }
            int end = i + 1;
            boolean conjunction = false;
            while (end < tokens.size() && !taken[end] && !tokens.get(end).newlineBefore()) {
                Token t = tokens.get(end);
                if (continuesRun(tokens, end)) {
                    end++;
                } else if ((PARTICLES.contains(t.lower()) || t.is("and") || t.is("&") || t.is(",") && commaList(tokens, end))
                        && end + 1 < tokens.size() && continuesRun(tokens, end + 1) && !tokens.get(end + 1).newlineBefore()) {
                    conjunction |= t.is("and") || t.is("&") || t.is(",");
                    end += 2;
                } else {
                    break;
                }
            }
            classify(text, tokens, taken, i, end, conjunction, out);
            i = end;
        }
    }

    private boolean startsRun(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        return t.capitalised() && !NOT_NAMES.contains(t.lower().replace(".", ""));
    }

    private boolean continuesRun(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        return t.capitalised() && !NOT_NAMES.contains(t.lower().replace(".", ""));
    }

    /** "Henderson, Hicks and Brown": a comma inside a run only when an "and" closes the list. */
    private static boolean commaList(List<Token> tokens, int comma) {
        for (int j = comma + 1; j < tokens.size() && j - comma <= 6; j++) {
            Token t = tokens.get(j);
            if (t.is("and") || t.is("&")) {
                return true;
            }
            if (!(t.capitalised() || t.is(","))) {
                return false;
            }
        }
        return false;
    }

    private void classify(String text, List<Token> tokens, boolean[] taken, int from, int to, boolean conjunction, List<PiiFinding> out) {
        // a sentence's first word, or a common word, leads no name: "The Princess", "My name"
        while (from < to && sentenceStart(tokens, from) && lexicon.commonWords.contains(tokens.get(from).lower())
                && !(lexicon.firstNames.contains(tokens.get(from).lower()) && from + 1 < to && lexicon.isName(tokens.get(from + 1).lower()))) {
            from++;
        }
        while (from < to && !tokens.get(from).capitalised()) {
            from++;
        }
        while (to > from && !tokens.get(to - 1).capitalised()) {
            to--;
        }
        if (from >= to) {
            return;
        }
        int common = 0;
        int names = 0;
        int firsts = 0;
        int allCaps = 0;
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (t.kind() != Kind.WORD || !t.capitalised()) {
                continue;
            }
            String w = t.lower().replace(".", "");
            if (lexicon.commonWords.contains(w)) {
                common++;
            }
            if (lexicon.isName(w)) {
                names++;
            }
            if (lexicon.firstNames.contains(w)) {
                firsts++;
            }
            if (t.allCaps() && w.length() >= 3) {
                allCaps++;
            }
        }
        int words = countWords(tokens, from, to);
        String before = word(tokens, from - 1);
        String before2 = word(tokens, from - 2);
        String after = word(tokens, to);
        String last = word(tokens, to - 1);
        String phrase = text.substring(tokens.get(from).start(), tokens.get(to - 1).end()).toLowerCase(Locale.ROOT).replace(".", "");

        boolean orgSuffix = lexicon.companySuffixes.contains(last) || ORG_WORDS.contains(last) || conjunction && words >= 2;
        boolean place = lexicon.places.contains(phrase) || placeInside(tokens, from, to);
        boolean personCue = PERSON_BEFORE.contains(before) || lexicon.personTitles.contains(before) || PERSON_AFTER.contains(after)
                || before.equals("is") && (before2.equals("name") || before2.equals("am")) || before.equals("am") && before2.equals("i");
        boolean placeCue = PLACE_BEFORE.contains(before) || after.equals(",") && lexicon.places.contains(word(tokens, to + 1));
        boolean orgCue = ORG_BEFORE.contains(before) && (ORG_BEFORE.contains(before2) || before.equals("at") || before.equals("for"));

        if (common == words && names == 0 && !place && !orgSuffix) {
            // "Border Force", "White Stripes": capitalised common words, no list knows them as names
            return;
        }
        if (common == words && words == 1 && sentenceStart(tokens, from)) {
            return;
        }
        PiiType type;
        double confidence;
        if (orgSuffix && (words >= 2 || conjunction)) {
            type = PiiType.ORGANIZATION;
            confidence = 0.75;
        } else if (place && firsts == 0) {
            type = PiiType.LOCATION;
            confidence = 0.75;
        } else if (names > 0 && (personCue || names == words || firsts > 0)) {
            type = PiiType.PERSON;
            confidence = personCue || names == words ? 0.8 : 0.65;
        } else if (allCaps == words) {
            type = PiiType.LOCATION; // towns are written in capitals in addresses: "GUÉRET", "KNIVSTA"
            confidence = 0.5;
        } else if (personCue || names > 0) {
            type = PiiType.PERSON;
            confidence = 0.6;
        } else if (placeCue && !orgCue) {
            type = PiiType.LOCATION;
            confidence = 0.55;
        } else if (orgCue) {
            type = PiiType.ORGANIZATION;
            confidence = 0.55;
        } else {
            type = PiiType.PERSON;
            confidence = 0.45;
        }
        markAndAdd(text, tokens, taken, from, to, type, confidence, out);
    }

    private boolean placeInside(List<Token> tokens, int from, int to) {
        // "Villafranca del Cid", "New Zealand", or one known place inside a longer run
        for (int a = from; a < to; a++) {
            StringBuilder sb = new StringBuilder();
            for (int b = a; b < to && b - a < lexicon.longestPlace; b++) {
                if (b > a) {
                    sb.append(' ');
                }
                sb.append(tokens.get(b).lower());
                if (b - a >= 0 && lexicon.places.contains(sb.toString()) && (b > a || to - from == 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int countWords(List<Token> tokens, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (tokens.get(k).capitalised()) {
                n++;
            }
        }
        return n;
    }

    private static void markAndAdd(String text, List<Token> tokens, boolean[] taken, int from, int to, PiiType type, double confidence,
                                   List<PiiFinding> out) {
        for (int k = from; k < to; k++) {
            taken[k] = true;
        }
        int start = tokens.get(from).start();
        int end = tokens.get(to - 1).end();
        out.add(new PiiFinding(type, start, end, text.substring(start, end), confidence));
    }
}
