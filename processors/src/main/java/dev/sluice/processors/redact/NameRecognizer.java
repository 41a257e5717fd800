package dev.sluice.processors.redact;

import dev.sluice.processors.text.Chars;
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

    private static final Set<String> PARTICLES = Lexicon.lookup(List.of("van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "des", "dos", "das",
            "bin", "ibn", "al", "el", "ter", "ten", "zu", "y", "st", "mc", "mac", "o"));
    private static final Set<String> NOT_NAMES = Lexicon.lookup(List.of("i", "i'm", "i'll", "i've", "i'd", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "ok", "okay", "hi", "hello", "dear", "thanks", "thank", "please", "yes", "no", "mr", "mrs", "ms", "dr", "mx", "prof", "miss",
            "sir", "madam", "id", "ssn", "iban", "pin", "url", "ip", "email", "e-mail", "apt", "suite", "unit", "po", "box", "tel", "phone",
            "ai", "llm", "api", "pdf", "usa", "us", "uk", "eu", "un", "ceo", "cto", "cfo", "hr", "it", "faq", "gdpr", "pii"));
    private static final Set<String> SEASONS = Set.of("spring", "summer", "autumn", "fall", "winter");
    /** "jan" ... "dec" from the JDK's English locale data (as the lexicon's month names), and "sept". */
    private static final Set<String> MONTH_ABBREVIATIONS = java.util.stream.Stream.concat(
            java.util.Arrays.stream(java.text.DateFormatSymbols.getInstance(java.util.Locale.ENGLISH).getShortMonths()), java.util.stream.Stream.of("sept"))
            .filter(m -> !m.isEmpty()).map(m -> m.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** "mon" ... "sun" from the JDK's English locale data. */
    private static final Set<String> WEEKDAY_ABBREVIATIONS = java.util.Arrays.stream(java.text.DateFormatSymbols.getInstance(java.util.Locale.ENGLISH).getShortWeekdays())
            .filter(d -> !d.isEmpty()).map(d -> d.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("(19|20)\\d\\d");
    private static final Set<String> PERSON_BEFORE = Lexicon.lookup(List.of("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dear", "hi", "hello", "hey", "patient",
            "name", "named", "called", "by", "with", "customer", "client", "employee", "colleague", "manager", "son", "daughter", "wife", "husband",
            "mother", "father", "brother", "sister", "friend", "player", "actor", "author", "singer", "president", "minister", "ceo", "officer",
            "agent", "nurse", "doctor", "lawyer", "teacher", "contact", "thanks", "regards", "sincerely", "cc"));
    private static final Set<String> PERSON_AFTER = Lexicon.lookup(List.of("says", "said", "told", "asked", "wrote", "replied", "explained", "added", "who", "was",
            "is", "has", "had", "will", "would", "and", "'s", "’s", "thinks", "believes", "claims", "stated", "noted", "argued"));
    private static final Set<String> PLACE_BEFORE = Lexicon.lookup(List.of("in", "at", "near", "to", "from", "into", "via", "visit", "visiting", "visited", "city",
            // German and Dutch "from" and "to" ("aus Regensburg", "nach Hamburg", "uit Utrecht", "naar Tilburg")
            "aus", "nach", "uit", "naar",
            "town", "village", "country", "state", "province", "region", "capital", "address", "located", "based", "live", "lives", "living",
            "moved", "move", "born", "across", "outside", "inside", "around", "toward", "towards"));
    /** Ship prefixes of US military mail addresses. */
    private static final Set<String> SHIPS = Lexicon.lookup(List.of("usns", "uss", "usnv", "uscgc"));
    /** Function words that, capitalised inside a run, show a title in title case. */
    private static final Set<String> HEADLINE_WORDS = Lexicon.lookup(List.of("the", "of", "to", "in", "for", "with", "but", "on", "is", "are", "was", "you",
            "your", "you're", "my", "a", "an", "how", "why", "what", "not", "be"));
    /** Words after a run that make it an organisation: "the Legistorm office", "Exversion Orchestra". */
    private static final Set<String> ORG_AFTER = Lexicon.lookup(List.of("office", "offices", "headquarters", "hq", "employees", "staff", "shares", "stock",
            "board", "spokesperson", "spokesman", "spokeswoman", "subsidiary", "orchestra", "band", "choir", "inc", "corp", "ltd", "llc"));
    /** Words that start a sentence rather than a firm's name. */
    private static final Set<String> NOT_FIRM_START = Lexicon.lookup(List.of("the", "a", "an", "my", "our", "your", "their", "his", "her", "its", "this", "that",
            "in", "at", "for", "from", "with", "by", "to", "of", "on", "and", "but", "or", "if", "when", "while", "after", "before", "during"));
    /** Two words before a run that make it a place whatever the run is: "originally from Dolores". */
    private static final Set<String> PLACE_AFTER_VERB = Lexicon.lookup(List.of("originally from", "lives in", "live in", "living in", "born in", "located in",
            "based in", "moved to", "move to", "city of", "town of", "village of", "travel to", "trip to", "comes from", "come from", "i'm from",
            "am from", "here from", "there from", "coming to", "going to", "flew to", "fly to", "arrived in", "arrived at", "headquartered in", "resident of", "resides in", "reside in", "relocated to"));
    private static final Set<String> ORG_BEFORE = Lexicon.lookup(List.of("at", "for", "by", "joined", "join", "company", "employer", "firm", "bank", "organisation",
            "organization", "client", "vendor", "supplier", "partner", "customer", "works", "work", "worked", "working", "employed", "hired",
            "acquired", "acquire", "acquisition", "subsidiary", "contract", "contracted", "insurer", "provider"));
    private static final Set<String> ORG_WORDS = Lexicon.lookup(List.of("bank", "insurance", "university", "college", "institute", "foundation", "agency",
            "industries", "solutions", "systems", "technologies", "technology", "consulting", "services", "international", "labs", "capital",
            "ventures", "networks", "software", "pharma", "pharmaceuticals", "media", "motors", "airlines", "energy", "logistics", "group",
            "associates", "partners", "holdings", "trust", "council", "ministry", "department", "school", "hospital", "clinic", "church",
            "society", "association", "union", "committee", "commission", "office", "authority", "court", "club", "party", "movers", "analytics",
            "orchestra", "corporation", "incorporated", "research", "laboratories", "studios", "brands", "markets",
            "risks", "health", "financial", "finance", "bancorp", "securities", "investments", "realty", "communications", "entertainment",
            // trades and industries that end a firm's name without a legal suffix: "Brightwater Utilities", "Northwind Traders"
            "utilities", "packaging", "manufacturing", "construction", "engineering", "traders", "trading", "foods", "farms", "builders",
            "supplies", "transport", "freight", "shipping", "consultants", "electronics", "textiles", "chemicals", "mining", "metals",
            "publishing", "hotels", "resorts", "properties", "automotive", "aerospace", "telecom", "telecoms", "devices", "robotics",
            "biotech", "therapeutics", "diagnostics", "enterprises", "brewery", "bakery", "distributors", "wholesale", "imports", "exports"));
    private static final Set<String> SECONDARY = Lexicon.lookup(List.of("apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl", "room", "rm", "box",
            "lgh", "hus", "bus", "app", "appt", "étage", "etage", "piso", "bloco", "no", "nr", "#"));

    /** One word, number or punctuation mark of the text. */
    record Token(int start, int end, String text, String lower, Kind kind, boolean newlineBefore, boolean cap, String bare) {

        Token(int start, int end, String text, String lower, Kind kind, boolean newlineBefore, boolean cap) {
            this(start, end, text, lower, kind, newlineBefore, cap, lower.indexOf('.') < 0 ? lower : lower.equals(".") ? "" : lower.replace(".", ""));
        }

        /** Written with a capital; in a text written all in lower case: a word that is not common English. */
        boolean capitalised() {
            return cap;
        }

        boolean allCaps() {
            if (kind != Kind.WORD || text.length() < 2) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isLetter(c) && !Character.isUpperCase(c) || Character.isDigit(c)) {
                    return false; // "CV081237" is a code, not a word in capitals
                }
            }
            return true;
        }

        boolean is(String lowerText) {
            return lower.equals(lowerText);
        }
    }

    enum Kind { WORD, NUMBER, PUNCT }

    /** Each ASCII character as a string of its own, for the punctuation tokens. */
    private static final String[] ASCII_MARKS = new String[0x80];

    static {
        for (char c = 0; c < ASCII_MARKS.length; c++) {
            ASCII_MARKS[c] = String.valueOf(c);
        }
    }

    private final Lexicon lexicon;

    NameRecognizer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    List<PiiFinding> find(String text) {
        return find(text, text);
    }

    /**
     * @param text the text to look in, possibly with parts blanked out
     * @param full the whole text: whether it is written without capitals and whether it is English are judged on it
     */
    List<PiiFinding> find(String text, String full) {
        boolean lowerCaseText = withoutCapitals(full);
        List<Token> tokens = tokenize(text, lexicon, lowerCaseText);
        List<PiiFinding> out = new ArrayList<>();
        boolean[] taken = new boolean[tokens.size()];
        addresses(text, tokens, taken, out);
        // the language check is needed only for a run no list or cue supports: judged when first asked
        Boolean[] foreign = {null};
        java.util.function.BooleanSupplier isForeign = () -> {
            if (foreign[0] == null) {
                foreign[0] = full == text ? foreign(text, tokens) : foreign(full, tokenize(full, lexicon, lowerCaseText));
            }
            return foreign[0];
        };
        runs(text, tokens, taken, out, isForeign);
        if (!out.isEmpty() && CodeLines.mayHoldCode(text)) {
            out.removeIf(f -> CodeLines.inCode(text, f.start(), f.end())); // "public static Formatter append(": a type, not a person
        }
        if (!out.isEmpty() && text.indexOf('`') >= 0) {
            out.removeIf(f -> CodeLines.inCodeSpan(text, f.start(), f.end())); // "- `Link`: Forgot password?": a component, not a person
        }
        return out;
    }

    /**
     * Whether the text is not English: then capitals prove little (German capitalises every noun),
     * and only runs that a list or a cue supports are reported.
     */
    private boolean foreign(String text, List<Token> tokens) {
        return foreign(text, tokens, 0, tokens.size(), -1, -1);
    }

    /**
     * Whether the sentence around the run {@code [from, to)} is in another language, in a text that is English: a message
     * quoted for translation or classification ("Message: Bitte stornieren Sie meine Bestellung", "<<<Wir sehen uns morgen im
     * Büro.>>>"), where capitals prove as little as in a text all in that language. The sentence ends at a sentence's mark,
     * a colon, a quotation mark or a line's end.
     */
    private boolean foreignSentence(String text, List<Token> tokens, int from, int to) {
        int a = from;
        while (a > 0 && !tokens.get(a).newlineBefore() && !SENTENCE_BOUNDS.contains(tokens.get(a - 1).text())) {
            a--;
        }
        int b = to;
        while (b < tokens.size() && !tokens.get(b).newlineBefore() && !SENTENCE_BOUNDS.contains(tokens.get(b).text())) {
            b++;
        }
        return foreign(text, tokens, a, b, from, to);
    }

    /** Marks that end a sentence or open a quotation, for {@link #foreignSentence}. */
    private static final Set<String> SENTENCE_BOUNDS = Set.of(".", "!", "?", ":", ";", "\"", "“", "”", "«", "»", "<", ">", "¿", "¡", "'", "‘", "’");

    /** The language check over the tokens {@code [a, b)}, leaving out those of {@code [skipFrom, skipTo)}. */
    private boolean foreign(String text, List<Token> tokens, int a, int b, int skipFrom, int skipTo) {
        int lower = 0;
        int english = 0;
        int foreignFunction = 0;
        int englishFunction = 0;
        for (int k = a; k < b; k++) {
            if (k == skipFrom) {
                k = skipTo - 1;
                continue;
            }
            Token t = tokens.get(k);
            if (countsForLanguage(text, t)) {
                lower++;
                if (lexicon.isCommon(t.lower())) {
                    english++;
                }
            }
            if (t.kind() == Kind.WORD && !glued(text, t.start() - 1, -1) && !glued(text, t.end(), +1)) {
                if (lexicon.foreignFunctionWords.contains(t.lower())) {
                    foreignFunction++;
                } else if (lexicon.englishFunctionWords.contains(t.lower())) {
                    englishFunction++;
                }
            }
        }
        // English prose has well over 80% of its lower-case words in the list; German with "die", "den" about half.
        // A short German sentence can still pass ("Herr Müller hat die Rechnung an Frau Schmidt geschickt": hat, die and an
        // are English words): then its function words outnumber English ones ("hat", "die" against "an")
        return lower >= 2 && english < 0.7 * lower || foreignFunction >= 2 && foreignFunction > englishFunction;
    }

    /**
     * A lower-case word of prose, which the language check counts: not a part of an e-mail address, a
     * link or a file name ("jane.doe@example.com", "www.example.org/path"), whose words say nothing of
     * the language (and which redaction replaces).
     */
    static boolean countsForLanguage(String text, Token t) {
        if (t.kind() != Kind.WORD || t.text().length() < 2 || !Character.isLowerCase(t.text().codePointAt(0))) {
            return false;
        }
        return !glued(text, t.start() - 1, -1) && !glued(text, t.end(), +1);
    }

    /**
     * Whether the character at {@code at}, beside a word, glues it to more of a technical string: "@",
     * or ".", ":", "/", "_" with a letter or digit beyond it.
     */
    static boolean glued(String text, int at, int direction) {
        if (at < 0 || at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        if (c == '@') {
            return true;
        }
        int beyond = at + direction;
        return (c == '.' || c == ':' || c == '/' || c == '_') && beyond >= 0 && beyond < text.length() && Character.isLetterOrDigit(text.charAt(beyond));
    }

    /**
     * Whether replacing {@code [start, end)} of the text (by a placeholder) can change the language check:
     * the span holds a word it counts, or a word beside the span is glued to it.
     */
    boolean languageMayChange(String text, int start, int end) {
        if (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || glued(text, start - 1, -1))) {
            return true;
        }
        if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || glued(text, end, +1))) {
            return true;
        }
        String value = text.substring(start, end);
        for (Token t : tokenize(value, lexicon, false)) {
            if (countsForLanguage(value, t)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- tokens

    static List<Token> tokenize(String text, Lexicon lexicon) {
        return tokenize(text, lexicon, withoutCapitals(text));
    }

    /** Whether no letter of the text is a capital. */
    static boolean withoutCapitals(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    /** A letter, a combining mark or a digit: what continues a word. */
    private static boolean wordPart(char c) {
        return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9'
                : Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK || Character.isDigit(c);
    }

    /** @param lowerCaseText whether the text is written without any capital letter */
    static List<Token> tokenize(String text, Lexicon lexicon, boolean lowerCaseText) {
        List<Token> tokens = new ArrayList<>(text.length() / 4 + 8);
        int n = text.length();
        int i = 0;
        boolean newline = true;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || newline && (c == '>' || c == '?' || c == '*' || c == '•' || c == '|')) {
                // a quoted e-mail's "> " or a list's "* " starts a line like white space does
                if (c == '\n' || c == '\r') {
                    newline = true;
                }
                i++;
                continue;
            }
            if (c == '<' && placeholderEnd(text, i) > 0) {
                // an earlier redaction's placeholder, <PERSON_1>: one opaque token
                int end = placeholderEnd(text, i);
                tokens.add(new Token(i, end, text.substring(i, end), "<>", Kind.PUNCT, newline, false));
                newline = false;
                i = end;
                continue;
            }
            int start = i;
            Kind kind;
            int legalForm = legalFormEnd(text, i, lexicon);
            if (legalForm > i) {
                // a firm's legal form written with a full stop after each letter ("S.r.l.", "S.L.", "B.V."): one word, as
                // "GmbH" is, so that it ends the firm's name
                i = legalForm;
                kind = Kind.WORD;
            } else if (Chars.letter(c)) {
                i++;
                while (i < n) {
                    char d = text.charAt(i);
                    if (wordPart(d)) {
                        i++;
                    } else if ((d == '\'' || d == '’' || d == '-') && i + 1 < n && Chars.letter(text.charAt(i + 1))) {
                        // O'Brien, Jean-Luc; but the possessive "'s" is its own token
                        if ((d == '\'' || d == '’') && i + 2 <= n && (i + 2 == n || !Chars.letter(text.charAt(i + 2))) && text.charAt(i + 1) == 's') {
                            break;
                        }
                        i++;
                    } else {
                        break;
                    }
                }
                // an initial or abbreviation keeps its full stop: "P.", "St.", "Rd."; a short first name ends its sentence: "it's
                // Ana. Can you ..." had joined "Can" to the name
                if (i < n && text.charAt(i) == '.' && i - start <= 3 && Character.isUpperCase(c)
                        && (i - start == 1 || i + 1 < n && !Character.isWhitespace(text.charAt(i + 1)) || !shortFirstName(text, start, i, lexicon))) {
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
            // a mark of ASCII punctuation is one of a few strings, shared; only words can have capitals
            boolean asciiMark = kind == Kind.PUNCT && c < ASCII_MARKS.length;
            String t = asciiMark ? ASCII_MARKS[c] : text.substring(start, i);
            String lower = asciiMark ? t : t.toLowerCase(Locale.ROOT);
            boolean cap = kind == Kind.WORD && (lowerCaseText
                    ? t.length() >= 3 && !lexicon.isCommon(lower) && !NOT_NAMES.contains(lower)
                            // without capitals only a listed name or place counts: "gpt" or "kubectl" is jargon, not a name
                            && (lexicon.isName(lower) || lexicon.places.contains(lower) || lexicon.isStreetWord(lower))
                            // nor a word of code ("i < len;", "return len;", "os.sep", "@param"): beside marks only code writes
                            && !codeBeside(text, start, i)
                    : Character.isUpperCase(t.codePointAt(0)));
            tokens.add(new Token(start, i, t, lower, kind, newline, cap));
            newline = false;
        }
        if (!lowerCaseText) {
            lowerCaseNamesAfterCues(tokens, lexicon);
        }
        if (lowerCaseText) {
            // a surname no list knows, after a listed first name: "priya raghunathan"
            for (int k = 1; k < tokens.size(); k++) {
                Token t = tokens.get(k);
                if (!t.cap() && t.kind() == Kind.WORD && tokens.get(k - 1).cap() && !t.newlineBefore() && t.text().length() >= 3
                        && !lexicon.isCommon(t.lower()) && !NOT_NAMES.contains(t.lower())) {
                    tokens.set(k, new Token(t.start(), t.end(), t.text(), t.lower(), t.kind(), false, true, t.bare()));
                }
            }
        }
        return tokens;
    }

    /**
     * Whether the word at {@code [start, end)} stands beside marks that code writes and prose does not (";", "{", "=",
     * "<", ...; spaces skipped), or is glued to an identifier ("os.sep", "@param"). In a text without capitals, names the
     * lists know are read as names, and in a snippet of code those are its variables.
     */
    private static boolean codeBeside(String text, int start, int end) {
        if (glued(text, start - 1, -1) || glued(text, end, +1) || end < text.length() && text.charAt(end) == '(') {
            return true; // also a call, "len(": prose leaves a space before its brackets, "cyprus (greek)"
        }
        int before = start - 1;
        while (before >= 0 && text.charAt(before) == ' ') {
            before--;
        }
        int after = end;
        while (after < text.length() && text.charAt(after) == ' ') {
            after++;
        }
        return before >= 0 && CODE_MARKS.indexOf(text.charAt(before)) >= 0 || after < text.length() && CODE_MARKS.indexOf(text.charAt(after)) >= 0;
    }

    private static final String CODE_MARKS = ";{}[]=<>";

    /** The end of a legal form of two to four letters each followed by a full stop that the lexicon lists ("S.p.A."), or -1. */
    private static int legalFormEnd(String text, int at, Lexicon lexicon) {
        int i = at;
        StringBuilder letters = null;
        while (i + 1 < text.length() && Chars.letter(text.charAt(i)) && text.charAt(i + 1) == '.' && i - at < 8) {
            if (letters == null) {
                letters = new StringBuilder(4);
            }
            letters.append(Character.toLowerCase(text.charAt(i)));
            i += 2;
        }
        if (letters == null || letters.length() < 2 || i < text.length() && Chars.letterOrDigit(text.charAt(i))) {
            return -1;
        }
        return lexicon.companySuffixes.contains(letters.toString()) ? i : -1;
    }

    /**
     * People typed in lower case in a text that has capitals elsewhere, as chats and call logs have them ("the name is kevin
     * morales", "my wife susan", "tell ashley from billing", "thanks, bao", "mr. okoye"): after such a cue, a listed first name
     * that is no common word, or after a title any word that is none, counts as written with a capital, and so does an
     * unlisted surname right after it.
     */
    private static void lowerCaseNamesAfterCues(List<Token> tokens, Lexicon lexicon) {
        for (int k = 1; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.cap() || t.kind() != Kind.WORD || t.text().length() < 3 || !Character.isLowerCase(t.text().charAt(0))) {
                continue;
            }
            int cue = k - 1;
            if (tokens.get(cue).is(",")) {
                cue--; // "thanks, bao"
            }
            if (cue < 0) {
                continue;
            }
            // the cue first, in one look-up: most lower-case words have none, and are not looked up further
            String before = tokens.get(cue).bare();
            if (!lexicon.lowerCaseNameCues.contains(tokens.get(cue).is(".") ? "." : before)) {
                continue; // (a full stop's bare form is empty; "mr." typed in lower case leaves one before the name)
            }
            String before2 = cue > 0 ? tokens.get(cue - 1).bare() : "";
            // "mr. okoye": a title typed in lower case keeps its full stop as a token of its own
            boolean title = cue == k - 1 && (lexicon.personTitles.contains(before) || tokens.get(cue).is(".") && lexicon.personTitles.contains(before2));
            boolean kinOrGreeting = LOWER_CASE_CUES.contains(before) || before.equals("is") && (before2.equals("name") || before2.equals("this"))
                    || before.equals("am") && before2.equals("i") || before.equals("i'm") || before.equals("im");
            if (!(title || kinOrGreeting) || lexicon.isCommon(t.lower()) || NOT_NAMES.contains(t.lower()) || !title && !lexicon.firstNames.contains(t.lower())) {
                continue;
            }
            tokens.set(k, new Token(t.start(), t.end(), t.text(), t.lower(), t.kind(), t.newlineBefore(), true, t.bare()));
            if (k + 1 < tokens.size()) {
                Token next = tokens.get(k + 1);
                if (next.kind() == Kind.WORD && !next.cap() && !next.newlineBefore() && next.text().length() >= 2 && !lexicon.isCommon(next.lower())
                        && !NOT_NAMES.contains(next.lower()) && !lexicon.foreignFunctionWords.contains(next.lower())) {
                    tokens.set(k + 1, new Token(next.start(), next.end(), next.text(), next.lower(), next.kind(), false, true, next.bare()));
                    k++;
                }
            }
        }
    }

    /** Words after which a listed first name typed in lower case is a person: kin and roles, greetings and thanks, "tell", "ask". */
    static final Set<String> LOWER_CASE_CUES = Lexicon.lookup(List.of("wife", "husband", "son", "daughter", "mother", "mom", "mum", "father", "dad",
            "brother", "sister", "friend", "colleague", "manager", "boss", "neighbor", "neighbour", "partner", "cust", "customer", "caller", "tell", "ask",
            "thanks", "thank", "hi", "hello", "hey", "dear", "cc", "w/", "named", "called"));

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
            // a quotation opens a sentence too: "Proofread: 'As an AI rollout lead, ...'"
            return ".!?:;\"“”‘'(«-–—*#>".contains(prev.text());
        }
        return prev.kind() == Kind.WORD && prev.text().endsWith(".") && !Character.isUpperCase(prev.text().codePointAt(0));
    }

    private static String word(List<Token> tokens, int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).bare() : "";
    }

    // ------------------------------------------------------------ addresses

    private void addresses(String text, List<Token> tokens, boolean[] taken, List<PiiFinding> out) {
        for (int i = 0; i < tokens.size(); i++) {
            if (taken[i]) {
                continue;
            }
            int[] span = postBox(tokens, i);
            if (span == null) {
                span = numberLed(tokens, i);
            }
            if (span == null) {
                span = streetLed(tokens, i);
            }
            if (span == null) {
                span = onNumbered(tokens, i);
            }
            if (span == null) {
                continue;
            }
            int to = addressTail(tokens, span[1]);
            markAndAdd(text, tokens, taken, span[0], to, PiiType.LOCATION, span[2] / 100.0, out);
            i = to - 1;
        }
    }

    /**
     * Whether the number is the whole part of a version or a decimal, a full stop or comma and digits written right after
     * it ("Ubuntu 22.04", "Java 17.0.2", "Class 2.5"): no house number.
     */
    private static boolean fraction(List<Token> tokens, int j) {
        if (j + 2 >= tokens.size()) {
            return false;
        }
        Token mark = tokens.get(j + 1);
        Token digits = tokens.get(j + 2);
        return (mark.is(".") || mark.is(",")) && mark.start() == tokens.get(j).end() && digits.start() == mark.end() && digits.kind() == Kind.NUMBER;
    }

    /** "P.O. Box 242", "PO Box 9", "PSC 3294, Box 9168", "Unit 4526 Box 0671" (US military mail). */
    private static int[] postBox(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        String w = t.bare();
        int j = i;
        if ((w.equals("p") || w.equals("po")) && i + 1 < tokens.size()) {
            j = w.equals("p") && word(tokens, i + 1).equals("o") ? i + 2 : i + 1;
        } else if (w.length() <= 5 && SHIPS.contains(w) && i + 1 < tokens.size() && tokens.get(i + 1).capitalised() && !tokens.get(i + 1).newlineBefore()) {
            return new int[] {i, i + 2, 80}; // "USNS Møller" (then "FPO AA 85844" as the tail)
        } else if ((w.equals("psc") || w.equals("unit") || w.equals("cmr")) && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NUMBER) {
            j = i + 2;
            if (j < tokens.size() && tokens.get(j).is(",")) {
                j++;
            }
        } else {
            return null;
        }
        if (j + 1 < tokens.size() && word(tokens, j).equals("box") && tokens.get(j + 1).kind() == Kind.NUMBER) {
            return new int[] {i, j + 2, 85};
        }
        return null;
    }

    /** A house number before the street: "12 Main Street", "971 Kesk 53", "48334 36 rue de pologne", "9791 Markt 84 Apt. 597". */
    private int[] numberLed(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        // not a number's part after a mark ("1,520", "3.5", "$12", "2024-05"); a comma or full stop with a space after it ends a
        // clause, and a house number may follow it: "Julien Garnier, 18 rue des Tanneurs"
        if (t.kind() != Kind.NUMBER || t.text().length() > 6 || i > 0 && "$€£%.,:/-".contains(tokens.get(i - 1).text()) && !tokens.get(i - 1).is(":")
                && !((tokens.get(i - 1).is(",") || tokens.get(i - 1).is(".")) && tokens.get(i - 1).end() < t.start())) {
            return null;
        }
        int j = i + 1;
        if (j < tokens.size() && tokens.get(j).kind() == Kind.NUMBER && !tokens.get(j).newlineBefore()) {
            j++;
        }
        int words = 0;
        boolean street = false;
        while (j < tokens.size() && words < 5 && !tokens.get(j).newlineBefore()) {
            Token q = tokens.get(j);
            String w = q.bare();
            boolean streetWord = q.kind() == Kind.WORD && lexicon.isStreetWord(w);
            if (q.capitalised() && !NOT_NAMES.contains(w) || streetWord || words > 0 && PARTICLES.contains(q.lower())) {
                street |= streetWord;
                words++;
                j++;
            } else {
                break;
            }
        }
        if (words == 0) {
            return null;
        }
        boolean houseNumber = j < tokens.size() && tokens.get(j).kind() == Kind.NUMBER && tokens.get(j).text().length() <= 5 && !tokens.get(j).newlineBefore()
                && !fraction(tokens, j);
        boolean secondary = j < tokens.size() && SECONDARY.contains(word(tokens, j)) && !tokens.get(j).newlineBefore();
        if (houseNumber) {
            return new int[] {i, j + 1, 85};
        }
        return street || secondary ? new int[] {i, j, 80} : null;
    }

    /** A street word with the street's name around it: "Parijsstraat 8", "Rua Igreja 25", "Botley Road", "Hegedûs Gyula utca 76". */
    private int[] streetLed(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (t.kind() != Kind.WORD) {
            return null;
        }
        String w = t.bare();
        boolean word = lexicon.isListedStreetWord(w);
        // a street's name joined to its ending ("Parijsstraat", "Hammarvägen") is no English word: "Under 5,000 EUR" and
        // "Over 40 units" ("und" + "er") were addresses
        // ("Giulia" is a first name, not a street "Giu" + "lia")
        boolean joined = !word && t.capitalised() && lexicon.joinedStreetWord(w, 1) && !lexicon.isCommon(w) && !lexicon.firstNames.contains(w);
        boolean after = i > 0 && tokens.get(i - 1).capitalised() && !tokens.get(i).newlineBefore()
                || i + 1 < tokens.size() && tokens.get(i + 1).capitalised() && !tokens.get(i + 1).newlineBefore();
        if (!(joined || word && (t.capitalised() || after))) {
            return null;
        }
        // an English word written small ("under", "over", "way", "pass") is no street word; only the words that lead a
        // street's name in other languages do so written small ("via Roma 5"), and not backwards over the words before them:
        // "a Data Processing Agreement under GDPR Article 28" is no address
        boolean smallCommon = !t.capitalised() && w.length() >= 3 && lexicon.isCommon(w);
        if (smallCommon && !LEADING_STREET_WORDS.contains(w)) {
            return null; // "under Contracts 2026", "over EUR 50": an English word, not a street's
        }
        int from = i;
        while (!smallCommon && from - 1 >= 0 && i - from < 4 && !tokens.get(from).newlineBefore()) {
            Token p = tokens.get(from - 1);
            String pw = p.bare();
            if (p.capitalised() && !NOT_NAMES.contains(pw) && !(sentenceStart(tokens, from - 1) && lexicon.isCommon(pw)) || PARTICLES.contains(pw) && from < i) {
                from--;
            } else {
                break;
            }
        }
        boolean number = false;
        if (from - 1 >= 0 && tokens.get(from - 1).kind() == Kind.NUMBER && tokens.get(from - 1).text().length() <= 6 && !tokens.get(from).newlineBefore()) {
            from--;
            number = true;
        }
        int to = i + 1;
        while (to < tokens.size() && to - i <= 4 && !tokens.get(to).newlineBefore()) {
            Token q = tokens.get(to);
            if (q.kind() == Kind.NUMBER && q.text().length() <= 5 && !fraction(tokens, to)) {
                number = true;
                to++;
                break;
            }
            if (q.capitalised() && !NOT_NAMES.contains(q.bare()) && !(smallCommon && q.allCaps()) || PARTICLES.contains(q.lower())) {
                to++;
            } else {
                break;
            }
        }
        while (to > i + 1 && !tokens.get(to - 1).capitalised() && tokens.get(to - 1).kind() != Kind.NUMBER) {
            to--;
        }
        if (!number && lexicon.companySuffixes.contains(word(tokens, to - 1))) {
            return null; // "Miami Valley Packaging Co.": a firm whose name holds a street word
        }
        boolean named = from < i && tokens.get(from).kind() == Kind.WORD || from < i - 1 || to > i + 1;
        // "Court", "Way", "Place": a common street word makes an address only with a number or a name beside it
        boolean longEnding = joined && lexicon.joinedStreetWord(w, 4);
        // nor with a number alone when the street word is an English word: "Under 5,000 EUR", "Over 40 units", "Court 5"
        // (street words of some locale's list: "Under", "Over"); with a name it is one ("via Roma 5")
        boolean bare = from == i && to == i + 2 && lexicon.isCommon(w);
        if (!number && THINGS_TOO.contains(w) && commonWords(tokens, from, to)) {
            return null; // "the Wine Club", "our Data Center", "the Student Union": a street word of some list that names a thing as often
        }
        if (number && !bare || longEnding || named && !lexicon.isCommon(w) || named && from < i && word) {
            return new int[] {from, to, number ? 85 : 65};
        }
        return null;
    }

    /**
     * Street words of the lists (USPS's suffixes among them) that name a club, a building or a thing more often than a
     * street: without a number, a run of words of the language before one is no address.
     */
    private static final Set<String> THINGS_TOO = Set.of("club", "union", "center", "centre", "station", "mission", "course", "mall", "camp",
            "point", "market", "forge", "loop", "view", "vista", "summit", "orchard", "spring", "springs");

    private boolean commonWords(List<Token> tokens, int from, int to) {
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (t.kind() != Kind.WORD || !lexicon.isCommon(t.bare()) || lexicon.places.contains(t.bare())) {
                return false;
            }
        }
        return true;
    }

    /** Street words written small before the street's name that are English words too: "via Roma 5", "rue de Rivoli 12". */
    private static final Set<String> LEADING_STREET_WORDS = Set.of("via", "rue", "piazza", "plaza", "corso", "largo", "strada", "avenida", "viale",
            "calle", "paseo", "camino", "rua", "travessa");

    /** After "on", "at" or "address": capitalised words and a house number, "on Pod Floriánem 1677". */
    private int[] onNumbered(List<Token> tokens, int i) {
        String before = word(tokens, i - 1);
        if (!(before.equals("on") || before.equals("at") || before.equals("address") || before.equals(":") && word(tokens, i - 2).equals("address"))) {
            return null;
        }
        int j = i;
        while (j < tokens.size() && j - i < 4 && continuesRun(tokens, j) && !tokens.get(j).newlineBefore()) {
            j++;
        }
        if (j > i && j < tokens.size() && tokens.get(j).kind() == Kind.NUMBER && tokens.get(j).text().length() <= 5 && !tokens.get(j).newlineBefore()
                && !(j + 1 < tokens.size() && (tokens.get(j + 1).is(":") || tokens.get(j + 1).is("%"))) && !fraction(tokens, j)) {
            return new int[] {i, j + 1, 65};
        }
        return null;
    }

    /**
     * Flat numbers, towns, states, postcodes and countries after a street: "Apt. 243, Springfield, IL
     * 62704". A following line joins only when all of it reads as address.
     */
    private int addressTail(List<Token> tokens, int to) {
        int end = to;
        int j = to;
        int lines = 0;
        while (j < tokens.size() && lines <= 4) {
            if (tokens.get(j).newlineBefore()) {
                int lineEnd = j + 1;
                while (lineEnd < tokens.size() && !tokens.get(lineEnd).newlineBefore()) {
                    lineEnd++;
                }
                int k = j;
                while (k < lineEnd) {
                    int next = tailStep(tokens, k, true);
                    if (next == k) {
                        break;
                    }
                    k = next;
                }
                if (k < lineEnd) {
                    // the line goes on as prose after the address's last elements ("Cyprus 36903? I am in town", "DPO AE
                    // 91410 in case of an issue"): they join when a sentence's mark or a postcode ends them
                    if (k > j && (tokens.get(k).is(".") || tokens.get(k).is("?") || tokens.get(k).is("!")
                            || k - j >= 2 && tokens.get(k - 1).kind() == Kind.NUMBER && tokens.get(k - 1).text().length() >= 4)) {
                        end = k;
                    }
                    break;
                }
                lines++;
                j = lineEnd;
                end = j;
                continue;
            }
            int next = tailStep(tokens, j, false);
            if (next == j) {
                break;
            }
            j = next;
            if (!tokens.get(j - 1).is(",")) {
                end = j;
            }
        }
        return end;
    }

    /** Labels of numbers that follow an address in a record's line ("..., 69001 Lyon, IBAN FR76 ..."): not a part of it. */
    private static final Set<String> IDENTIFIER_LABELS = Set.of("iban", "bic", "swift", "ssn", "pin", "tel", "fax", "id", "vat", "tva", "ust",
            "url", "ip", "email", "phone", "mob");

    /** A word of two to four capitals and digits with both in it, as postcodes are written: "T12", "X8K2", "SW1A", "BA1". */
    private static boolean postcodeShaped(Token t) {
        String x = t.text();
        if (t.kind() != Kind.WORD || x.length() < 2 || x.length() > 4) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < x.length(); i++) {
            char c = x.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return digit;
    }

    /** The index after one address element starting at {@code j}, or {@code j} when none starts there. */
    private int tailStep(List<Token> tokens, int j, boolean ownLine) {
        Token q = tokens.get(j);
        String w = q.bare();
        if (q.kind() == Kind.PUNCT && (q.is(",") || q.is("#") || q.is("(") || q.is(")") || q.is("-"))) {
            return j + 1;
        }
        if (SECONDARY.contains(w) && j + 1 < tokens.size() && tokens.get(j + 1).kind() == Kind.NUMBER) {
            return j + 2;
        }
        if (SECONDARY.contains(w) && j + 2 < tokens.size() && tokens.get(j + 1).is("#") && tokens.get(j + 2).kind() == Kind.NUMBER) {
            return j + 3;
        }
        if (q.kind() == Kind.NUMBER && q.text().length() >= 3) {
            return j + 1; // postcode
        }
        if (q.kind() == Kind.WORD && q.allCaps() && !IDENTIFIER_LABELS.contains(w)) {
            return j + 1; // state or town in capitals: "IL", "BASHALL TOWN"; not "IBAN" or "TEL" after the address
        }
        if (postcodeShaped(q) && !(j + 1 < tokens.size() && tokens.get(j + 1).kind() == Kind.NUMBER && tokens.get(j + 1).text().length() >= 3)) {
            // (before groups of digits it is the start of an account number: "FR76 3000 6000 ...")
            return j + 1; // a postcode of capitals and digits: "T12 X8K2", "SW1A", "K1A 0B1"
        }
        if (q.kind() == Kind.NUMBER && q.text().length() == 1 && j + 1 < tokens.size() && tokens.get(j + 1).start() == q.end()
                && tokens.get(j + 1).allCaps() && tokens.get(j + 1).text().length() == 2) {
            return j + 2; // a British postcode's second half: "1LZ" of "BA1 1LZ"
        }
        if (q.kind() == Kind.WORD && q.capitalised() && !NOT_NAMES.contains(w) && j + 1 < tokens.size() && postcodeShaped(tokens.get(j + 1))
                && !tokens.get(j + 1).newlineBefore()) {
            return j + 1; // a town before its postcode, though the town is a common word: "Cork T12 X8K2", "Bath BA1 1LZ"
        }
        int place = placeAt(tokens, j);
        if (place > j) {
            return place; // "New Zealand"
        }
        if (q.kind() == Kind.WORD && (q.capitalised() && !NOT_NAMES.contains(w) && (ownLine || !lexicon.isCommon(w)) || lexicon.places.contains(w))) {
            return j + 1; // town, country; on a line of its own a town may be a common word: "Cork", "Bath"
        }
        return j;
    }

    // ------------------------------------------------------------ name runs

    private void runs(String text, List<Token> tokens, boolean[] taken, List<PiiFinding> out, java.util.function.BooleanSupplier foreign) {
        int i = 0;
        while (i < tokens.size()) {
            if (taken[i] || !continuesRun(tokens, i)) {
                i++;
                continue;
            }
            int end = i + 1;
            int part = i;
            boolean conjunction = false;
            while (end < tokens.size() && !taken[end] && !tokens.get(end).newlineBefore()) {
                Token t = tokens.get(end);
                if (continuesRun(tokens, end)) {
                    end++;
                } else if (PARTICLES.contains(t.lower()) && end + 2 < tokens.size() && PARTICLES.contains(tokens.get(end + 1).lower())
                        && continuesRun(tokens, end + 2) && !tokens.get(end + 2).newlineBefore()) {
                    end += 3; // "Chiclana de la Frontera"
                } else if (t.is(",") && end + 1 < tokens.size() && lexicon.companySuffixes.contains(tokens.get(end + 1).bare())
                        && !tokens.get(end + 1).newlineBefore()) {
                    end += 2; // "Bayview Property Management, LLC", "Summit Freight Systems, Inc."
                } else if (t.is("and") && end + 1 < tokens.size() && firstName(tokens.get(end + 1))
                        && (anyFirstName(tokens, i, end) && !(end - part == 1 && !continuesAfter(tokens, end + 1)) || part == i && titleBefore(tokens, i))) {
                    // "Robert Finch and Linda Finch", "Mr Brown and Tom": two people, each with a first name or a title, not one firm
                    // ("Maria and Tom" stay one run of first names)
                    break;
                } else if ((PARTICLES.contains(t.lower()) || t.is("and") || t.is("&") || t.is(",") && commaList(tokens, end))
                        && end + 1 < tokens.size() && continuesRun(tokens, end + 1) && !tokens.get(end + 1).newlineBefore()) {
                    if (t.is("and") || t.is("&") || t.is(",")) {
                        conjunction = true;
                        part = end + 1; // where the next part of a list begins
                    }
                    end += 2;
                } else {
                    break;
                }
            }
            if (end == i + 1 && firstName(tokens.get(i)) && personJoinedBefore(tokens, i, out)) {
                // one first name after "and" or a comma that follows a person: "John Smith and Tom", "Ask Maria and Tom" ("Tom"
                // alone is a word of three letters and no evidence)
                markAndAdd(text, tokens, taken, i, end, PiiType.PERSON, 0.8, out);
            } else {
                classify(text, tokens, taken, i, end, conjunction, foreign, out);
            }
            i = end;
        }
    }

    /** Whether the token at {@code i} follows "and", "&amp;" or a comma right after a person found. */
    private static boolean personJoinedBefore(List<Token> tokens, int i, List<PiiFinding> out) {
        if (i < 2 || !(tokens.get(i - 1).is("and") || tokens.get(i - 1).is("&") || tokens.get(i - 1).is(",")) || tokens.get(i).newlineBefore()) {
            return false;
        }
        int before = tokens.get(i - 2).end();
        return !out.isEmpty() && out.get(out.size() - 1).type() == PiiType.PERSON && out.get(out.size() - 1).end() == before;
    }

    /** Whether a person's title stands right before the token at {@code i}, with or without its full stop ("Mr Brown", "Dr. Okafor"). */
    private boolean titleBefore(List<Token> tokens, int i) {
        int t = i >= 2 && tokens.get(i - 1).is(".") ? i - 2 : i - 1;
        return t >= 0 && lexicon.personTitles.contains(tokens.get(t).bare()) && !lexicon.foreignFunctionWords.contains(tokens.get(t).bare());
    }

    /** Whether the run goes on after the token at {@code i}: a capitalised word follows on the same line. */
    private boolean continuesAfter(List<Token> tokens, int i) {
        return i + 1 < tokens.size() && continuesRun(tokens, i + 1) && !tokens.get(i + 1).newlineBefore();
    }

    private boolean firstName(Token t) {
        return t.kind() == Kind.WORD && lexicon.firstNames.contains(t.bare());
    }

    private boolean anyFirstName(List<Token> tokens, int from, int to) {
        for (int k = from; k < to; k++) {
            if (firstName(tokens.get(k))) {
                return true;
            }
        }
        return false;
    }

    /** The last part of a compound that labels an identifier, in lower case: "Steuer-ID", "Kunden-Nr", "USt-IdNr". */
    private static final java.util.Set<String> ID_LABEL_ENDS = java.util.Set.of("id", "idnr", "nr", "nummer", "no");

    /** The names of personal and tax numbers (lower case), which open a sentence or a form's line before the number. */
    private static final java.util.Set<String> ID_LABELS = java.util.Set.of("pesel", "henkilötunnus", "hetu", "personnummer", "personnr",
            "samordningsnummer", "cpr", "rijksregisternummer", "insz", "niss", "isikukood", "sozialversicherungsnummer", "versicherungsnummer", "svnr",
            "amka", "ppsn", "cnp", "egn", "oib", "codice", "fiscale", "rodné", "rodne", "bsn", "burgerservicenummer", "nir", "dni", "nie", "nif", "steuernummer",
            "steueridentifikationsnummer", "identifikationsnummer");

    /** Whether a word in capitals is glued by a hyphen or underscore to the digits after it, as a code's letters are ("INC-2024-004512"). */
    private static boolean codeLetters(String text, Token t) {
        int end = t.end();
        return t.allCaps() && end + 1 < text.length() && (text.charAt(end) == '-' || text.charAt(end) == '_') && Character.isDigit(text.charAt(end + 1));
    }

    /** @param word a token's {@link Token#bare} form */
    private static boolean idLabel(String word) {
        int hyphen = word.lastIndexOf('-');
        return hyphen > 0 && ID_LABEL_ENDS.contains(word.substring(hyphen + 1)) || ID_LABELS.contains(word)
                || word.length() > 10 && word.endsWith("nummer"); // "Momsregistreringsnummer", "Kundennummer": a number's name
    }

    /** Capitalised, and neither a word that is never a name ("I", "Monday"), a nationality, nor an acronym ("CEO", "RR"). */
    private boolean continuesRun(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (!t.capitalised()) {
            return false;
        }
        String w = t.bare();
        if (NOT_NAMES.contains(w) || lexicon.demonyms.contains(w) || w.endsWith("days") && WEEKDAYS.contains(w.substring(0, w.length() - 1))) {
            return false; // also "Tuesdays"
        }
        int hyphen = w.indexOf('-');
        if (hyphen > 0 && java.util.Arrays.stream(w.split("-")).allMatch(p -> NOT_NAMES.contains(p) || MONTH_ABBREVIATIONS.contains(p) || WEEKDAY_ABBREVIATIONS.contains(p))) {
            return false; // "Tuesday-Thursday", "April-June", "Mon-Fri": a range of days or months
        }
        if (hyphen > 0 && hyphen + 1 < t.text().length() && Character.isLowerCase(t.text().charAt(hyphen + 1))
                && lexicon.isCommon(w.substring(hyphen + 1))) {
            return false; // "JSON-only", "IBAN-free", "Excel-based": a compound of a word of the language, not a name
        }
        if (SEASONS.contains(w) && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NUMBER && YEAR.matcher(tokens.get(i + 1).text()).matches()) {
            return false; // "opening in Spring 2026": a season, though "Spring" and "Winter" are family names too
        }
        if (MONTH_ABBREVIATIONS.contains(w) && (i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NUMBER
                || i > 0 && tokens.get(i - 1).kind() == Kind.NUMBER)) {
            return false; // "Jan 120k, Feb 135k", "3 Jan": a month, though "Jan" is a first name too
        }
        if (i + 1 < tokens.size() && WEEKDAYS.contains(tokens.get(i + 1).lower()) && lexicon.isCommon(w)) {
            return false; // "Black Friday", "Cyber Monday", "Good Friday": the day's name, not a person called Black
        }
        for (int k = 0; k < w.length(); k++) {
            if (Character.isDigit(w.charAt(k))) {
                return false; // "CV081237", "B2B": a code, not a name
            }
        }
        if (underscored(tokens, i)) {
            return false; // "FINANCE_WH", "Order_Export": a part of an identifier
        }
        if (lexicon.companySuffixes.contains(w)) {
            return true; // "LLC", "GmbH": capitals, but part of the firm's name
        }
        // acronyms, also in the plural ("CEOs") and at a sentence's end ("on our VPN."); an initial ("P.") is not one
        String text = t.text();
        if (text.endsWith(".") && text.indexOf('.') == text.length() - 1) {
            text = text.substring(0, text.length() - 1);
        }
        int letters = text.endsWith("s") ? text.length() - 1 : text.length();
        return !(letters >= 2 && letters <= 4 && upperCase(text, letters));
    }

    /** Whether the token is joined to a word or number by an underscore, as in an identifier: "FINANCE_WH", "tmp_Report". */
    private static boolean underscored(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (i + 2 < tokens.size() && tokens.get(i + 1).is("_") && tokens.get(i + 1).start() == t.end()
                && tokens.get(i + 2).start() == tokens.get(i + 1).end() && tokens.get(i + 2).kind() != Kind.PUNCT) {
            return true;
        }
        return i >= 2 && tokens.get(i - 1).is("_") && tokens.get(i - 1).end() == t.start()
                && tokens.get(i - 2).end() == tokens.get(i - 1).start() && tokens.get(i - 2).kind() != Kind.PUNCT;
    }

    /** Whether the first {@code length} characters are all capitals. */
    private static boolean upperCase(String text, int length) {
        for (int i = 0; i < length; i++) {
            if (!Character.isUpperCase(text.charAt(i))) {
                return false;
            }
        }
        return true;
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

    /**
     * A first name that opens a sentence before a family name or an initial: "John Smith approved it", "Maria Lopez from
     * Finance", "Reporting party: Jasmine Whitaker", "Ken N. Fukuda". The
     * first word of a sentence that is also a common word ("john", "maria", "will", "mark") is dropped from a run as a
     * sentence's capital, and without this the redacted text kept the first name beside the placeholder.
     */
    private boolean forename(List<Token> tokens, int at, int to) {
        String first = tokens.get(at).lower();
        // "My" and "Will" are first names in the lists too; a pronoun or an article opens a sentence, not a name
        if (!lexicon.firstNames.contains(first) || lexicon.englishFunctionWords.contains(first)) {
            return false;
        }
        if (at + 2 < tokens.size() && tokens.get(at + 1).is("and") && firstName(tokens.get(at + 2))) {
            return true; // another first name after "and": "Maria and Tom reviewed it", "Maria and Will Smith met"
        }
        if (at + 1 >= to || !tokens.get(at + 1).capitalised()) {
            return false;
        }
        // a family name the lists know, an initial ("Ken N. Fukuda"), or a word no word list holds ("Jasmine Whitaker");
        // not a common word: "Will Payment", "May Sales", "Mark Down"
        String next = tokens.get(at + 1).bare();
        return lexicon.lastNames.contains(next) || next.length() == 1 || !lexicon.isCommon(next);
    }

    /**
     * A form's field label: words of the language at a line's start before a colon, "Account Holder:", "Due Date:", "Cost
     * Centre:", "Assigned Group:". Back-office records are lines of such labels and their values, and the labels were read
     * as people ("Holder" and "Date" are family names in the lists), places and firms. A speaker's name in a transcript
     * ("Jane Smith:") opens with a first name, and a title makes a person ("Mr Holder:"): both stay names.
     */
    private boolean fieldLabel(List<Token> tokens, int from, int to) {
        if (to - from < 2 || to >= tokens.size() || !tokens.get(to).is(":") || !(from == 0 || tokens.get(from).newlineBefore())) {
            return false;
        }
        String first = tokens.get(from).bare();
        return lexicon.isCommon(first) && lexicon.isCommon(tokens.get(to - 1).bare()) && !lexicon.firstNames.contains(first)
                && !lexicon.personTitles.contains(first);
    }

    private void classify(String text, List<Token> tokens, boolean[] taken, int from, int to, boolean conjunction, java.util.function.BooleanSupplier foreign,
                          List<PiiFinding> out) {
        // a sentence's first word, or a common word, leads no name: "The Princess", "My name"; but a firm's
        // name may be made of common words: "Climate Corporation"
        String lastWord = word(tokens, to - 1);
        boolean firmName = to - from >= 2 && (lexicon.companySuffixes.contains(lastWord) || ORG_WORDS.contains(lastWord))
                && !NOT_FIRM_START.contains(tokens.get(from).lower());
        // a greeting opens the run ("Bonjour Monsieur Lefèvre", "Caro Marco", "Estimado Sr. García"): the name is what follows it
        boolean greeted = false;
        if (to - from >= 3 && GREETING_PAIRS.contains(tokens.get(from).lower() + " " + tokens.get(from + 1).lower()) && tokens.get(from + 2).capitalised()) {
            from += 2;
            greeted = true;
        } else if (to - from >= 2 && GREETINGS.contains(tokens.get(from).lower()) && tokens.get(from + 1).capitalised()) {
            from++;
            greeted = true;
        }
        // "Steuer-ID", "Kunden-Nr", "PESEL", "Codice fiscale": the label of an identifier, not a name; "INC-2024-004512": a code's
        // letters (a ticket's, an order's), not a firm's suffix
        while (to > from && (idLabel(tokens.get(to - 1).bare()) || codeLetters(text, tokens.get(to - 1)))) {
            to--;
        }
        while (from < to && idLabel(tokens.get(from).bare())) {
            from++;
        }
        if (to == from || fieldLabel(tokens, from, to)) {
            return;
        }
        if (to - from == 1 && speakerLabel(tokens, from) && lexicon.isCommon(tokens.get(from).bare()) && otherSpeaker(tokens, from)) {
            // a speaker's label in a transcript that is a first name and a word too, beside another speaker's label ("Mark: ...
            // Lena: ...", "Ella: ... Destiny: ..."): a sentence's first common word was dropped; alone, "Page:" and "Ad:" label a
            // document. A first name that is no word ("Anna:") is found as any name is
            markAndAdd(text, tokens, taken, from, to, PiiType.PERSON, 0.6, out);
            return;
        }
        if (to - from == 1 && lexicon.companySuffixes.contains(tokens.get(from).bare())) {
            // a firm's suffix alone ("LTD" of "ACME LTD": the name in capitals before it is read as an acronym) was a
            // place in capitals; with the capitals before it, it is the firm
            if (from > 0 && tokens.get(from - 1).allCaps() && !taken[from - 1] && !tokens.get(from).newlineBefore()) {
                markAndAdd(text, tokens, taken, from - 1, to, PiiType.ORGANIZATION, 0.75, out);
            }
            return;
        }
        if (to - from == 1 && sentenceStart(tokens, from)
                && (lexicon.foreignFunctionWords.contains(tokens.get(from).lower()) || lexicon.nameParticles.contains(tokens.get(from).lower()))
                && (!lexicon.firstNames.contains(tokens.get(from).lower()) || foreign.getAsBoolean())) {
            return; // another language's article or pronoun opening a sentence: "Le rendez-vous ...", "Sie können ..."
        }
        while (!firmName && from < to && sentenceStart(tokens, from) && lexicon.isCommon(tokens.get(from).lower()) && !forename(tokens, from, to)) {
            from++;
        }
        if (firmName && to - from >= 3 && sentenceStart(tokens, from) && lexicon.isCommon(tokens.get(from).lower()) && !lexicon.isName(tokens.get(from).lower())
                && !lexicon.isCommon(tokens.get(from + 1).lower()) && !wholeLine(tokens, from, to) && !tokens.get(from + 1).is(",")) {
            // a sentence's first word before a name no word list holds is the sentence's, not the firm's: "Contact Initech
            // GmbH", "Email Brightwater Analytics LLC"; a firm named by words of the language keeps them ("General Electric
            // Company", "Royal Mail Group")
            from++;
        }
        while (from < to && !tokens.get(from).capitalised()) {
            from++;
        }
        while (to - from >= 2 && lexicon.foreignFunctionWords.contains(tokens.get(from).lower()) && !lexicon.nameParticles.contains(tokens.get(from).lower())
                && !lexicon.firstNames.contains(tokens.get(from).lower())) {
            from++; // German's polite "you" before a name: "rufen Sie Frau Schneider an"
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
            String w = t.bare();
            if (lexicon.isCommon(w)) {
                common++;
            }
            // a short common word that some locale lists as a name ("To", "Do") proves nothing; nor does another language's
            // function word or weekday ("Sie", "Le", "Montag": German capitalises nouns and its polite "you")
            // (a month that is also a first name, "Mai", "August", is a month in German or French text)
            boolean nameEvidence = (!lexicon.isCommon(w) || w.length() >= 4)
                    && (lexicon.firstNames.contains(w) || !lexicon.foreignFunctionWords.contains(w))
                    && !(lexicon.foreignCalendarWords.contains(w) && (!lexicon.firstNames.contains(w) || foreign.getAsBoolean()));
            if (nameEvidence && lexicon.isName(w)) {
                names++;
            }
            if (nameEvidence && lexicon.firstNames.contains(w)) {
                firsts++;
            }
            if (t.allCaps() && w.length() >= 3) {
                allCaps++;
            }
        }
        int words = countWords(tokens, from, to);
        if (calendarWords(tokens, from, to) == words && foreign.getAsBoolean()) {
            return; // "vom Dienstag", "im März": a day or a month of the text's language
        }
        for (int k = from + 1; k < to; k++) {
            if (tokens.get(k).capitalised() && HEADLINE_WORDS.contains(tokens.get(k).lower())
                    && !(tokens.get(k).text().length() == 1 && middleInitial(tokens, from, to))) {
                return; // "Musicians Of The 70s You're Supposed To Hate": a title in title case, not a name ("Martim A Pereira" is one)
            }
        }
        String before = word(tokens, from - 1);
        String before2 = word(tokens, from - 2);
        String after = word(tokens, to);
        String last = word(tokens, to - 1);
        String phrase = text.substring(tokens.get(from).start(), tokens.get(to - 1).end()).toLowerCase(Locale.ROOT).replace(".", "");

        // words joined by "and" make a firm when one of them is a name ("Procter and Gamble", "Ernst and Young"); common words
        // alone are a list of things ("Slack and Zoom", "Agenda and Next Steps"); a firm of common words has a suffix
        if (conjunction && placesJoined(text, tokens, taken, from, to, out)) {
            return; // "Dublin and Madrid", "London and New York": places, each of them, not a firm
        }
        // people, each of them, not a firm: first names ("Invite Anna, Ben, Carla and Dev"), or any names that a plural verb
        // follows or a word for people introduces ("Marrero and Murphy were engineers", "our founders: Kónya, Becker and
        // Vasquez"); a firm of partners' names is one ("Allen & Overy advised", "Skadden, Arps")
        boolean people = PLURAL_AFTER.contains(after) || after.equals(",") && PLURAL_AFTER.contains(word(tokens, to + 1)) || PEOPLE_BEFORE.contains(before)
                || (before.equals(":") || before.equals(",")) && PEOPLE_BEFORE.contains(before2);
        if (conjunction && namesJoined(text, tokens, taken, from, to, people, out)) {
            return;
        }
        if (conjunction && names == 0 && !lexicon.companySuffixes.contains(last) && !ORG_WORDS.contains(last) && productJoined(text, tokens, from, to)) {
            return; // "HubSpot and Pipedrive", "Jira and Confluence": products compared, not a firm
        }
        boolean orgSuffix = lexicon.companySuffixes.contains(last) || ORG_WORDS.contains(last) || conjunction && words >= 2 && common < words;
        // "Commerce City", "Harris County": a name before a word for a town or a region is a place
        // a place or a name that is a word of the language, written in capitals before more words in capitals, is that word
        // ("SALES CALL ANALYSIS OVERVIEW", "our SALES TEAM"): the phrase's other words are common and not in the run
        boolean wordInCapitals = words == 1 && tokens.get(from).allCaps() && capitalsAfter(tokens, to) && lexicon.isCommon(phrase);
        boolean place = !wordInCapitals && (lexicon.places.contains(phrase) || placeInside(tokens, from, to)) || words >= 2 && PLACE_KINDS.contains(last);
        // after a greeting, a list must know the name in another language's text ("Gentile Cliente", "Kære Kunde" greet a customer);
        // a locale's nobility prefix that is also another language's function word cues no one ("vom Dienstag")
        boolean greetedName = greeted && (names > 0 || !foreign.getAsBoolean());
        boolean titleBefore = lexicon.personTitles.contains(before) && !lexicon.foreignFunctionWords.contains(before);
        boolean personCue = greetedName || titleBefore || PERSON_BEFORE.contains(before) || PERSON_AFTER.contains(after)
                || before.equals("is") && (before2.equals("name") || before2.equals("am")) || before.equals("am") && before2.equals("i");
        if (wordInCapitals && !greetedName && !titleBefore) {
            return; // nor a person: "a section called SALES CALL ANALYSIS OVERVIEW" ("MR BAKER WILL CALL" stays one)
        }
        // "Oakland, California": a known place after a comma says more than "at" before
        boolean placeAfterComma = after.equals(",") && lexicon.places.contains(word(tokens, to + 1));
        boolean placeCue = PLACE_BEFORE.contains(before) || placeAfterComma || before.equals(":") && PLACE_LABELS.contains(before2)
                || to < tokens.size() && tokens.get(to).newlineBefore() && lexicon.places.contains(word(tokens, to)) && names == 0;
        boolean strongPlaceCue = PLACE_AFTER_VERB.contains(before2 + " " + before);
        // a real town no locale file lists, with a place's cue: "in Tilburg", "aus Regensburg", "the Denver office", "Fresno, CA"
        boolean town = !place && !personCue
                && (PLACE_BEFORE.contains(before) && !PERSON_OR_PLACE_BEFORE.contains(before) || placeAfterComma || strongPlaceCue
                || TOWN_AFTER.contains(after) || after.equals(",") && stateCode(tokens, to + 1))
                && lexicon.towns.contains(phrase);
        // "Yuito Hirai of Reed Elsevier", "Tom Holzman from Predilytics": a person's organisation
        PiiFinding previous = out.isEmpty() ? null : out.get(out.size() - 1);
        boolean possessive = (after.equals("'s") || after.equals("’s")) && to + 1 < tokens.size() && tokens.get(to + 1).capitalised()
                && lexicon.firstNames.contains(word(tokens, to + 1));
        boolean signature = signatureLine(tokens, from, to, previous);
        boolean afterPerson = from >= 2 && previous != null && previous.type() == PiiType.PERSON && previous.end() == tokens.get(from - 2).end()
                && (before.equals("of") || before.equals("from") || before.equals("at"));
        boolean orgCue = ORG_BEFORE.contains(before) && (ORG_BEFORE.contains(before2) || before.equals("at") || before.equals("for"));

        // a title as people write one before a name ("Mr.", "Dr"), not an abbreviation in capitals that a locale lists too ("ID")
        boolean titled = titleBefore && !tokens.get(from - 1).allCaps();
        if (common == words && names == 0 && !place && !titled && (!(orgSuffix && (words >= 2 || conjunction))
                || !lexicon.companySuffixes.contains(last) && markdownHeading(tokens, from, to))) {
            // "Border Force", "White Stripes": capitalised common words, no list knows them as names; a firm's word alone is
            // a department or a field ("Women in Finance", "HR, IT or Finance"), not a firm nor a place. After a person's
            // title they are a family name: "Mr. Wells", "Dr. Banks". A Markdown heading of such words is a section's title,
            // though it ends in a firm's word ("## Affected Systems", "### 3. Perform Comprehensive Research")
            return;
        }
        if (common == words && names == 0 && !place && BODIES.contains(last) && !tokens.get(from).lower().equals("the")) {
            // "the Audit Committee", "the Pricing Council", "the Health and Safety Committee": a body of an organisation
            // named by what it does, in words of the language; not a firm, and no one's personal data. A capital "The" inside
            // a sentence is the name's own: "During 1984, The Vanguard Group invested ..."
            return;
        }
        if (words == 1 && to - from == 1 && firsts == 0 && !place && !personCue && sentenceStart(tokens, from) && DETERMINERS.contains(after)
                && (from == 0 || tokens.get(from - 1).kind() == Kind.PUNCT)
                && !tokens.get(to).capitalised()) {
            // a verb the word list lacks, opening an order: "Refactor this method", "Dockerize the service", "Upsert the rows"
            // (not a line of a record block, where a firm's name may stand before anything: "Innography the corner of ...")
            return;
        }
        if (common == words && words == 1 && (sentenceStart(tokens, from) && !forename(tokens, from, to) || before.equals("the") && !personCue)) {
            return; // "Court" opening a sentence; "the Court", "the Board": an institution named by a common word ("Maria and Will Smith met": a person)
        }
        // (whether the run is a brand is asked last, where the rest holds: it costs a look-up of the run's text)
        if (to - from == 1 && names == 0 && common == 0 && !place && !titleBefore && versionAfter(tokens, to)) {
            // a word no list knows before a release's number is a product: "on Ubuntu 22.04", "to Python 3.12.1"
            return;
        }
        if (to - from == 1 && !place && !personCue && productNounAfter(tokens, to) && (firsts == 0 || brand(text, tokens, from, to))
                && (!acronymAfter(tokens, to) || !lexicon.isName(tokens.get(from).bare()) || lexicon.isCommon(tokens.get(from).bare())
                || brand(text, tokens, from, to))) {
            // "the Kafka upgrade", "our Okta tenant", "a Jenkins pipeline", "the Power BI workspace": a word before what software
            // has is the software, though the lists hold it as a family name ("Kafka", "Jenkins", "Power") or, when it is a
            // brand, as a first name ("Okta")
            return;
        }
        if (words >= 2 && firsts == 0 && !place && !orgSuffix && !titleBefore && brandLed(tokens, from, to)) {
            return; // "Google Workspace", "Microsoft Teams Rooms", "Amazon Vendor Central": a brand's product line
        }
        if (words >= 2 && !titleBefore && !uncommonFirstName(tokens, from, to) && brand(text, tokens, from, to)) {
            // "Spring Boot", "Spring Security": a product's name of more than one word, though its words are names too; not
            // a brand that is a person's name ("Calvin Klein", "Tim Hortons")
            return;
        }
        // "trained by OpenAI", "works with LinkedIn": after "by" or "with" alone a word written as products are is one
        boolean weakCueOnly = (before.equals("by") || before.equals("with")) && !titleBefore && !PERSON_AFTER.contains(after) && !greetedName;
        if (firsts == 0 && !place && (!personCue || weakCueOnly) && productShaped(tokens, from, to)) {
            // "ServiceNow", "LinkedIn", "DocuSign", "SaaS" (a family name in some locale's list, never written so): written
            // as products are, without a first name or a person's cue
            return;
        }
        PiiType type;
        double confidence;
        if (orgSuffix && (words >= 2 || conjunction)) {
            type = PiiType.ORGANIZATION;
            confidence = 0.75;
        } else if (middleInitial(tokens, from, to)) {
            // "Faina D. Yefremova", "Brad L Key": a middle initial between two names is a person's, whatever cue comes before
            // ("the verses from ...", "the assistant to ..."); places and buildings have none ("Terminal B Gate")
            type = PiiType.PERSON;
            confidence = 0.8;
        } else if (strongPlaceCue || place && !titled && (firsts == 0 || placeCue || words > 1 || !personCue)) {
            type = PiiType.LOCATION;
            confidence = 0.75;
        } else if (town) {
            type = PiiType.LOCATION;
            confidence = 0.65;
        } else if ((afterPerson || possessive || signature || ORG_AFTER.contains(after)) && !place && names < words) {
            type = PiiType.ORGANIZATION;
            confidence = 0.6;
        } else if (names > 0 && firsts == 0 && !personCue && !titled(tokens, from, to) && !wholeLine(tokens, from, to)
                && Character.isUpperCase(tokens.get(from).text().codePointAt(0)) && (foreign.getAsBoolean() || foreignSentence(text, tokens, from, to))) {
            // in German or Dutch prose a capitalised noun is often some locale's surname ("Damen", "Dank", "Levering"):
            // without a first name or a cue ("Herr", "Frau", "Madame") it is not taken for one; a name on a line of its
            // own (an address block, a signature), or in a text written without capitals, still is
            return;
        } else if (names > 0 && (personCue || names == words || firsts > 0)) {
            type = PiiType.PERSON;
            confidence = personCue || names == words ? 0.8 : 0.65;
        } else if (allCaps == words) {
            if (!townInCapitals(tokens, from, to)) {
                return; // a product or an acronym in a sentence: "an NGINX reverse proxy", "the README file"
            }
            type = PiiType.LOCATION; // towns are written in capitals in addresses: "GUÉRET", "KNIVSTA"
            confidence = 0.5;
        } else if (names == 0 && (weakCueOnly || placeCue && !orgCue && !placeAfterComma && !titleBefore) && brand(text, tokens, from, to)) {
            // "with Zoom", "built with Langchain", "from Java", "in Salesforce": a product after a cue that people and places
            // follow as often
            return;
        } else if (personCue || names > 0) {
            type = PiiType.PERSON;
            confidence = 0.6;
        } else if (placeCue && (!orgCue || placeAfterComma)) {
            type = PiiType.LOCATION;
            confidence = 0.55;
        } else if (orgCue) {
            type = PiiType.ORGANIZATION;
            confidence = 0.55;
        } else if (foreign.getAsBoolean() || foreignSentence(text, tokens, from, to)) {
            return;
        } else if (brand(text, tokens, from, to)) {
            // a product or brand no list knows as a name and no cue marks as a person: "My Terraform plan", "on an Ubuntu
            // server", "the Arial font" (simple-icons' titles); public names, not personal data
            return;
        } else if (words == 1 && DOCUMENT_AFTER.contains(after)) {
            // an unknown capitalised word that names a document or a number ("Aadhar number", "Voter ID", "Routing code"),
            // not a person: found in a public PII set by others, where "Ramesh Krishnan's Aadhar number" made two people.
            // The same word taken for a name elsewhere in the request is still replaced there and here (Redactor)
            return;
        } else if (words == 1 && (COMMON_NOUN_ENDING.matcher(tokens.get(from).lower()).find() || gerund(tokens.get(from).lower()))) {
            // a word no list knows, but a common noun by its ending: "Ideation:", "Differentiator:", "Gamification encourages",
            // "Deliverables" (a section's label or a sentence's start); names of people do not end so, and the lists hold the
            // first names that do ("Clement"); or a verb's "-ing" form: "Onboarding begins", "Playtesting starts"
            return;
        } else {
            type = PiiType.PERSON;
            confidence = 0.45;
        }
        if (type == PiiType.PERSON && !personCue && !titled(tokens, from, to) && namedThing(tokens, from, to, before)) {
            if (!orgCue) {
                return;
            }
            type = PiiType.ORGANIZATION; // "at Walk Score": a firm named by a word of the language, after a firm's cue
            confidence = 0.55;
        }
        markAndAdd(text, tokens, taken, from, to, type, confidence, out);
    }

    /**
     * Whether a run that would be a person names a thing: its last word is a word of the language that no list holds as a
     * family name ("the Roman Empire", "the Gettysburg Address", "Kafka Streams", "Lotus Notes", "my Calmwave Pro"; a
     * family name is the last word of a person's, and the lists hold those that are also words: "Baker", "Hall", "Room"),
     * or, after "the", a room or a building ("the Orchard Room", "the Town Hall"). A title or a cue before the run
     * ("Mr", "Dear", "says") still makes a person.
     */
    private boolean namedThing(List<Token> tokens, int from, int to, String before) {
        Token last = tokens.get(to - 1);
        if (to - from < 2 || last.kind() != Kind.WORD || !last.capitalised() || last.allCaps() || last.bare().length() < 3) {
            return false;
        }
        for (int k = from; k < to; k++) {
            String t = tokens.get(k).bare();
            if (tokens.get(k).kind() == Kind.WORD && (lexicon.firstNames.contains(t) && !lexicon.isCommon(t) || lexicon.nameParticles.contains(t) || PARTICLES.contains(t))) {
                return false; // a first name that is no word of the language, or a particle: "Ella H. Snider", "Rebecca Hides", "Du Cane"
            }
        }
        String w = last.bare();
        return lexicon.isCommon(w) && !lexicon.isName(w) || VENUES.contains(w) && (before.equals("the") || before.equals("our"));
    }

    /**
     * Whether a word no list knows is a verb's "-ing" form: seven letters or more, and what is left without "-ing" is a word
     * of the language or two of them ("benchmarking", "onboarding" = on + board, "playtesting", "upskilling", "rebranding";
     * a doubled consonant or a dropped "e" undone). The word lists lack such newer verbs, and a sentence or a heading
     * opening with one ("Onboarding begins next week") made a person. Names that end so and are no list's ("Kipling",
     * "Xiaoming") leave no word.
     */
    private boolean gerund(String w) {
        if (w.length() < 7 || !w.endsWith("ing")) {
            return false;
        }
        String stem = w.substring(0, w.length() - 3);
        int n = stem.length();
        return wordOrTwo(stem) || wordOrTwo(stem + "e") || n >= 4 && stem.charAt(n - 1) == stem.charAt(n - 2) && wordOrTwo(stem.substring(0, n - 1));
    }

    private boolean wordOrTwo(String w) {
        if (lexicon.isCommon(w)) {
            return true;
        }
        for (int i = 2; i <= w.length() - 3; i++) {
            if (lexicon.isCommon(w.substring(0, i)) && lexicon.isCommon(w.substring(i))) {
                return true;
            }
        }
        return false;
    }

    /** Endings of English common nouns that no person's name has ("-ation", "-ment", "-ness", "-ator", "-ology", ...), seven letters or more. */
    private static final java.util.regex.Pattern COMMON_NOUN_ENDING = java.util.regex.Pattern.compile(
            "^\\p{L}{3,}(ations?|itions?|utions?|ments?|ness|ables|ibles|ators?|isms?|ology|ologies|ics)$");

    private static final Set<String> PLACE_KINDS = Set.of("city", "county", "township", "borough", "province", "prefecture", "parish");

    /** Words that open the object of a verb: after a sentence's first word, they make it an order's verb. */
    private static final Set<String> DETERMINERS = Set.of("this", "that", "these", "those", "the", "a", "an", "my", "our", "your", "their", "its",
            "all", "every", "each", "some", "any");

    /** Bodies of an organisation, named by what they do: "Audit Committee", "Pricing Council", "Finance Business Partners". */
    private static final Set<String> BODIES = Lexicon.lookup(List.of("committee", "committees", "council", "board", "panel", "forum", "club", "group",
            "team", "teams", "partners", "commission", "taskforce", "network", "circle", "caucus", "subcommittee", "secretariat", "office", "unit",
            "department", "division", "desk"));

    /** Rooms and buildings named by the words before them: "the Orchard Room", "the Town Hall", "our Kingsley Building". */
    private static final Set<String> VENUES = Lexicon.lookup(List.of("room", "rooms", "hall", "building", "wing", "lounge", "auditorium", "theatre",
            "theater", "library", "gallery", "tower", "arena", "stadium", "pavilion", "chapel", "canteen", "cafeteria", "studio", "suite"));

    /**
     * Whether every capitalised word of the run is written as products and services are and names are not: a capital
     * inside the word after a small letter ("ServiceNow", "LinkedIn", "DocuSign", "SaaS"). Names written so have a particle
     * or a first name before the inner capital ("McDowell", "MacLeod", "LeBlanc", "DiMaggio", "JoAnn"), and stay names.
     */
    private boolean productShaped(List<Token> tokens, int from, int to) {
        boolean any = false;
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (!t.capitalised()) {
                continue;
            }
            if (lexicon.companySuffixes.contains(t.bare())) {
                return false; // "Acme GmbH": a firm, whose legal form may be written so
            }
            if (t.allCaps() || lexicon.isCommon(t.lower())) {
                continue; // beside such a word, a constant or a word of the language: "StringMatcherFactory INSTANCE", "The AlphabetConverter"
            }
            String w = t.text();
            int inner = -1;
            for (int c = 1; c < w.length(); c++) {
                if (Character.isUpperCase(w.charAt(c)) && Character.isLowerCase(w.charAt(c - 1))) {
                    inner = c;
                    break;
                }
            }
            if (inner < 0) {
                if (!acronymLed(w)) {
                    return false;
                }
            } else {
                String head = w.substring(0, inner).toLowerCase(Locale.ROOT);
                // a name's head: a particle or a first name ("McDowell", "LeBlanc", "JoAnn"); but two words of the language
                // joined, or more than one inner capital, are an identifier whatever its first part is: "EditScript",
                // "PageTemplate", "HasBuildSetting" ("Edit", "Page" are first names too)
                if ((PARTICLES.contains(head) || lexicon.nameParticles.contains(head) || head.equals("fitz") || lexicon.firstNames.contains(head))
                        && humps(w) < 2 && !(lexicon.isCommon(head) && lexicon.isCommon(w.substring(inner).toLowerCase(Locale.ROOT)))) {
                    return false;
                }
            }
            any = true;
        }
        return any;
    }

    /** Whether the run opens with a brand's one-word name and goes on with words of the language or brands. */
    private boolean brandLed(List<Token> tokens, int from, int to) {
        if (!lexicon.brands.contains(tokens.get(from).lower())) {
            return false;
        }
        for (int k = from + 1; k < to; k++) {
            Token t = tokens.get(k);
            if (t.capitalised() && t.kind() == Kind.WORD && !lexicon.isCommon(t.bare()) && !lexicon.brands.contains(t.lower())) {
                return false;
            }
        }
        return true;
    }

    /** Whether a word of a run joined by "and" is a product: written as products are, or a brand. */
    private boolean productJoined(String text, List<Token> tokens, int from, int to) {
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (t.kind() == Kind.WORD && t.capitalised() && (productShaped(tokens, k, k + 1) || lexicon.brands.contains(t.lower()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the word of two or three letters is a first name and no title, street word or month: "Ana", "Ben", not "Mrs",
     * "St", "Jan" (a full stop glued to what follows is an abbreviation's in any case: "Jan._Feb.").
     */
    private static boolean shortFirstName(String text, int start, int end, Lexicon lexicon) {
        String w = text.substring(start, end).toLowerCase(Locale.ROOT);
        return lexicon.firstNames.contains(w) && !lexicon.personTitles.contains(w) && !lexicon.isListedStreetWord(w)
                && !lexicon.companySuffixes.contains(w) && !MONTH_ABBREVIATIONS.contains(w);
    }

    /** The capitals inside the word that follow a small letter: 2 in "HasBuildSetting". */
    private static int humps(String w) {
        int n = 0;
        for (int c = 1; c < w.length(); c++) {
            if (Character.isUpperCase(w.charAt(c)) && Character.isLowerCase(w.charAt(c - 1))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether the word opens with an acronym and goes on as a word: "URLEncoder", "XPath", "PBXGroup", "IPhone". Names written
     * so are an elided particle before the name ("OConnor", "DAngelo", "LOreal", "MBala", "NDiaye"), and are not taken.
     */
    private static boolean acronymLed(String w) {
        int capitals = 0;
        while (capitals < w.length() && Character.isUpperCase(w.charAt(capitals))) {
            capitals++;
        }
        if (capitals < 2 || capitals >= w.length() || !Character.isLowerCase(w.charAt(capitals))) {
            return false;
        }
        return capitals > 2 || "ODLMN".indexOf(w.charAt(0)) < 0;
    }

    /**
     * Nouns for what a piece of software has or does, which a product's name goes before as a modifier ("the Jenkins
     * pipeline", "our Okta tenant", "a Slack channel"). Nouns that a person's name goes before as often are left out:
     * "the Johnson account", "the Jensen novel", "the Smith report", "the Jones version".
     */
    private static final Set<String> PRODUCT_NOUNS = Lexicon.lookup(List.of("pipeline", "pipelines", "build", "builds", "job", "jobs", "cluster",
            "clusters", "server", "servers", "instance", "instances", "upgrade", "upgrades", "migration", "dashboard", "dashboards", "plugin",
            "plugins", "plug-in", "integration", "integrations", "connector", "connectors", "api", "apis", "sdk", "cli", "console", "tenant",
            "tenants", "workspace", "workspaces", "deployment", "deployments", "config", "configuration", "licence", "license", "licences",
            "licenses", "subscription", "subscriptions", "app", "apps", "export", "exports", "query", "queries", "database", "databases", "topic",
            "topics", "broker", "brokers", "consumer", "consumers", "queue", "queues", "bucket", "buckets", "repo", "repos", "repository",
            "workflow", "workflows", "runner", "runners", "login", "sso", "sign-on", "admin", "envelope", "envelopes", "template", "templates",
            "channel", "channels", "ticket", "tickets", "sprint", "backlog", "rollout", "outage", "logs", "alert", "alerts", "metrics",
            "credentials", "container", "containers", "pod", "pods", "node", "nodes", "webhook", "webhooks", "endpoint", "endpoints", "release",
            "releases", "rota", "on-call", "implementation", "implementations", "go-live",
            // programming: "this Java method", "a Kafka developer", "Go, PostgreSQL and Kafka experience"
            "method", "methods", "class", "classes", "code", "snippet", "function", "functions", "library", "libraries", "framework",
            "frameworks", "module", "modules", "script", "scripts", "developer", "developers", "engineer", "engineers", "reviewer",
            "skills", "experience", "syntax", "runtime", "compiler"));

    /**
     * Whether a noun of what software has follows the run at {@code to}, right after it or after one acronym or the word
     * "single" ("Power BI workspace", "Okta SSO login", "Okta single sign-on").
     */
    private static boolean productNounAfter(List<Token> tokens, int to) {
        int k = to;
        if (k < tokens.size() && !tokens.get(k).newlineBefore() && (tokens.get(k).allCaps() || tokens.get(k).is("single"))) {
            k++;
        } else if (k < tokens.size() && !tokens.get(k).newlineBefore() && tokens.get(k).kind() == Kind.NUMBER && tokens.get(k).text().length() <= 4) {
            // a version between the name and the noun: "the Java 21 upgrade", "the Python 3.12 migration"
            k = versionEnd(tokens, k);
        }
        if (k >= tokens.size() || tokens.get(k).newlineBefore() || tokens.get(k).kind() != Kind.WORD || tokens.get(k).capitalised() && k == to) {
            return false;
        }
        if (k == to + 1 && tokens.get(to).allCaps() && !CREDENTIALS.contains(tokens.get(to).lower()) && !tokens.get(k).capitalised()
                && tokens.get(to).text().length() <= 5) {
            return true; // a word before an acronym and a small word is a product's name: "Power BI report", "Okta MFA prompts", "Azure AD tenant"
        }
        return PRODUCT_NOUNS.contains(tokens.get(k).lower());
    }

    /** Where a number and the parts glued to it by full stops end: after "3.12.1" for the token "3" at {@code at}. */
    private static int versionEnd(List<Token> tokens, int at) {
        int k = at + 1;
        while (k + 1 < tokens.size() && tokens.get(k).is(".") && tokens.get(k - 1).end() == tokens.get(k).start()
                && tokens.get(k + 1).kind() == Kind.NUMBER && tokens.get(k).end() == tokens.get(k + 1).start()) {
            k += 2;
        }
        return k;
    }

    /**
     * Whether a release's number follows the run: a version such as "22.04" or "3.12.1", glued to nothing and not followed
     * by a capitalised word, another number or a unit.
     */
    private static boolean versionAfter(List<Token> tokens, int to) {
        if (to >= tokens.size() || tokens.get(to).kind() != Kind.NUMBER || tokens.get(to).newlineBefore() || tokens.get(to - 1).end() == tokens.get(to).start()) {
            return false;
        }
        int k = versionEnd(tokens, to);
        if (k == to + 1) {
            return false; // "Dalbraut 99", "ul. Jesionowa 127": a street and its house number look the same as "Microsoft 365"
        }
        if (k < tokens.size() && !tokens.get(k).newlineBefore() && (tokens.get(k).capitalised() || tokens.get(k).kind() == Kind.NUMBER
                || tokens.get(k).start() == tokens.get(k - 1).end() && !tokens.get(k).is(".") && !tokens.get(k).is(",") || tokens.get(k).is("%"))) {
            return false;
        }
        return true;
    }

    /**
     * Whether an acronym follows the run: then a name the lists know ("Patel HR team") stays a name unless it is a word of
     * the language ("Power BI report") or a brand ("Okta MFA prompts").
     */
    private static boolean acronymAfter(List<Token> tokens, int to) {
        return to < tokens.size() && tokens.get(to).allCaps() && !tokens.get(to).newlineBefore();
    }

    /** Letters after a person's name that say what the person is: "Jane Roe MD", "J. Smith CPA". */
    private static final Set<String> CREDENTIALS = Set.of("md", "phd", "cpa", "rn", "dds", "dmd", "do", "esq", "jd", "mba", "llm", "cfa", "pe", "np",
            "pa", "msc", "bsc", "ba", "ma", "jr", "sr", "ii", "iii", "iv", "qc", "kc", "mp", "obe", "mbe", "cbe");

    /** Words after which an unknown capitalised word names a document or an identifier, not a person. */
    private static final Set<String> DOCUMENT_AFTER = Lexicon.lookup(List.of("number", "numbers", "no", "card", "id", "ids", "code", "codes", "account",
            "certificate", "permit", "licence", "license", "registration"));

    /** Place cues that people follow as often ("an e-mail from Austin", "send it to Madison", "at Jackson's"): not enough for a town that is also a name. */
    private static final Set<String> PERSON_OR_PLACE_BEFORE = Lexicon.lookup(List.of("to", "from", "at", "via"));

    private static final Set<String> WEEKDAYS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    /** After a town: what a town names ("the Denver office", "our Cambridge store"). */
    private static final Set<String> TOWN_AFTER = Lexicon.lookup(List.of("office", "offices", "store", "stores", "branch", "area", "airport", "depot",
            "warehouse", "site", "campus", "plant", "factory", "station", "region", "metro", "suburbs", "headquarters", "hq"));

    /** A US state's or Canadian province's two capitals: "Fresno, CA". */
    private static boolean stateCode(List<Token> tokens, int i) {
        return i < tokens.size() && tokens.get(i).text().length() == 2 && upperCase(tokens.get(i).text(), 2);
    }

    /**
     * Whether a run in capitals stands where a town does: not in the middle of a sentence, where a small word follows it
     * ("an NGINX reverse proxy", "this README and"), unless a place's cue comes before it ("University of PORVOO", "from
     * KATO POLEMIDIA").
     */
    private static boolean townInCapitals(List<Token> tokens, int from, int to) {
        if (from > 0 && tokens.get(from - 1).kind() == Kind.NUMBER) {
            return true; // after a number, as in an address block: "ASKER nan 1386", "741 40 KNIVSTA"
        }
        int cue = from - 1;
        while (cue >= 0 && tokens.get(cue).kind() == Kind.WORD && tokens.get(cue).allCaps()) {
            cue--; // the run's first part, when a mark split it: "from ΚΑΤΩ ΠΟΛΕΜΙ∆ΙΑ"
        }
        String before = cue < 0 ? "" : word(tokens, cue);
        if (PLACE_BEFORE.contains(before) || before.equals("of")) {
            return true; // "I'm in HARSTAD, at the conference"
        }
        // a line's first words, or before a mark or a capitalised word: a town in an address, where its numbers stand near
        // ("SPRINGFIELD, IL 62701", "14 High Street\nGUÉRET"), not a heading, a label or an acronym in capitals ("# OUTPUT",
        // "CONSISTENCE OF RESULTS", "the SPF, DKIM, DMARC and ARC results")
        return (to == tokens.size() || tokens.get(to).newlineBefore() || tokens.get(to).kind() != Kind.WORD || tokens.get(to).capitalised()
                || from == 0 || tokens.get(from).newlineBefore()) && numberNear(tokens, from, to);
    }

    /** Whether a number, or a word with a digit (a postcode: "SW1A"), is one of the {@value #NEAR} tokens before or after. */
    private static boolean numberNear(List<Token> tokens, int from, int to) {
        for (int k = Math.max(0, from - NEAR); k < Math.min(tokens.size(), to + NEAR); k++) {
            if ((k < from || k >= to) && digits(tokens.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static final int NEAR = 3;

    private static boolean digits(Token token) {
        return token.kind() == Kind.NUMBER || token.kind() == Kind.WORD && token.text().chars().anyMatch(Character::isDigit);
    }

    /**
     * A run joined by "and", "&amp;" or commas whose every part is a place the lists know: each part is reported as a place.
     * @return whether it was so
     */
    private boolean placesJoined(String text, List<Token> tokens, boolean[] taken, int from, int to, List<PiiFinding> out) {
        List<int[]> parts = joinedParts(tokens, from, to);
        if (parts == null) {
            return false;
        }
        for (int[] part : parts) {
            StringBuilder phrase = new StringBuilder();
            for (int m = part[0]; m < part[1]; m++) {
                phrase.append(m > part[0] ? " " : "").append(tokens.get(m).lower());
            }
            if (!lexicon.places.contains(phrase.toString())) {
                return false;
            }
        }
        for (int[] part : parts) {
            markAndAdd(text, tokens, taken, part[0], part[1], PiiType.LOCATION, 0.75, out);
        }
        return parts.size() >= 2;
    }

    /** The parts of a run joined by "and", "&amp;" or commas, as [start, end) token ranges; null when a part is empty. */
    private static List<int[]> joinedParts(List<Token> tokens, int from, int to) {
        List<int[]> parts = new ArrayList<>(4);
        int start = from;
        for (int k = from; k <= to; k++) {
            if (k == to || tokens.get(k).is("and") || tokens.get(k).is("&") || tokens.get(k).is(",")) {
                if (k == start) {
                    return null;
                }
                parts.add(new int[] {start, k});
                start = k + 1;
            }
        }
        return parts;
    }

    /**
     * A run joined by "and", "&amp;" or commas whose every part is one first name the lists know, a first name and a family
     * name, or, when {@code people} (a plural verb after it, a word for people before it), one name of any kind: each part is
     * reported as a person. A firm
     * named by partners joins family names ("Skadden, Arps", "Allen &amp; Overy advised").
     * @return whether it was so
     */
    private boolean namesJoined(String text, List<Token> tokens, boolean[] taken, int from, int to, boolean people, List<PiiFinding> out) {
        List<int[]> parts = joinedParts(tokens, from, to);
        if (parts == null || parts.size() < 2) {
            return false;
        }
        int known = 0;
        for (int[] range : parts) {
            Token part = tokens.get(range[0]);
            boolean single = range[1] == range[0] + 1 && part.kind() == Kind.WORD
                    && (lexicon.firstNames.contains(part.bare()) || people && part.capitalised() && (lexicon.isName(part.bare()) || !lexicon.isCommon(part.bare()))
                    && !brand(text, tokens, range[0], range[1]) && humps(part.text()) <= (part.text().startsWith("Mc") ? 1 : 0));
            // or a first name and a family name: "Chidi Okafor, Lena Haas and Rui Barros"
            Token second = range[1] == range[0] + 2 ? tokens.get(range[0] + 1) : null;
            boolean full = second != null && part.kind() == Kind.WORD && second.kind() == Kind.WORD && second.capitalised()
                    && lexicon.firstNames.contains(part.bare()) && (lexicon.isName(second.bare()) || !lexicon.isCommon(second.bare()));
            // two words no list knows, beside people of the list: "Chidi Okafor, Lena Haas and Rui Barros" ("Chidi" is in no list)
            boolean unknown = !single && !full && second != null && part.kind() == Kind.WORD && second.kind() == Kind.WORD && part.capitalised()
                    && second.capitalised() && !part.allCaps() && !second.allCaps() && !lexicon.isCommon(part.bare()) && !lexicon.isCommon(second.bare())
                    && !lexicon.companySuffixes.contains(second.bare()) && !ORG_WORDS.contains(second.bare()) && !brand(text, tokens, range[0], range[1])
                    && humps(part.text()) == 0 && humps(second.text()) == 0;
            if (!single && !full && !unknown) {
                return false; // products compared are no people: "HubSpot and Pipedrive were compared" (a capital inside, but "McDonald"), "Docker and Kubernetes are"
            }
            known += unknown ? 0 : 1;
        }
        if (known * 2 < parts.size()) {
            return false; // at least half the parts must be names the lists know
        }
        for (int[] range : parts) {
            markAndAdd(text, tokens, taken, range[0], range[1], PiiType.PERSON, 0.8, out);
        }
        return true;
    }

    /** Whether the token at {@code i} is a first name at a line's start, before a colon, not in capitals. */
    private boolean speakerLabel(List<Token> tokens, int i) {
        return (i == 0 || tokens.get(i).newlineBefore()) && i + 1 < tokens.size() && tokens.get(i + 1).is(":")
                && tokens.get(i).kind() == Kind.WORD && tokens.get(i).capitalised() && !tokens.get(i).allCaps()
                && lexicon.firstNames.contains(tokens.get(i).bare());
    }

    /** Whether another first name labels a line of the text as a speaker: the text is a transcript. */
    private boolean otherSpeaker(List<Token> tokens, int i) {
        for (int k = 0; k < tokens.size(); k++) {
            if (k != i && speakerLabel(tokens, k) && !tokens.get(k).bare().equals(tokens.get(i).bare())) {
                return true;
            }
        }
        return false;
    }

    /** A run of a name, one capital letter (with or without a full stop) and a name: the first a first name or no word, the last a name or no word. */
    private boolean middleInitial(List<Token> tokens, int from, int to) {
        if (to - from != 3) {
            return false;
        }
        Token first = tokens.get(from);
        Token initial = tokens.get(from + 1);
        Token last = tokens.get(from + 2);
        String i = initial.text();
        return first.kind() == Kind.WORD && last.kind() == Kind.WORD && initial.kind() == Kind.WORD && first.capitalised() && last.capitalised()
                && (i.length() == 1 || i.length() == 2 && i.charAt(1) == '.') && Character.isUpperCase(i.charAt(0))
                && (lexicon.firstNames.contains(first.bare()) || !lexicon.isCommon(first.bare()))
                && (lexicon.isName(last.bare()) || !lexicon.isCommon(last.bare()));
    }

    /** A form's labels for a place, before a colon: "Location: Leeds", "City: Tampere". */
    private static final Set<String> PLACE_LABELS = Set.of("location", "city", "town", "country", "region", "office", "site", "venue",
            "destination", "origin", "birthplace", "hometown", "base", "county", "state", "province");

    /** Verbs in the plural after names joined by "and": the names are people ("Marrero and Murphy were engineers"). */
    private static final Set<String> PLURAL_AFTER = Set.of("were", "are", "have", "had", "met", "both", "each", "together");

    /** Words for people before names joined by "and", with or without a colon ("our founders: Kónya, Becker and Vasquez"). */
    private static final Set<String> PEOPLE_BEFORE = Set.of("founders", "cofounders", "co-founders", "partners", "authors", "directors",
            "members", "owners", "guests", "speakers", "attendees", "employees", "colleagues", "participants", "winners", "candidates",
            "hosts", "panelists", "panellists", "siblings", "parents", "children", "teammates", "managers", "engineers", "students",
            "interns", "auditors", "trainees", "volunteers", "contractors", "consultants", "reviewers", "approvers", "signatories",
            "delegates", "judges", "applicants", "present");

    /** Whether the run is a brand's or product's name, simple-icons' title in any capitals: "Okta", "Spring Boot", "Langchain". */
    private boolean brand(String text, List<Token> tokens, int from, int to) {
        return lexicon.brands.contains(text.substring(tokens.get(from).start(), tokens.get(to - 1).end()).toLowerCase(Locale.ROOT));
    }

    /** Whether a word of the run is a first name that is no word of the language: "Calvin", not "Spring". */
    private boolean uncommonFirstName(List<Token> tokens, int from, int to) {
        for (int k = from; k < to; k++) {
            String w = tokens.get(k).bare();
            if (lexicon.firstNames.contains(w) && !lexicon.isCommon(w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a word of the run is a title: "Monsieur", "Sr.", "Herr". */
    private boolean titled(List<Token> tokens, int from, int to) {
        for (int k = from; k < to; k++) {
            if (lexicon.personTitles.contains(tokens.get(k).bare())) {
                return true;
            }
        }
        return false;
    }

    /** Greetings that open a letter in the languages the recogniser reads: the name follows them. */
    private static final Set<String> GREETINGS = Lexicon.lookup(List.of("bonjour", "bonsoir", "salut", "cher", "chère", "estimado", "estimada", "querido", "querida",
            "hola", "caro", "cara", "gentile", "egregio", "gentilissimo", "gentilissima", "ciao", "liebe", "lieber", "hallo", "beste", "geachte", "hej",
            "kære", "käre", "kära", "hei", "prezado", "prezada", "olá", "buongiorno", "goedemorgen", "goedendag", "moin", "servus", "grüezi"));

    /** Greetings of two words ("Guten Tag Frau Brandt"). */
    private static final Set<String> GREETING_PAIRS = Lexicon.lookup(List.of("guten tag", "guten morgen", "guten abend", "buenos días", "buenos dias", "buenas tardes",
            "buona sera", "goede morgen", "goede middag", "god morgon", "god dag", "bom dia", "boa tarde"));

    /** Capitalised words of the run that are another language's weekday or month names. */
    private int calendarWords(List<Token> tokens, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (t.kind() == Kind.WORD && t.capitalised() && lexicon.foreignCalendarWords.contains(t.bare())) {
                n++;
            }
        }
        return n;
    }

    /** Whether the run is a line of its own. */
    /**
     * Whether the run is a Markdown heading's or a list item's label: only the marks of a heading, a list or bold type and a
     * section number stand before it on its line ("## Affected Systems", "### 3. Perform Comprehensive Research", "4.
     * Affected Systems (if applicable)", "- **Internal Services:** how ..."), and the line ends after it or a colon, a
     * bracket or the bold type's marks follow.
     */
    private static boolean markdownHeading(List<Token> tokens, int from, int to) {
        if (to < tokens.size() && !tokens.get(to).newlineBefore() && !tokens.get(to).is(":") && !tokens.get(to).is("(")
                && !tokens.get(to).text().startsWith("*")) {
            return false;
        }
        int k = from - 1;
        while (k >= 0 && !tokens.get(k + 1).newlineBefore() && (tokens.get(k).kind() == Kind.NUMBER || tokens.get(k).is(".") || tokens.get(k).is(")")
                || tokens.get(k).is("-") || tokens.get(k).is("•") || tokens.get(k).text().chars().allMatch(c -> c == '#' || c == '*'))) {
            k--;
        }
        // a mark or a number before the run, and nothing else on its line
        return k < from - 1 && (k < 0 || tokens.get(k + 1).newlineBefore());
    }

    private static boolean wholeLine(List<Token> tokens, int from, int to) {
        return (from == 0 || tokens.get(from).newlineBefore()) && (to == tokens.size() || tokens.get(to).newlineBefore());
    }

    /**
     * A line that is only this run, a line or two below a person's name: the organisation in a
     * signature block ("Alma Jensen / Imedicare / 91215 Harjukatu 3").
     */
    private static boolean signatureLine(List<Token> tokens, int from, int to, PiiFinding previous) {
        if (previous == null || previous.type() != PiiType.PERSON || !tokens.get(from).newlineBefore()
                || to < tokens.size() && !tokens.get(to).newlineBefore()) {
            return false;
        }
        // within the signature's block: at most two lines up, none of them a line of prose ("Madame Rousseau,", a
        // paragraph, "Cordialement," and then a name: the name signs the letter, it is no firm under a signature)
        int lines = 0;
        int words = 0;
        for (int k = from - 1; k >= 0 && lines <= 2; k--) {
            if (tokens.get(k).end() == previous.end()) {
                return true;
            }
            if (tokens.get(k).kind() == Kind.WORD && ++words > SIGNATURE_LINE_WORDS * (lines + 1)) {
                return false;
            }
            if (tokens.get(k).newlineBefore()) {
                lines++;
            }
        }
        return false;
    }

    /** Words a line of a signature block holds at most: a name, a job title, a firm. */
    private static final int SIGNATURE_LINE_WORDS = 6;

    /** The index after the longest known place starting at {@code j}, or {@code j}. */
    private int placeAt(List<Token> tokens, int j) {
        int best = j;
        StringBuilder sb = new StringBuilder();
        for (int b = j; b < tokens.size() && b - j < lexicon.longestPlace && (b == j || !tokens.get(b).newlineBefore()); b++) {
            if (b > j) {
                sb.append(' ');
            }
            sb.append(tokens.get(b).lower());
            if (lexicon.places.contains(sb.toString())) {
                best = b + 1;
            }
        }
        return best;
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
                if (lexicon.places.contains(sb.toString()) && (b > a || to - from == 1 || othersCommon(tokens, from, to, a) && !lexicon.isCommon(sb.toString()))) {
                    // a single known word counts alone or among common words ("Southern Hungary"), unless it is a word of the language
                    // itself: "Sales Cloud", "Amazon Vendor Central", "Capital Allocation Committee" name no place
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a word in capitals follows the run on its line: the run begins a phrase written in capitals ("SALES TEAM"). */
    private static boolean capitalsAfter(List<Token> tokens, int to) {
        return to < tokens.size() && !tokens.get(to).newlineBefore() && tokens.get(to).kind() == Kind.WORD && tokens.get(to).allCaps();
    }

    private boolean othersCommon(List<Token> tokens, int from, int to, int except) {
        for (int k = from; k < to; k++) {
            if (k != except && tokens.get(k).capitalised() && !lexicon.isCommon(tokens.get(k).lower())) {
                return false;
            }
        }
        return true;
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
        String recognizer = switch (type) {
            case PERSON -> "person: name lists, capitalisation and cues";
            case ORGANIZATION -> "organization: company suffixes, lists and cues";
            default -> "location: address shapes and place lists";
        };
        out.add(new PiiFinding(type, start, end, text.substring(start, end), confidence, recognizer));
    }
}
