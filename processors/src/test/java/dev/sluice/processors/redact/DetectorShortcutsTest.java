package dev.sluice.processors.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.sluice.processors.text.Gate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The detector's shortcuts change nothing it finds: patterns run only around digit clusters find
 * exactly what they find on the whole text, and a gate is open wherever its pattern matches. Checked on
 * the shared PII set, this project's hold-out file and generated digit-heavy text.
 */
class DetectorShortcutsTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<DigitRegions.Bounded> BOUNDED = java.util.stream.Stream.concat(java.util.stream.Stream.of(PiiDetector.CARD, PiiDetector.SSN,
            PiiDetector.IPV4, PiiDetector.PHONE_CANDIDATE, PiiDetector.DATE, PiiDetector.DIGIT_RUN, PiiDetector.IBAN, NationalIds.STEUER_ID, NationalIds.NIR,
            NationalIds.BSN, NationalIds.DNI, NationalIds.VAT), PersonalNumbers.SCHEMES.stream().map(PersonalNumbers.Scheme::pattern)).toList();
    private static final List<Gate.Guarded> GUARDED = java.util.stream.Stream.concat(java.util.stream.Stream.of(new Gate.Guarded(PiiDetector.SECRET,
            PiiDetector.SECRET_GATE), PiiDetector.CARD_CONTEXT, PiiDetector.PHONE_CONTEXT, NationalIds.VAT_CONTEXT, NationalIds.STEUER_CONTEXT,
            NationalIds.BSN_CONTEXT, NationalIds.NIR_CONTEXT, NationalIds.DNI_CONTEXT), PersonalNumbers.SCHEMES.stream().map(PersonalNumbers.Scheme::words)).toList();

    static List<String> corpus() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (Path file : List.of(Path.of("../../shared/eval-data/pii/presidio-synth-v2.json"), Path.of("../ops/src/main/resources/eval/pii-holdout.json"),
                Path.of("../ops/src/main/resources/eval/pii-eu-prose.json"), Path.of("../ops/src/main/resources/eval/pii-eu-holdout.json"),
                Path.of("../ops/src/main/resources/eval/pii-records-holdout.json"), Path.of("../ops/src/main/resources/eval/pii-support-holdout.json"),
                Path.of("../ops/src/main/resources/eval/pii-identifiers.json"))) {
            assertThat(file).as("labelled PII text (../shared beside the checkout)").isRegularFile();
            for (JsonNode record : mapper.readTree(file.toFile())) {
                texts.add(record.path("full_text").asText());
            }
        }
        return texts;
    }

    private static List<String> wholeText(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        for (Matcher m = pattern.matcher(text); m.find(); ) {
            out.add(m.start() + "-" + m.end());
        }
        return out;
    }

    private static List<String> byRegions(DigitRegions.Bounded bounded, String text) {
        List<String> out = new ArrayList<>();
        DigitRegions.of(text).find(bounded, m -> out.add(m.start() + "-" + m.end()));
        return out;
    }

    private static int check(String text) {
        int matches = 0;
        for (DigitRegions.Bounded bounded : BOUNDED) {
            List<String> expected = wholeText(bounded.pattern(), text);
            assertThat(byRegions(bounded, text)).as("%s on: %s", bounded.pattern(), text).isEqualTo(expected);
            matches += expected.size();
        }
        // libphonenumber on the windows around runs of six or more digits and separators finds the numbers
        // that hold such a run as it finds them on the whole text (shorter numbers are not looked for)
        List<int[]> windows = PiiDetector.phoneWindows(text, DigitRegions.of(text));
        if (!windows.isEmpty()) {
            List<String> expected = new ArrayList<>();
            for (var match : PHONES.findNumbers(text, "US", PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
                if (holdsRun(text, match.start(), match.end())) {
                    expected.add(match.start() + "-" + match.end() + " " + match.number());
                }
            }
            List<String> windowed = new ArrayList<>();
            for (var phone : PiiDetector.phoneNumbers(text, windows, "US")) {
                if (holdsRun(text, phone.start(), phone.end())) {
                    windowed.add(phone.start() + "-" + phone.end() + " " + phone.number());
                }
            }
            assertThat(windowed).as("phone numbers in: %s", text).isEqualTo(expected);
            matches += expected.size();
        }
        List<String> emails = wholeText(PiiDetector.EMAIL.pattern(), text);
        List<String> emailsNearAt = new ArrayList<>();
        DigitRegions.of(text, '@').find(PiiDetector.EMAIL, m -> emailsNearAt.add(m.start() + "-" + m.end()));
        assertThat(emailsNearAt).as("e-mail addresses in: %s", text).isEqualTo(emails);
        matches += emails.size();
        String lower = Gate.lower(text);
        List<String> urls = wholeText(PiiDetector.URL.pattern(), text);
        List<String> urlsAtLiterals = new ArrayList<>();
        PiiDetector.URL.findAll(text, lower, m -> urlsAtLiterals.add(m.start() + "-" + m.end()));
        assertThat(urlsAtLiterals).as("URLs in: %s", text).isEqualTo(urls);
        matches += urls.size();
        for (Gate.Guarded guarded : GUARDED) {
            boolean found = guarded.pattern().matcher(text).find();
            if (found) {
                matches++;
                assertThat(guarded.gate().open(lower)).as("gate '%s' on: %s", guarded.gate(), text).isTrue();
            }
            assertThat(guarded.find(text, lower)).as("%s on: %s", guarded.pattern(), text).isEqualTo(found);
        }
        return matches;
    }

    private static boolean holdsRun(String text, int start, int end) {
        return PiiDetector.PHONE_CANDIDATE.pattern().matcher(text).region(start, end).find();
    }

    @Test
    void shortcutsShouldFindWhatTheWholeTextScanFindsOnLabelledText() throws Exception {
        int matches = 0;
        for (String text : corpus()) {
            matches += check(text);
        }
        assertThat(matches).isGreaterThan(1000);
    }

    @Property(tries = 3000, seed = "20261123") // fixed seed: the suite is deterministic
    void shortcutsShouldFindWhatTheWholeTextScanFindsOnGeneratedText(@ForAll("digitHeavy") String text) {
        check(text);
    }

    @Provide
    Arbitrary<String> digitHeavy() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> month = Arbitraries.of("September", "Sept.", "jan", "March", "Dec.", "may");
        // dates whose words reach furthest before and between digits
        Arbitrary<String> date = Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(month, digits, digits).as((m, d, y) -> m + " " + d + ", " + y),
                net.jqwik.api.Combinators.combine(digits, month, digits).as((d, m, y) -> d + "th " + m + ", " + y));
        Arbitrary<String> piece = Arbitraries.oneOf(
                digits, date,
                Arbitraries.of(" ", "-", ".", "/", "(", ")", "+", ":", ", ", "\n", "  "),
                Arbitraries.of("September", "Sept.", "born in ", "since ", "th ", "X", "DE", "FRAB", "FR - A B ", "ATU", "ATU - ", "NL", "NL.", "B", "b", "IE ", "IE - ", "D", " IH", "ES - Q", "DK: ", "SE-", "RCCMNL", "S", "T", "H", "A", "PESEL ", "CPR ", "RČ ", "/", "OIB ", "GB82 WEST ", "DE89 ", "NL91ABNA", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "card ", "phone ",
                        "BSN ", "Steuer-ID ", "VAT ", "password: ", "sk-", "AKIA", "the invoice ", "was paid on ", "Telephone", "cellar ", "TIN", "ustid", "UST-ID ", "+44 ", "+1 (", ") ", " ext. ", " x", "#", "Tel: ",
                        "@", "a.b", "Jane.Doe", "example.com", ".co.uk", "https://", "HTTP://", "www.", "WWW.", "\"", "<"));
        return piece.list().ofMinSize(1).ofMaxSize(40).map(parts -> String.join("", parts));
    }

    private static final PiiDetector DETECTOR = new PiiDetector(java.util.Set.of(), false);
    private static final PiiDetector FULL_WAY = DETECTOR.withoutPhoneShortcut();

    @Test
    void skippingRunsInsideCardsAndIbansShouldChangeNoFindingOnLabelledText() throws Exception {
        PiiDetector detector = new PiiDetector();
        PiiDetector fullWay = detector.withoutPhoneShortcut();
        int phones = 0;
        for (String text : corpus()) {
            List<PiiFinding> findings = detector.detect(text, "US");
            assertThat(findings).as(text).isEqualTo(fullWay.detect(text, "US"));
            phones += (int) findings.stream().filter(f -> f.type() == PiiType.PHONE).count();
        }
        assertThat(phones).isGreaterThan(80);
    }

    @Property(tries = 3000, seed = "20261123") // fixed seed: the suite is deterministic
    void skippingRunsInsideCardsAndIbansShouldChangeNoFindingOnGeneratedText(@ForAll("numbersSideBySide") String text) {
        assertThat(DETECTOR.detect(text, "US")).as(text).isEqualTo(FULL_WAY.detect(text, "US"));
    }

    /** Valid cards, IBANs and phone numbers side by side, with digits and separators between them. */
    @Provide
    Arbitrary<String> numbersSideBySide() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("4111 1111 1111 1111", "4111111111111111", "5500-0000-0000-0004", "6759 6498 2643", "GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00",
                        "+44 20 7946 0958", "(555) 123-4567", "+1 415 555 2671", "030 901820", "2024-03-05", "123-45-6789", "10.0.0.1", "card ", "call ", "password: ", "IBAN "),
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(6),
                Arbitraries.of(" ", "-", ".", "/", "(", ")", "+", ", ", "\n", " and ", " x"));
        return piece.list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts));
    }

    /** A date is not handed to libphonenumber as a phone number candidate. */
    @Test
    void calendarDatesShouldBeToldFromOtherDigitRuns() {
        for (String date : List.of("2024-03-05", "05.03.2024", "5/3/2024", "12/31/1999", "31.12.2099")) {
            assertThat(PiiDetector.calendarDate(date, 0, date.length())).as(date).isTrue();
        }
        for (String other : List.of("2024-13-05", "2024-03-00", "13/13/2024", "05.03.1812", "030 901820", "123.45.2024", "2024-03-055")) {
            assertThat(PiiDetector.calendarDate(other, 0, other.length())).as(other).isFalse();
        }
    }

    @Test
    void aPatternShouldBeRunOnlyAroundDigits() {
        List<String> seen = new ArrayList<>();
        String text = "x".repeat(200) + " 123-45-6789 " + "y".repeat(200);
        DigitRegions.of(text).find(PiiDetector.SSN, m -> seen.add(m.group()));
        assertThat(seen).containsExactly("123-45-6789");
        DigitRegions.of("no digits at all").find(PiiDetector.SSN, m -> seen.add(m.group()));
        assertThat(seen).hasSize(1);
    }
}
