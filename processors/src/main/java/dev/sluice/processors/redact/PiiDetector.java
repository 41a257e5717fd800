package dev.sluice.processors.redact;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.sluice.processors.text.Chars;
import dev.sluice.processors.text.Disguises;
import dev.sluice.processors.text.Gate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.InetAddressValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * Finds personal data in text. Candidates come from patterns; each is then validated with the
 * check that makes it trustworthy: Luhn for card numbers, ISO 13616 mod-97 and country length for
 * IBANs (commons-validator), libphonenumber for phone numbers in international and national formats,
 * address parsing for IPs. Overlapping findings are resolved in favour of the validated, longer one.
 * Thread-safe.
 */
public final class PiiDetector {

    /** Around each "@": a local part of at most 64 characters before it, a domain of at most 255 after it (RFC 5321). */
    static final DigitRegions.Bounded EMAIL = DigitRegions.Bounded.of("(?<![\\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}\\b", 64, 255)
            .startingWhere((text, at) -> (at == 0 || !wordDotPlusMinus(text.charAt(at - 1))) && localPartThenAt(text, at));

    /** Whether 1 to 64 local-part characters from {@code at} are followed by "@". */
    private static boolean localPartThenAt(String text, int at) {
        int i = at;
        while (i < text.length() && i - at <= 64 && localPart(text.charAt(i))) {
            i++;
        }
        return i > at && i - at <= 64 && i < text.length() && text.charAt(i) == '@';
    }

    private static boolean localPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** {@code [\\w.+-]} (ASCII word characters, as {@code \\w} is without UNICODE_CHARACTER_CLASS). */
    private static boolean wordDotPlusMinus(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '+' || c == '-';
    }
    /** 12 to 19 digits: ISO/IEC 7812 card numbers; Maestro cards have 12. */
    static final DigitRegions.Bounded CARD = DigitRegions.Bounded.of("(?<![\\d-])\\d(?:[ -]?\\d){11,18}(?![\\d-])", 0, 0).startingWhere(DigitRegions.Starts.DIGIT).withAtLeast(12);
    /** Words that make a 12-19 digit number a card number even when its check digit fails (a mistyped card is still one). */
    static final Gate.Guarded CARD_CONTEXT = Gate.Guarded.led("(?i)\\b(?:card|cc|credit|debit|visa|mastercard|maestro|amex|american express|pan)\\b",
            "card|cc|credit|debit|visa|mastercard|maestro|amex|american express|pan");
    /** Two letters before the check digits, at most 30 characters and 30 spaces after them (ISO 13616). */
    static final DigitRegions.Bounded IBAN = DigitRegions.Bounded.of("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b", 2, 62)
            .startingWhere((text, at) -> at + 4 <= text.length() && Chars.upper(text.charAt(at)) && Chars.upper(text.charAt(at + 1)) && Chars.digit(text.charAt(at + 2)));


    static final DigitRegions.Bounded SSN = DigitRegions.Bounded.of("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])", 0, 0).startingWhere(DigitRegions.Starts.DIGIT).withAtLeast(9);
    // a full stop after the address ends a sentence ("... from 10.2.3.4."); one with a digit after it continues a version
    // number ("1.2.3.4.5"), which is no address
    static final DigitRegions.Bounded IPV4 = DigitRegions.Bounded.of("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\d|\\.\\d)", 0, 0).startingWhere(DigitRegions.Starts.DIGIT).withAtLeast(4);
    private static final Pattern IPV6 = Pattern.compile("(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])");

    /** Six or more digits in a phone-like run; only then is libphonenumber asked. */
    static final DigitRegions.Bounded PHONE_CANDIDATE = DigitRegions.Bounded.of("\\d[\\d \\t().\\-/]{4,}\\d", 0, 0).startingWhere(DigitRegions.Starts.DIGIT);
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final InetAddressValidator IPS = InetAddressValidator.getInstance();
    private static final IBANValidator IBANS = IBANValidator.getInstance();

    /** Type order breaks ties between overlapping findings of equal confidence: earlier wins. */
    private static final List<PiiType> PRECEDENCE = List.of(PiiType.SECRET, PiiType.EMAIL, PiiType.URL, PiiType.NATIONAL_ID, PiiType.VAT_ID, PiiType.IBAN, PiiType.CREDIT_CARD, PiiType.US_SSN,
            PiiType.IP, PiiType.DATE, PiiType.PHONE, PiiType.LOCATION, PiiType.ORGANIZATION, PiiType.PERSON);

    private static final int[] RANK = new int[PiiType.values().length];

    static {
        for (PiiType type : PiiType.values()) {
            int i = PRECEDENCE.indexOf(type);
            RANK[type.ordinal()] = i < 0 ? PRECEDENCE.size() : i;
        }
    }

    /** API keys and tokens of the common providers, private keys, and passwords written into text. */
    static final Pattern SECRET = Pattern.compile("(?:"
            + "\\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}"                      // OpenAI, Anthropic
            + "|\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"                           // AWS access key id
            + "|\\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\\b|\\bgithub_pat_[A-Za-z0-9_]{22,}"  // GitHub
            + "|\\bxox[abprs]-[A-Za-z0-9-]{10,}"                              // Slack
            + "|\\bAIza[0-9A-Za-z_-]{35}"                                     // Google API key
            + "|\\b(?:sk|rk)_live_[0-9A-Za-z]{20,}"                           // Stripe
            + "|\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"  // JWT
            + "|-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----[\\s\\S]*?-----END (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"
            + "|(?i:\\b(?:secret|api[_ -]?key|access[_ -]?token)\\b\\s*(?:is|=|:)\\s*)[^\\s,;]{6,}"
            + ")");
    /** Literals each kind of secret above contains. */
    static final Gate SECRET_GATE = Gate.of("sk- ; akia ; asia ; ghp_ ; gho_ ; ghu_ ; ghs_ ; ghr_ ; github_pat_ ; xox ; aiza ; _live_ ; eyj ; private key"
            + " ; secret ; api & key ; access & token");
    /** A word that names a password; what follows it may be one ({@link #passwords}). */
    static final Pattern PASSWORD_WORD = Pattern.compile("(?i)\\b(?:password|passwd|pwd|passphrase|passcode|pass code)s?\\b");
    static final Gate PASSWORD_GATE = Gate.of("pass ; pwd");
    /**
     * A word that names a code that opens something or proves who one is: a card's PIN, a door or alarm code, a
     * one-time code, a card's security code. What follows it may be one ({@link #passwords}), when it has a digit.
     */
    static final Pattern CODE_WORD = Pattern.compile("(?i)\\b(?:pin(?: codes?| numbers?)?|pins|(?:access|door|entry|alarm|gate|safe|lock|unlock|security|verification|"
            + "confirmation|authentication|authori[sz]ation|one-time|otp|2fa|mfa|sms) codes?|otp|one-time passcodes?|cvv2?|cvc2?)\\b");
    static final Gate CODE_GATE = Gate.of("pin ; code ; otp ; cvv ; cvc");

    static final Gate.Guarded URL = Gate.Guarded.led("(?i)\\b(?:https?://[^\\s<>\"']+|www\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)+[^\\s<>\"']*)", "http|www.");
    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    /** A date without a year ends with its month: "1er septembre", "4 de septiembre" end up to 16 characters after the day's last digit. */
    private static final int DATE_AFTER_LAST_DIGIT = 20;
    /** English month names written out: a day before one is a date even without a year ("4 August"). */
    private static final String FULL_MONTHS = "(?:january|february|march|april|may|june|july|august|september|october|november|december)";
    /**
     * The months of the other languages the recognisers read (German, Dutch, French, Spanish, Italian, Portuguese,
     * Swedish, Danish, Norwegian), written out, from the JDK's calendar names: "12. Februar 2025", "14 mai 1979",
     * "20 de marzo de 2025", "1 juni". Their abbreviations ("mrt.", "gen") are left out: too many are words.
     */
    static final String EU_MONTHS = Lexicon.otherLanguageMonths().stream()
            // the longest first, so that an alternative is not cut short by one it begins with
            .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
            .map(Pattern::quote).collect(java.util.stream.Collectors.joining("|", "(?:", ")"));

    /** A month name reaches 12 characters before the day: "September. 5, 2020". */
    static final DigitRegions.Bounded DATE = DigitRegions.Bounded.of("(?iu)\\b(?:"
            + "\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2})?)?"                       // ISO date, optional time
            + "|(?<!\\d|\\d\\.)\\d{1,2}[/.]\\d{1,2}[/.](?:\\d{4}|\\d{2})(?!\\d|\\.\\d)"                  // 8/14/1996, 14.08.96
            + "|\\d{1,2}(?:st|nd|rd|th|er|º|\\.)? (?:de )?(?:" + MONTH + "|" + EU_MONTHS + ")\\.?,? (?:de )?\\d{4}"  // 5 January 2020, 12. März 2025, 20 de marzo de 2025
            + "|\\d{1,2}(?:st|nd|rd|th|er|º|\\.)? (?:de )?(?:" + FULL_MONTHS + "|" + EU_MONTHS + ")\\b"              // 4 August, 1er juin, 4 de agosto
            + "|" + MONTH + "\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}"                              // January 5, 2020
            + "|" + MONTH + "\\.?,? (?:19|20)\\d{2}(?!\\d)"                                                  // March 2016
            + "|" + FULL_MONTHS + " \\d{1,2}(?:st|nd|rd|th)?(?![\\d,:.]\\d)\\b"                                   // June 30
            + "|(?<=\\b(?:on|by|until|till|before|after|from|since|due) )\\d{1,2}/\\d{1,2}(?![/\\d])"            // (on) 2/14
            + "|(?<=\\b(?:in|since|from|until|born|year|of|by|before|after) )(?:19|20)\\d{2}(?!\\d)"  // a year after a date preposition
            + ")", 12, DATE_AFTER_LAST_DIGIT).startingWhere(PiiDetector::dateMayStart);

    /**
     * Every date above begins with a digit (not inside a number) or with an English month's first three
     * letters. From a digit, what follows the number must be what one of the forms needs: four digits and
     * "-" (ISO), four digits from "19" or "20" after a space (a year after a preposition), one or two digits
     * and "/" or "." and a digit ("8/14/1996", "14.08.96"), or one or two digits and a month's name
     * ({@link #monthFollows}: "5 January", "5th June", "12. März", "20 de marzo"). Most numbers in business text
     * (amounts, quantities, cards, phones, order numbers) fail this, and the pattern's alternatives are not
     * tried on them.
     */
    private static boolean dateMayStart(String text, int at) {
        char c = text.charAt(at);
        if (c >= '0' && c <= '9') {
            if (at > 0 && Character.isDigit(text.charAt(at - 1))) {
                return false;
            }
            int end = at;
            while (end < text.length() && end - at < 5 && Chars.digit(text.charAt(end))) {
                end++;
            }
            char next = end < text.length() ? text.charAt(end) : '\0';
            if (end - at == 4) {
                return next == '-' || at > 0 && text.charAt(at - 1) == ' ' && (c == '1' && text.charAt(at + 1) == '9' || c == '2' && text.charAt(at + 1) == '0');
            }
            if (end - at > 2) {
                return false;
            }
            if (next == '/' || next == '.' && end + 1 < text.length() && Chars.digit(text.charAt(end + 1))) {
                return true; // 8/14/1996, 14.08.96
            }
            return monthFollows(text, end);
        }
        // the forms that open with the month are English: its first three letters, looked up in a table of letter triples
        if (at + 3 > text.length() || at > 0 && Character.isLetterOrDigit(text.charAt(at - 1))) {
            return false;
        }
        int index = 0;
        for (int k = 0; k < 3; k++) {
            int letter = (text.charAt(at + k) | 0x20) - 'a';
            if (letter < 0 || letter >= 26) {
                return false;
            }
            index = index * 26 + letter;
        }
        return ENGLISH_MONTH_STARTS[index];
    }

    private static final List<String> MONTH_STARTS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    /** {@link #MONTH_STARTS} by their letters, {@code ((a * 26) + b) * 26 + c}. */
    private static final boolean[] ENGLISH_MONTH_STARTS = new boolean[26 * 26 * 26];

    static {
        for (String month : MONTH_STARTS) {
            ENGLISH_MONTH_STARTS[((month.charAt(0) - 'a') * 26 + month.charAt(1) - 'a') * 26 + month.charAt(2) - 'a'] = true;
        }
    }

    /**
     * Whether a month's name follows a day that ends at {@code at}: after a day's suffix ("th", "er", "º", "."), a
     * space and Spanish or Portuguese "de ", the next word's first three letters are a month's, in English or
     * another language the date pattern reads. Most numbers followed by a word ("12 chairs") are not tried.
     */
    private static boolean monthFollows(String text, int at) {
        int i = at;
        while (i < text.length() && i - at < 2 && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != ' ') {
            return false;
        }
        i++;
        if (i + 3 <= text.length() && (text.charAt(i) | 0x20) == 'd' && (text.charAt(i + 1) | 0x20) == 'e' && text.charAt(i + 2) == ' ') {
            i += 3;
        }
        if (i + 3 > text.length()) {
            return false;
        }
        return MONTH_PREFIXES.contains(text.substring(i, i + 3).toLowerCase(java.util.Locale.ROOT));
    }

    /** The first three letters of every month name the date pattern reads. */
    private static final java.util.Set<String> MONTH_PREFIXES = monthPrefixes();

    private static java.util.Set<String> monthPrefixes() {
        java.util.Set<String> prefixes = new java.util.HashSet<>(MONTH_STARTS);
        for (String name : Lexicon.otherLanguageMonths()) {
            if (name.length() >= 3) {
                prefixes.add(name.substring(0, 3));
            }
        }
        return java.util.Set.copyOf(prefixes);
    }
    /**
     * Addresses that name no host: unspecified, loopback, broadcast ("opens port 22 to 0.0.0.0/0", "listens on
     * 127.0.0.1"); configuration and code are full of them, and they identify nobody.
     */
    private static final java.util.Set<String> NO_HOST = java.util.Set.of("0.0.0.0", "127.0.0.1", "255.255.255.255", "::1", "::", "0:0:0:0:0:0:0:1",
            "0:0:0:0:0:0:0:0");

    /** Words that make a run of digits a phone number even when no numbering plan validates it. */
    static final Gate.Guarded PHONE_CONTEXT = Gate.Guarded.led(
            "(?i)\\b(?:phone|tel(?:ephone)?|mobile|cell|call(?:ed|ing)?|fax|contact|reach|number|dial|whatsapp|sms|text|answer(?:ing)?|messages?|ring|voicemail|landline)\\b",
            "phone|tel|mobile|cell|call|fax|contact|reach|number|dial|whatsapp|sms|text|answer|message|ring|voicemail|landline");
    /** Digits a run needs to count as a phone number where the text speaks of phoning. */
    private static final int DIGIT_RUN_MIN = 7;
    static final DigitRegions.Bounded DIGIT_RUN = DigitRegions.Bounded.of("(?<![\\w+])(?=(?:[ .()+-]*\\d){" + DIGIT_RUN_MIN + "})(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]?\\d{2,4}){1,4}(?![\\w-])", 1, 0)
            .startingWhere((text, at) -> (DigitRegions.Starts.DIGIT.at(text, at) || text.charAt(at) == '+' || text.charAt(at) == '(')
                    && digitsAhead(text, at) >= DIGIT_RUN_MIN);

    /**
     * The digits from {@code at} to the end of the number's characters (digits, spaces, ".", "-", "(", ")", "+"), as the
     * pattern's look-ahead counts them: a start with fewer than seven cannot match, and is not tried. (A run with fewer is
     * no phone number, so the look-ahead changes no finding: it lets the number's first digits be passed over.)
     */
    private static int digitsAhead(String text, int at) {
        int digits = 0;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Chars.digit(c)) {
                digits++;
            } else if (" .()+-".indexOf(c) < 0) {
                break;
            }
        }
        return digits;
    }

    private final java.util.Set<PiiType> lenient;
    private final NameRecognizer names;
    private final boolean skipCoveredPhoneRuns;

    /** The types whose values carry a checksum, which {@code redaction.lenientChecksums} may relax. */
    public static final java.util.Set<PiiType> CHECKSUM_TYPES = java.util.EnumSet.of(PiiType.CREDIT_CARD, PiiType.IBAN, PiiType.NATIONAL_ID, PiiType.VAT_ID);

    /** The detector a gateway configuration asks for: {@code lenientChecksums} names types of {@link #CHECKSUM_TYPES} (redaction.lenientChecksums). */
    public static PiiDetector withLenientChecksums(java.util.Collection<String> lenientChecksums) {
        return new PiiDetector(lenientChecksums.stream().map(PiiType::valueOf).collect(java.util.stream.Collectors.toSet()));
    }

    /** Checksums are required for every type; people, places and organisations are recognised. */
    public PiiDetector() {
        this(java.util.Set.of());
    }

    public PiiDetector(java.util.Set<PiiType> lenientChecksums) {
        this(lenientChecksums, true);
    }

    /**
     * @param lenientChecksums types ({@link #CHECKSUM_TYPES}) also reported when their checksum fails, at a
     *                         lower confidence: synthetic or mistyped numbers are still personal data
     * @param names            whether people, places and organisations are recognised (loads word lists once per process)
     */
    public PiiDetector(java.util.Set<PiiType> lenientChecksums, boolean names) {
        this(java.util.Set.copyOf(lenientChecksums), names ? new NameRecognizer(Lexicon.get()) : null, true);
    }

    /**
     * @param text        the text to scan
     * @param defaultRegion ISO country whose national phone formats are recognised (international ones always are)
     */
    public List<PiiFinding> detect(String text, String defaultRegion) {
        // characters that are not displayed (a soft hyphen pasted from a word processor, a zero-width joiner) hide a value
        // from every recogniser: it is found in the text as displayed, and its span is the original one, hidden ones inside
        Disguises.Shown shown = Disguises.shown(text);
        if (shown == null) {
            return scan(text, text, defaultRegion);
        }
        List<PiiFinding> found = scan(shown.text(), shown.text(), defaultRegion);
        List<PiiFinding> out = new ArrayList<>(found.size());
        for (PiiFinding f : found) {
            int[] span = shown.original(text, f.start(), f.end());
            out.add(new PiiFinding(f.type(), span[0], span[1], text.substring(span[0], span[1]), f.confidence(), f.recognizer()));
        }
        return out;
    }

    /** How far from a changed span a finding can be affected by the change (characters; aligned to white space). */
    static final int NEIGHBOURHOOD = 64;

    /**
     * The findings of a text made from one already scanned by replacing some of its spans (by the
     * placeholders of a redaction): only the neighbourhoods of the replacements are scanned, everything
     * farther than {@value #NEIGHBOURHOOD} characters is blanked out (offsets kept), while the words
     * that count anywhere in a text (phoning or card words) are still looked for in all of it. What lies
     * far from every change was scanned before with the same result, so only what the changes made
     * visible is new. One judgement covers the whole text, the language check of the name recogniser;
     * when a replaced span could change it (it held lower-case prose words, or a word is glued to it),
     * the whole text is scanned again.
     *
     * @param before   the text that was scanned
     * @param replaced the spans of {@code before} that were replaced, in order
     * @param text     the text after the replacements
     * @param changed  where the replacements are in {@code text}, in order
     */
    public List<PiiFinding> detectAround(String before, List<int[]> replaced, String text, List<int[]> changed, String defaultRegion) {
        if (names != null) {
            for (int[] span : replaced) {
                if (names.languageMayChange(before, span[0], span[1])) {
                    return scan(text, text, defaultRegion);
                }
            }
        }
        char[] masked = new char[text.length()];
        java.util.Arrays.fill(masked, ' ');
        int covered = 0;
        int done = 0;
        for (int[] span : changed) {
            int from = Math.max(done, Math.max(0, span[0] - NEIGHBOURHOOD));
            int to = Math.min(text.length(), span[1] + NEIGHBOURHOOD);
            // widen to white space, so that no word or number is cut in two
            while (from > done && !Character.isWhitespace(text.charAt(from - 1))) {
                from--;
            }
            while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
                to++;
            }
            if (from < to) {
                text.getChars(from, to, masked, from);
                covered += to - from;
                done = to;
            }
        }
        if (covered == text.length()) {
            return scan(text, text, defaultRegion);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                masked[i] = c; // lines still begin where they did
            }
        }
        return scan(new String(masked), text, defaultRegion);
    }

    /**
     * @param text the text whose findings are wanted, possibly with parts blanked out
     * @param full the whole text, where words that count anywhere are looked for
     */
    private List<PiiFinding> scan(String text, String full, String defaultRegion) {
        // Cheap character counts decide which recognisers can match at all: most prompts carry no
        // personal data, and libphonenumber alone costs ~35 us on a short sentence.
        int digits = 0;
        int colons = 0;
        int dots = 0;
        boolean at = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == ':') {
                colons++;
            } else if (c == '.') {
                dots++;
            } else if (c == '@') {
                at = true;
            }
        }
        List<PiiFinding> candidates = new ArrayList<>();
        String lower = Gate.lower(text);
        // the whole text lower-cased, for the words that count anywhere: only when one is looked for
        String[] lowered = {full == text ? lower : null};
        java.util.function.Supplier<String> fullLower = () -> lowered[0] != null ? lowered[0] : (lowered[0] = Gate.lower(full));
        if (SECRET_GATE.open(lower)) {
            find(SECRET, text, PiiType.SECRET, 0.95, candidates);
        }
        if (PASSWORD_GATE.open(lower)) {
            passwords(text, PASSWORD_WORD, candidates);
        }
        if (digits >= 3 && CODE_GATE.open(lower)) {
            passwords(text, CODE_WORD, candidates);
        }
        if (digits >= 3 && ID_DOCUMENT_GATE.open(lower)) {
            identityDocuments(text, candidates);
        }
        DigitRegions regions = digits >= 1 ? DigitRegions.of(text) : null;
        if (digits >= 6) { // an older Irish VAT number has six
            candidates.addAll(NationalIds.find(text, regions, full, fullLower.get(), lenient));
        }
        if (at) {
            int before = candidates.size();
            DigitRegions.of(text, '@').find(EMAIL, m -> candidates.add(new PiiFinding(PiiType.EMAIL, m.start(), m.end(), m.group(), 0.95, "email: pattern")));
            for (int k = before, found = candidates.size(); k < found; k++) {
                loginPassword(text, candidates.get(k).end(), candidates);
            }
        }
        if (dots >= 1) {
            URL.findAll(text, lower, m -> candidates.add(new PiiFinding(PiiType.URL, m.start(), m.end(), m.group(), 0.9, "url: pattern")));
        }
        if (digits >= 1) {
            // a day and a month need one digit: "4 August", "1 juni"
            regions.find(DATE, m -> candidates.add(new PiiFinding(PiiType.DATE, m.start(), m.end(), m.group(), 0.7, "date: pattern")));
        }
        if (digits >= 9) {
            numeric(text, regions, full, fullLower, candidates);
        }
        if (digits >= 4 && dots >= 3) {
            regions.find(IPV4, m -> {
                if (IPS.isValidInet4Address(m.group()) && !NO_HOST.contains(m.group())) {
                    candidates.add(new PiiFinding(PiiType.IP, m.start(), m.end(), m.group(), 0.9, "ipv4: address parser"));
                }
            });
        }
        if (colons >= 2) {
            for (Matcher m = IPV6.matcher(text); m.find(); ) {
                if (m.group().length() >= 3 && IPS.isValidInet6Address(m.group()) && !NO_HOST.contains(m.group())) {
                    candidates.add(new PiiFinding(PiiType.IP, m.start(), m.end(), m.group(), 0.9, "ipv6: address parser"));
                }
            }
        }
        // Runs of digits that lie inside a finding no phone number can outrank (a Luhn-valid card, an
        // IBAN) are not given to libphonenumber: it spends ~30 us failing on each. If such a finding is
        // then not kept after all, the numbers are looked for the full way (see coveredByKept).
        List<int[]> skipped = new ArrayList<>();
        List<int[]> phoneWindows = digits >= 6 ? phoneWindows(text, regions, skipCoveredPhoneRuns ? candidates : List.of(), skipped) : List.of();
        int beforePhones = candidates.size();
        boolean phoneContext = !phoneWindows.isEmpty() || !skipped.isEmpty() ? PHONE_CONTEXT.find(full, fullLower.get()) : false;
        phones(text, regions, phoneWindows, phoneContext, defaultRegion, candidates);
        // digits spoken in words, as transcribed calls have them: a card where the text speaks of cards and Luhn holds, else a
        // phone number where it speaks of phoning. Not in the passes around placeholders (text != full): a placeholder ends a
        // run of words, so none can appear there that the whole text did not show
        for (SpokenDigits.Run run : text == full && SpokenDigits.mayHoldRun(lower) ? SpokenDigits.find(text) : List.<SpokenDigits.Run>of()) {
            String spoken = run.digits();
            String value = text.substring(run.start(), run.end());
            if (spoken.length() >= 13 && spoken.length() <= 19 && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(spoken) && CARD_CONTEXT.find(full, fullLower.get())) {
                candidates.add(new PiiFinding(PiiType.CREDIT_CARD, run.start(), run.end(), value, 0.8, "card: digits spoken in words, Luhn, card words near"));
            } else if (spoken.length() <= 15 && PHONE_CONTEXT.find(full, fullLower.get())) {
                candidates.add(new PiiFinding(PiiType.PHONE, run.start(), run.end(), value, 0.6, "phone: digits spoken in words, phoning words near"));
            }
        }
        if (names != null) {
            candidates.addAll(names.find(text, full));
        }
        List<PiiFinding> kept = resolveOverlaps(new ArrayList<>(candidates));
        if (!skipped.isEmpty() && !coveredByKept(skipped, kept)) {
            candidates.subList(beforePhones, candidates.size()).removeIf(f -> f.type() == PiiType.PHONE);
            phones(text, regions, phoneWindows(text, regions, List.of(), new ArrayList<>()), phoneContext, defaultRegion, candidates);
            kept = resolveOverlaps(candidates);
        }
        return kept;
    }

    /**
     * Drops the phone numbers (found from {@code from} on) whose digits are glued by a hyphen, underscore or slash to letters
     * before them: the number part of a code ("Order DE-2024-000123", "Ticket INC-2024-004512", "PO_2024-001847"), which
     * libphonenumber reads as a valid number in some plan.
     */
    private static void withoutCodeNumbers(String text, List<PiiFinding> candidates, int from) {
        for (int i = candidates.size() - 1; i >= from; i--) {
            PiiFinding f = candidates.get(i);
            int s = f.start();
            if (f.type() == PiiType.PHONE && s >= 2 && "-_/".indexOf(text.charAt(s - 1)) >= 0 && Character.isLetter(text.charAt(s - 2))) {
                candidates.remove(i);
            }
        }
    }

    /** Phone numbers in the windows: libphonenumber's, and with phoning words near, runs of 7-15 digits. */
    private static void phones(String text, DigitRegions regions, List<int[]> phoneWindows, boolean context, String defaultRegion, List<PiiFinding> candidates) {
        if (phoneWindows.isEmpty()) {
            return;
        }
        int before = candidates.size();
        // VALID: the number exists in its country's numbering plan; POSSIBLE: only its length fits,
        // which an order number can too, so those count only where the text speaks of phoning
        for (Phone match : phoneNumbers(text, phoneWindows, defaultRegion)) {
            if (dateNotDialled(text, match.start(), match.end())) {
                continue; // a date beside a number is in that number's window
            }
            if (labelledIdentifier(text, match.start()) || AMOUNT.matcher(match.raw()).matches()) {
                continue;
            }
            boolean valid = PHONES.isValidNumber(match.number()) && dialledAsWritten(match.raw(), defaultRegion);
            if (valid || context) {
                candidates.add(new PiiFinding(PiiType.PHONE, match.start(), match.end(), match.raw(), valid ? 0.85 : 0.6, valid ? "phone: libphonenumber, valid number" : "phone: libphonenumber, possible number, phoning words near"));
            }
        }
        if (context) {
            regions.find(DIGIT_RUN, m -> {
                int n = 0;
                for (int i = m.start(); i < m.end(); i++) {
                    n += Chars.digit(text.charAt(i)) ? 1 : 0;
                }
                if (n >= DIGIT_RUN_MIN && n <= 15 && !labelledIdentifier(text, m.start()) && !AMOUNT.matcher(m.group()).matches()) {
                    candidates.add(new PiiFinding(PiiType.PHONE, m.start(), m.end(), m.group(), 0.5, "phone: digit run, phoning words near"));
                }
            });
        }
        withoutCodeNumbers(text, candidates, before);
    }

    /**
     * Whether a number is written as it is dialled: in a country whose national numbers are dialled with the trunk
     * prefix "0" (Germany, France, the Netherlands, the UK, ...), a number without a country code and without that 0
     * ("Auftrag 4471-22") is not one its people would write for a phone, though libphonenumber may find it valid
     * (there an area code without its 0); it then counts only as a possible number, where the text speaks of phoning.
     */
    private static boolean dialledAsWritten(String raw, String defaultRegion) {
        String region = defaultRegion == null || defaultRegion.isBlank() ? "US" : defaultRegion;
        if (!"0".equals(PHONES.getNddPrefixForRegion(region, true))) {
            return true;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+' || Chars.digit(c)) {
                return c == '+' || c == '0';
            }
        }
        return true;
    }

    /**
     * A label on the number's line, just before it, that names it as another kind of number: "Policy number: HO-3 5529017",
     * "Order no. 4471-22", "Case #", "MRN:", "Badge #4471". Phoning words elsewhere in the text ("Contact: ...") do not make
     * such a number a phone; a label that names a phone ("Customer phone number:") does.
     */
    static boolean labelledIdentifier(String text, int start) {
        if (!markBefore(text, start)) {
            // no ":", "#", "." or "no"/"number"/"id" just before: no label's mark, and the pattern is not tried; but a
            // word that names a kind of record may stand right before its number ("account 48213377", "invoice 20931177")
            int end = skipSpaces(text, start);
            return end < start && BARE_LABELS.contains(text.substring(wordStart(text, end), end).toLowerCase(Locale.ROOT));
        }
        int from = Math.max(0, start - IDENTIFIER_LABEL_REACH);
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        Matcher m = IDENTIFIER_LABEL.matcher(text).region(Math.max(from, lineStart), start);
        return m.find();
    }

    /**
     * Whether what stands before the number (past white space and a short code such as "HO-3") ends as every label's mark
     * does: ":", "#", "." or a word that names a number ("no", "nr", "number", "num", "id", "nummer", ...). Most phone
     * numbers follow "at", "on", "call" or a name, and the label pattern is then not needed.
     */
    private static boolean markBefore(String text, int start) {
        int end = skipSpaces(text, start);
        int word = wordStart(text, end);
        if (endsAsMark(text, word, end)) {
            return true;
        }
        // a short code between the label and the number ("HO-3 5529017"), as the pattern allows: look before it
        if (end - word >= 1 && end - word <= 8 && CODE.matcher(text).region(word, end).matches()) {
            int before = skipSpaces(text, word);
            return before < word && endsAsMark(text, wordStart(text, before), before);
        }
        return false;
    }

    /** A short code between a label and its number: "HO-3". */
    private static final String SHORT_CODE = "[A-Z]{1,4}-?\\d{0,3}";
    private static final Pattern CODE = Pattern.compile("(?i)" + SHORT_CODE);

    private static int skipSpaces(String text, int at) {
        int i = at;
        while (i > 0 && Character.isWhitespace(text.charAt(i - 1)) && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    private static int wordStart(String text, int end) {
        int i = end;
        while (i > 0 && (Chars.letterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '-')) {
            i--;
        }
        return i;
    }

    /** Whether text[word, end) ends with ":", "#" or "." or is a word that ends as a number's name does ("number", "Bestellnummer"). */
    private static boolean endsAsMark(String text, int word, int end) {
        if (end <= 0) {
            return false;
        }
        char last = text.charAt(end - 1);
        if (last == ':' || last == '#' || last == '.') {
            return true;
        }
        String w = text.substring(word, end).toLowerCase(Locale.ROOT);
        for (String mark : NUMBER_MARKS) {
            if (w.endsWith(mark)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Words that name a record's number when they stand right before it, without a mark: "account 48213377", "invoice
     * 20931177", "ref 88213". Not the words for people ("customer", "patient", "member"), whose phone numbers are written
     * after them ("customer 0161 496 0000") as often as their numbers.
     */
    private static final java.util.Set<String> BARE_LABELS = java.util.Set.of("account", "acct", "invoice", "order", "reference", "ref", "tracking",
            "policy", "claim", "serial", "ticket", "case", "booking", "reservation", "confirmation", "batch", "lot", "contract", "loan", "item",
            "part", "sku", "po", "iban", "konto", "rechnung", "auftrag", "bestellung", "commande", "facture", "pedido", "factura", "ordine", "fattura",
            "bestelling", "factuur");

    /**
     * A sum of money, not a phone number, though its length may fit one: digits with a decimal mark and two decimals,
     * thousands marked or not ("1520.75", "88,213.10", "1.520,75"). Phone numbers written with dots have groups of three or
     * four ("555.123.4567"). No phone of the labelled sets has this shape.
     */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,3}(?:,\\d{3})+\\.\\d{2}|\\d{1,3}(?:\\.\\d{3})+,\\d{2}|\\d+[.,]\\d{2}");

    /** Words a label ends with before its number: "Policy number 5529017", "Order no 4471". */
    private static final List<String> NUMBER_MARKS = List.of("no", "nr", "number", "num", "id", "nummer", "numéro", "número", "numero");

    private static final int IDENTIFIER_LABEL_REACH = 32;
    /** The label and its mark ("number", "no.", "#", ":"), then at most a short code ("HO-3") before the number. */
    private static final Pattern IDENTIFIER_LABEL = Pattern.compile("(?i)\\b(?:policy|case|order|account|invoice|reference|ref|tracking|claim|serial|"
            + "member(?:ship)?|ticket|customer|client|employee|staff|patient|record|booking|reservation|confirmation|badge|flight|batch|lot|contract|"
            + "project|file|docket|loan|mrn|item|part|model|licen[cs]e|registration|auftrag|bestell|rechnung|kunden|commande|facture|pedido|factura|"
            + "ordine|fattura|bestelling|factuur)[\\w-]*?(?:\\s*(?:" + String.join("|", NUMBER_MARKS) + "|#)\\.?\\s*[:#.]?|\\s*[:#])\\s*"
            + "(?:" + SHORT_CODE + "\\s+)?$");

    /** Highest confidence a phone finding has: a finding above it always wins an overlap with one. */
    private static final double PHONE_MAX_CONFIDENCE = 0.85;

    /**
     * Whether every skipped run lies inside a kept finding above any phone's confidence: then a phone
     * number in it, which would overlap that finding and sort after it, could not have been kept.
     */
    private static boolean coveredByKept(List<int[]> runs, List<PiiFinding> kept) {
        for (int[] run : runs) {
            if (kept.stream().noneMatch(f -> f.confidence() > PHONE_MAX_CONFIDENCE && f.start() <= run[0] && f.end() >= run[1])) {
                return false;
            }
        }
        return true;
    }

    /** The same detector without the shortcut, for the test that compares the two. */
    PiiDetector withoutPhoneShortcut() {
        return new PiiDetector(lenient, names, false);
    }

    private PiiDetector(java.util.Set<PiiType> lenient, NameRecognizer names, boolean skipCoveredPhoneRuns) {
        this.lenient = lenient;
        this.names = names;
        this.skipCoveredPhoneRuns = skipCoveredPhoneRuns;
    }


    /** Characters a phone number reaches before its first digit ("+", "(") and after its last (" ext. 1234"). */
    private static final int PHONE_BEFORE = 8;
    private static final int PHONE_AFTER = 24;

    /**
     * libphonenumber's matches (leniency POSSIBLE), searched only around runs of six or more digits and
     * separators: its matcher costs ~140 us on a 1 KB prompt with a few numbers when given the whole
     * text, most of it spent on words and on digit groups too short to be a number.
     */
    /** A phone number found in the text: where, as written, and as parsed. */
    record Phone(int start, int end, String raw, Phonenumber.PhoneNumber number) {
    }

    /** Where phone numbers can be: runs of six or more digits and separators, widened, merged where they touch. */
    static List<int[]> phoneWindows(String text, DigitRegions regions) {
        return phoneWindows(text, regions, List.of(), new ArrayList<>());
    }

    /**
     * @param found   findings so far: a run inside one above any phone's confidence is left out
     * @param skipped where the runs left out are added
     */
    static List<int[]> phoneWindows(String text, DigitRegions regions, List<PiiFinding> found, List<int[]> skipped) {
        List<int[]> windows = new ArrayList<>();
        regions.find(PHONE_CANDIDATE, m -> {
            if (dateNotDialled(text, m.start(), m.end())) {
                // a date, not a number to dial: libphonenumber spends ~15 us failing on each (or, for a region
                // with eight-digit numbers, reads "05.03.2024" as a phone number)
                return;
            }
            for (PiiFinding f : found) {
                if (f.confidence() > PHONE_MAX_CONFIDENCE && f.start() <= m.start() && f.end() >= m.end()) {
                    skipped.add(new int[] {m.start(), m.end()});
                    return;
                }
            }
            int start = Math.max(0, m.start() - PHONE_BEFORE);
            int end = Math.min(text.length(), m.end() + PHONE_AFTER);
            int[] last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
            if (last != null && start <= last[1]) {
                last[1] = Math.max(last[1], end);
            } else {
                windows.add(new int[] {start, end});
            }
        });
        return windows;
    }

    /**
     * Whether {@code text[start, end)} is exactly a calendar date of this or the last century written with
     * numbers: 2024-03-05, 05.03.2024, 05/03/2024 or 3/5/2024 (month and day each at most 31 and one of them at most 12).
     */
    static boolean calendarDate(String text, int start, int end) {
        int length = end - start;
        if (length == 10 && text.charAt(start + 4) == '-' && text.charAt(start + 7) == '-') {
            int month = number(text, start + 5, 2);
            int day = number(text, start + 8, 2);
            return century(text, start) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
        }
        int yearAt = end - 4;
        if (length < 8 || length > 10 || !century(text, yearAt)) {
            return false;
        }
        char separator = text.charAt(yearAt - 1);
        if (separator != '.' && separator != '/') {
            return false;
        }
        int second = text.lastIndexOf(separator, yearAt - 2);
        int firstLength = second - start;
        int secondLength = yearAt - 1 - second - 1;
        if (second <= start || firstLength > 2 || secondLength < 1 || secondLength > 2) {
            return false;
        }
        int a = number(text, start, firstLength);
        int b = number(text, second + 1, secondLength);
        return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
    }

    /** A calendar date not dialled from abroad (no "+" before it): never a phone number. */
    private static boolean dateNotDialled(String text, int start, int end) {
        return calendarDate(text, start, end) && !internationalPrefix(text, start);
    }

    /** A year 1900-2099 at {@code at}. */
    private static boolean century(String text, int at) {
        return (text.startsWith("19", at) || text.startsWith("20", at)) && number(text, at + 2, 2) >= 0;
    }

    /** The decimal number of the {@code length} characters at {@code at}; -1 unless they are all digits. */
    private static int number(String text, int at, int length) {
        int n = 0;
        for (int i = at; i < at + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + c - '0';
        }
        return n;
    }

    static List<Phone> phoneNumbers(String text, List<int[]> windows, String defaultRegion) {
        String region = defaultRegion == null || defaultRegion.isBlank() ? "US" : defaultRegion;
        List<Phone> out = new ArrayList<>();
        for (int[] window : windows) {
            for (PhoneNumberMatch match : PHONES.findNumbers(text.substring(window[0], window[1]), region, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
                out.add(new Phone(window[0] + match.start(), window[0] + match.end(), match.rawString(), match.number()));
            }
        }
        return out;
    }

    /**
     * Whether the digits are grouped as card numbers are printed: unbroken, in fours with a shorter last group
     * (4-4-4-4, 4-4-4-4-3, 4-4-4-1), or 4-6-5 and 4-6-4 (American Express, Diners Club). One in ten runs of any digits
     * passes the Luhn check, so numbers of other groupings (a table's "731200 813712 278708", amounts and account numbers
     * in a row) were read as cards, and a ledger sent as text was classified RESTRICTED; a number so grouped is still a
     * card where the text speaks of cards (the context path below).
     */
    static boolean cardLayout(String run) {
        // by hand rather than split: asked of every sub-run of every candidate, in a table of figures thousands of times
        int groups = 0;
        int length = 0;
        int first = 0;
        int second = 0;
        boolean fours = true;
        for (int i = 0; i <= run.length(); i++) {
            if (i < run.length() && run.charAt(i) != ' ' && run.charAt(i) != '-') {
                length++;
                continue;
            }
            groups++;
            boolean last = i == run.length();
            if (groups == 1) {
                first = length;
            } else if (groups == 2) {
                second = length;
            } else if (groups == 3 && last && first == 4 && second == 6 && (length == 4 || length == 5)) {
                return true;
            }
            fours &= last ? length <= 4 : length == 4;
            length = 0;
        }
        return groups == 1 || fours;
    }

    /** Card numbers, IBANs and SSNs: at least nine digits in the text. */
    private void numeric(String text, DigitRegions regions, String full, java.util.function.Supplier<String> fullLower, List<PiiFinding> candidates) {
        // whether the text speaks of cards: asked only when a run fails its check digit
        Boolean[] cardContext = {null};
        int[] runEnd = {-1};
        regions.scan(CARD, m -> {
            boolean freshRun = m.start() >= runEnd[0];
            runEnd[0] = Math.max(runEnd[0], m.end());
            int[] span = validRun(text, m.start(), m.end(), PiiDetector::cardLengthRank, s -> {
                if (!cardLayout(s)) {
                    return false;
                }
                String digits = withoutSeparators(s);
                // no issuer number starts with 0, and leading zeros would pass Luhn and swallow a neighbour's digits
                // 12 digits only for Maestro (issuer numbers 50, 56-69)
                return (digits.length() >= 13 || digits.length() == 12 && (digits.charAt(0) == '5' || digits.charAt(0) == '6')) && digits.length() <= 19
                        && digits.charAt(0) != '0' && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits);
            });
            if (span != null) {
                candidates.add(new PiiFinding(PiiType.CREDIT_CARD, span[0], span[1], text.substring(span[0], span[1]), 0.95, "card: Luhn"));
            } else if (freshRun && !internationalPrefix(text, m.start())
                    && (cardContext[0] != null ? cardContext[0] : (cardContext[0] = CARD_CONTEXT.find(full, fullLower.get())))) {
                // the text speaks of a card: its number, even with a wrong check digit, outranks a phone reading
                candidates.add(new PiiFinding(PiiType.CREDIT_CARD, m.start(), m.end(), m.group(), 0.9, "card: card words near, check digit fails"));
            } else if (lenient.contains(PiiType.CREDIT_CARD)) {
                candidates.add(new PiiFinding(PiiType.CREDIT_CARD, m.start(), m.end(), m.group(), 0.5, "card: lenient, check digit fails"));
            }
            // a greedy run may start with a neighbour's digits or hold another number: look again from its
            // next group; overlapping candidates are settled by resolveOverlaps
            return nextGroup(text, m.start(), m.end());
        });
        regions.scan(IBAN, m -> {
            int[] span = validRun(text, m.start(), m.end(), s -> s.length(), s -> IBANS.isValid(s.replace(" ", "")));
            if (span != null) {
                candidates.add(new PiiFinding(PiiType.IBAN, span[0], span[1], text.substring(span[0], span[1]), 0.99, "iban: mod-97 and country length"));
            } else if (lenient.contains(PiiType.IBAN)) {
                candidates.add(new PiiFinding(PiiType.IBAN, m.start(), m.end(), m.group(), 0.5, "iban: lenient, check fails"));
            }
            return nextGroup(text, m.start(), m.end());
        });
        regions.find(SSN, s -> candidates.add(new PiiFinding(PiiType.US_SSN, s.start(), s.end(), s.group(), 0.85, "ssn: pattern")));
    }

    /** A "+" before the digits (spaces between allowed): an international phone number, never a card. */
    private static boolean internationalPrefix(String text, int start) {
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && text.charAt(i) == '+';
    }

    /** Card lengths by how common they are: a 16-digit card beats an 18-digit run that took a neighbour's digits. */
    private static int cardLengthRank(String run) {
        int digits = 0;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            digits += c != ' ' && c != '-' ? 1 : 0;
        }
        return switch (digits) {
            case 12 -> 0;
            case 13 -> 1;
            case 17 -> 2;
            case 18 -> 3;
            case 14 -> 4;
            case 19 -> 5;
            case 15 -> 6;
            case 16 -> 7;
            default -> -1;
        };
    }

    /**
     * The preferred part of {@code text[start, end)} that begins and ends at a group boundary (space or
     * hyphen) and passes {@code valid}: a greedy pattern can swallow a neighbouring number ("4111 1111
     * 1111 1111 10.0.0.1"), and the checksum then fails for the run although it holds for the card.
     */
    private static int[] validRun(String text, int start, int end, java.util.function.ToIntFunction<String> preference,
                                  java.util.function.Predicate<String> valid) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        starts.add(start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-') {
                ends.add(i);
                starts.add(i + 1);
            }
        }
        ends.add(end);
        int[] best = null;
        int bestRank = Integer.MIN_VALUE;
        for (int s : starts) {
            for (int e : ends) {
                if (e <= s) {
                    continue;
                }
                String run = text.substring(s, e);
                int rank = preference.applyAsInt(run);
                // a negative rank is a length the kind never has
                if (rank >= 0 && rank > bestRank && valid.test(run)) {
                    best = new int[] {s, e};
                    bestRank = rank;
                }
            }
        }
        return best;
    }

    /** The run without its group separators (spaces and hyphens). */
    private static String withoutSeparators(String run) {
        StringBuilder out = new StringBuilder(run.length());
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (c != ' ' && c != '-') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Where the next group of a run starts (after the first space or hyphen), or the run's end. */
    private static int nextGroup(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '-') {
                return i + 1;
            }
        }
        return end;
    }

    /** The name of an identity document whose number may follow ({@link #identityDocuments}). */
    static final Pattern ID_DOCUMENT = Pattern.compile("(?i)\\b(?:passport|driver'?s licen[cs]e|drivers licen[cs]e|driving licen[cs]e|licen[cs]e"
            + "|id card|identity card|national id|voter id|aadhaa?r|pan card|pan number|pan no|residence permit|tax id|taxpayer id|tax identification number|tin)\\b");
    static final Gate ID_DOCUMENT_GATE = Gate.of("passport ; licen ; id card ; identity card ; national id ; voter id ; aadha ; pan card ; pan number ; pan no"
            // "tin" alone is in "meeting" and "setting": only as the abbreviation before a number or its words
            + " ; residence permit ; tax id ; taxpayer id ; tax identification ; tin 0|tin 1|tin 2|tin 3|tin 4|tin 5|tin 6|tin 7|tin 8|tin 9|tin:|tin #|tin no|tin number|tin is");
    /** Words between a document's name and its number: "passport number", "licence no.", "ID card #", "Aadhaar number is". */
    private static final java.util.Set<String> ID_FILLERS = java.util.Set.of("number", "numbers", "no", "no.", "nr", "nr.", "num", "#", "id", "is", "was",
            ":", "card", "code", "details", "ending", "in", "of");

    /**
     * Numbers of identity documents written after the document's name: "passport number XG9382049", "driver's license
     * D245-938-19-203", "Aadhaar number 9876 5432 1012", "PAN card 'ABPCJ4567R'", "TIN 11-4391209" (written by hand: each country numbers its
     * passports and licences its own way, so the name before the number is what says what it is). The number is a token of
     * 5 to 20 letters, digits and hyphens with at least three digits, among the next few after connecting words ("number",
     * "no.", "#", "is"); a prefix such as "DL:" is left out. Typed NATIONAL_ID. Written after a public PII set by others
     * showed passport and licence numbers left in the clear (docs/evaluation.md).
     */
    static void identityDocuments(String text, List<PiiFinding> out) {
        for (Matcher m = ID_DOCUMENT.matcher(text); m.find(); ) {
            int at = m.end();
            for (int k = 0; k < 4; k++) {
                int start = tokenStart(text, at, "(");
                at = tokenEnd(text, start);
                if (start == at) {
                    break;
                }
                String token = text.substring(start, at);
                if (ID_FILLERS.contains(token.toLowerCase(java.util.Locale.ROOT)) || token.equals("-")) {
                    continue;
                }
                int valueStart = start;
                int colon = token.indexOf(':');
                if (colon >= 0 && colon <= 3) {
                    valueStart += colon + 1;  // "DL:AB12-34CD-56EF"
                }
                while (valueStart < at && QUOTES.indexOf(text.charAt(valueStart)) >= 0) {
                    valueStart++;
                }
                int valueEnd = valueEnd(text, valueStart, at);
                // a number in groups of digits ("9876 5432 1012"): up to two more groups
                for (int g = 0; g < 2 && valueEnd == at && allDigits(text, valueStart, valueEnd); g++) {
                    int next = at + 1;
                    int groupEnd = next;
                    while (groupEnd < text.length() && Character.isDigit(text.charAt(groupEnd))) {
                        groupEnd++;
                    }
                    if (at < text.length() && text.charAt(at) == ' ' && groupEnd - next >= 3 && groupEnd - next <= 4
                            && (groupEnd == text.length() || !Character.isLetterOrDigit(text.charAt(groupEnd)))) {
                        at = groupEnd;
                        valueEnd = groupEnd;
                    } else {
                        break;
                    }
                }
                String value = text.substring(valueStart, Math.max(valueStart, valueEnd));
                if (documentNumber(value.replace(" ", ""))) {
                    out.add(new PiiFinding(PiiType.NATIONAL_ID, valueStart, valueStart + value.length(), value, 0.8, "id-document: number after its name"));
                }
                break;
            }
        }
    }

    private static boolean allDigits(String text, int start, int end) {
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!Character.isDigit(text.charAt(i)) && text.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /** Five to 20 letters, digits, hyphens and underscores, at least three of them digits, not starting or ending with a hyphen. */
    private static boolean documentNumber(String value) {
        if (value.length() < 5 || value.length() > 20 || value.startsWith("-") || value.endsWith("-")) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (!(c == '-' || c == '_' || (c < 128 && Character.isLetter(c)))) {
                return false;
            }
        }
        return digits >= 3;
    }

    /** An e-mail address as a whole token ("Start@2025" and "B@nZes94!" are passwords, not addresses). */
    private static final Pattern AN_ADDRESS = Pattern.compile("[^@\\s]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

    /** A placeholder of the redactor, "<SECRET_1>", "<EMAIL_OUT_2>": the redacted text is read again for what a value hid. */
    private static final Pattern A_PLACEHOLDER = Pattern.compile("<[A-Z]+(?:_[A-Z]+)*_\\d+>");

    /** How many words may stand between a password's name and its value: "password was", "password attempt string revealed:". */
    private static final int PASSWORD_FILLER_WORDS = 4;
    private static final String QUOTES = "'\"`\u2018\u2019\u201c\u201d";

    /**
     * Passwords written into text after a word that names one (written by hand: no library reads prose for them). The value
     * is the first token among the next few that is quoted ("password was 'KnightRider!'"), follows a colon or an equals
     * sign ("password: hunter22"), or looks like a password on its own: six characters or more with a letter and a digit or
     * a symbol ("with password Qr7!dke#39", "change your password to Winter2025!"), or, right after "is" or "was", a
     * capitalised word ("the password is Sunshine"; "the password is expired" names a state, and a lower-case password
     * there is missed). Connecting words in between are read past ("password attempt string revealed: ...";
     * {@link #PASSWORD_FILLERS}); anything else ends the search, as does a sentence's end: "please reset my password", "the
     * password must have 12 characters" and "passwords are stored as hashes" name no value. An address or a link after the
     * word is left to its own recogniser. Written after a public PII set by others showed 0 of 14 passwords found
     * (docs/evaluation.md); before, only "password is/=/: value" was read.
     */
    static void passwords(String text, List<PiiFinding> out) {
        passwords(text, PASSWORD_WORD, out);
    }

    /**
     * As {@link #passwords(String, List)} after the words of {@code names}; after a code's name ({@link #CODE_WORD})
     * the value must hold a digit and may be digits alone: "PIN 4417", "the door code is 7734-B", "CVV: 123" (three to
     * twelve digits, four or more but for a card's security code). Added in the twelfth session: a PIN in a support
     * ticket went to the provider in the clear.
     */
    static void passwords(String text, Pattern names, List<PiiFinding> out) {
        boolean codes = names == CODE_WORD;
        java.util.Set<String> fillers = codes ? CODE_FILLERS : PASSWORD_FILLERS;
        for (Matcher m = names.matcher(text); m.find(); ) {
            // the word as a word of the prose, not a piece of a link, a path or an identifier (".../password/reset?step=2")
            if ((m.start() > 0 && "/._-=?&#@\\".indexOf(text.charAt(m.start() - 1)) >= 0)
                    || (m.end() < text.length() && "/._-?&#@\\".indexOf(text.charAt(m.end())) >= 0)) {
                continue;
            }
            int at = m.end();
            boolean separated = false;
            boolean stated = false;  // "password is ...": a capitalised word may be the value ("is Sunshine"), not a state ("is expired")
            for (int k = 0; k <= PASSWORD_FILLER_WORDS; k++) {
                int start = tokenStart(text, at, "");
                at = tokenEnd(text, start);
                if (start == at) {
                    break;
                }
                String token = text.substring(start, at);
                if (token.equals(":") || token.equals("=")) {
                    separated = true;
                    continue;
                }
                if (token.charAt(0) == ':' || token.charAt(0) == '=') {
                    separated = true;
                    start++;
                }
                if (text.charAt(start) == '(' || text.charAt(start) == '[') {
                    break;  // a remark in brackets ("passwords (PBKDF2)"), not a value
                }
                boolean quoted = start < at && QUOTES.indexOf(text.charAt(start)) >= 0;
                int valueStart = quoted ? start + 1 : start;
                if (quoted && !closesQuote(text, valueStart, at)) {
                    // a quoted passphrase with spaces in it ('correct horse battery'): the value runs to the closing quote
                    int close = closingQuote(text, valueStart);
                    if (close > 0) {
                        at = close + 1;
                    }
                }
                int valueEnd = valueEnd(text, valueStart, at);
                String value = text.substring(valueStart, Math.max(valueStart, valueEnd));
                // an address or a link is its recogniser's; a placeholder is what a pass before this one put there
                boolean elsewhere = AN_ADDRESS.matcher(value).matches() || value.regionMatches(true, 0, "http", 0, 4) || value.regionMatches(true, 0, "www.", 0, 4)
                        || A_PLACEHOLDER.matcher(value).matches();
                // after a colon a word that a comma follows opens a list ("a secure password: length, mix of characters")
                boolean listed = separated && text.charAt(at - 1) == ',' && value.chars().allMatch(Character::isLetter);
                boolean found = codes ? codeLike(value, m.group())
                        : (quoted && value.length() >= 4) || (separated && value.length() >= 6 && !listed) || passwordLike(value) || (stated && capitalisedWord(value));
                if (!elsewhere && found) {
                    out.add(new PiiFinding(PiiType.SECRET, valueStart, valueStart + value.length(), value, 0.9, codes ? "secret: code" : "secret: password"));
                    break;
                }
                char last = token.charAt(token.length() - 1);
                if (last == ':' || last == '=') {
                    // "revealed:" — the value follows
                    separated = true;
                    if (token.length() > 1 && fillers.contains(token.substring(0, token.length() - 1))) {
                        continue;
                    }
                }
                if (!fillers.contains(token)) {
                    break;  // a sentence's end, a name, a noun ("password reset for user jsmith01"): not the words before a value
                }
                stated = k == 0 && (token.equals("is") || token.equals("was"));
            }
        }
    }

    /** Where the next token starts at or after {@code at}: whitespace and the characters of {@code skip} passed over. */
    private static int tokenStart(String text, int at, String skip) {
        while (at < text.length() && (Character.isWhitespace(text.charAt(at)) || skip.indexOf(text.charAt(at)) >= 0)) {
            at++;
        }
        return at;
    }

    /** Where the token that starts at {@code start} ends: at the next whitespace or the text's end. */
    private static int tokenEnd(String text, int start) {
        int at = start;
        while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Whether the token that opened with a quote holds its closing quote too ('Lantern42' or 'Lantern42',). */
    private static boolean closesQuote(String text, int from, int end) {
        for (int i = from; i < end; i++) {
            if (QUOTES.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The closing quote of a quoted value within 64 characters on the same line, or -1. */
    private static int closingQuote(String text, int from) {
        for (int i = from; i < text.length() && i < from + 64; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return -1;
            }
            if (QUOTES.indexOf(c) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A login written as an e-mail address, a slash and the password ("edward@example.com / W!nter2024"): the password
     * after the address that ends at {@code at}.
     */
    private static void loginPassword(String text, int at, List<PiiFinding> out) {
        int i = at;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '/') {
            return;
        }
        i++;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        int start = i;
        int end = valueEnd(text, start, tokenEnd(text, start));
        String value = text.substring(start, end);
        if (passwordLike(value) && !A_PLACEHOLDER.matcher(value).matches()) {
            out.add(new PiiFinding(PiiType.SECRET, start, end, value, 0.9, "secret: password after a login"));
        }
    }

    /** Where a value that runs to {@code end} ends once closing quotes and a sentence's punctuation are left out. */
    private static int valueEnd(String text, int start, int end) {
        while (end > start && ".,;:)]}".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        while (end > start && QUOTES.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    /** Six letters or more, the first a capital and no other: "Sunshine" after "the password is". */
    private static boolean capitalisedWord(String value) {
        if (value.length() < 6 || !Character.isUpperCase(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            if (!Character.isLowerCase(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Six to 64 characters with a letter and a digit or a symbol: "Qr7!dke#39", "Start@2025", not "expired" or "2024-03-05". */
    /**
     * Whether {@code value} after a code's name ({@code name}) is one: digits alone, four to twelve of them (three or
     * four after a card's security code), or a password-shaped token with a digit ("7734-B", "X9-441").
     */
    static boolean codeLike(String value, String name) {
        if (value.isEmpty() || value.chars().noneMatch(Character::isDigit)) {
            return false;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            boolean card = n.startsWith("cvv") || n.startsWith("cvc") || n.startsWith("security code");
            return card ? value.length() >= 3 && value.length() <= 4 : value.length() >= 4 && value.length() <= 12;
        }
        return value.length() >= 4 && value.length() <= 24 && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')
                && value.chars().anyMatch(Character::isLetter);
    }

    static boolean passwordLike(String value) {
        if (value.length() < 6 || value.length() > 64) {
            return false;
        }
        boolean letter = false;
        boolean other = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
            } else if (!Character.isWhitespace(c)) {
                other = true;
            }
        }
        return letter && other;
    }

    /** The words that may stand between a password's name and its value: verbs of being and setting, articles, owners. */
    private static final java.util.Set<String> PASSWORD_FILLERS = java.util.Set.of("is", "was", "were", "are", "be", "been", "being", "set", "reset",
            "changed", "change", "to", "as", "of", "the", "a", "an", "her", "his", "their", "my", "your", "our", "its", "new", "old", "temporary",
            "default", "initial", "current", "currently", "still", "now", "used", "entered", "typed", "attempt", "string", "revealed", "reads", "says",
            "shown", "given", "chosen", "login", "account");
    /** The same before a code's value, and the words of its name's phrase: "PIN number", "the code for today is". */
    private static final java.util.Set<String> CODE_FILLERS = java.util.stream.Stream.concat(PASSWORD_FILLERS.stream(),
            java.util.stream.Stream.of("number", "code", "for", "today", "today's", "card", "card's", "door", "alarm")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static void find(Pattern pattern, String text, PiiType type, double confidence, List<PiiFinding> out) {
        for (Matcher m = pattern.matcher(text); m.find(); ) {
            out.add(new PiiFinding(type, m.start(), m.end(), m.group(), confidence, type.name().toLowerCase(java.util.Locale.ROOT) + ": pattern"));
        }
    }

    private static List<PiiFinding> resolveOverlaps(List<PiiFinding> candidates) {
        candidates.sort(Comparator.comparingDouble(PiiFinding::confidence).reversed()
                .thenComparingInt(f -> RANK[f.type().ordinal()])
                .thenComparing(Comparator.comparingInt((PiiFinding f) -> f.end() - f.start()).reversed()));
        List<PiiFinding> kept = new ArrayList<>();
        for (PiiFinding candidate : candidates) {
            boolean free = true;
            for (int k = 0; k < kept.size() && free; k++) {
                free = !candidate.overlaps(kept.get(k));
            }
            if (free) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(PiiFinding::start));
        return kept;
    }
}
