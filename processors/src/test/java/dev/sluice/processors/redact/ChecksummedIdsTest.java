package dev.sluice.processors.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.processors.config.GatewayConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * EU VAT numbers by their country's check digits, as invoices print them, and the per-type leniency of checksums for
 * national identifiers and VAT numbers. The valid and the mangled numbers are public firms' VAT numbers collected by
 * python-stdnum's authors ("found online", tests/test_eu_vat.doctest), a source independent of this code.
 */
class ChecksummedIdsTest {

    private static final PiiDetector STRICT = new PiiDetector(Set.of(), false);
    private static final PiiDetector LENIENT = new PiiDetector(Set.of(PiiType.NATIONAL_ID, PiiType.VAT_ID), false);

    /** Two per state (the Croatian one from python-stdnum's documentation of the OIB), in the forms they were found in. */
    private static final List<String> VALID = List.of("ATU 142 43 102", "ATU13585627", "BE 0202.239.951", "BE413562567", "CZ 25123891",
            "CZ7205151536", "DE 813 11 38 75", "DE136308783", "DK 10 50 32 80", "DK: 21599336", "ES A-28184661", "ES - Q0818001J",
            "ES X-5253868-R", "ES 54362315K", "FI 0982651-1", "FI18261444", "FR 163 041 877 01", "FR64333266765", "IE 6433435F",
            "IE6433435IH", "IE8D79739I", "IT 00 595 000 217", "IT00743110157", "LU.248.70.640", "LU 10059929", "NL.8143.26.584.B.01",
            "NL001162938B28", "PL 584-030-44-72", "PL5261025421", "PT 500 019 720", "PT503038083", "SE-556666-4438-01", "SE556043606401",
            "BG 175074752", "BG7523169263", "CY-10008489 A", "CY 10246672X", "EE 100 931 558", "EE101256753", "EL 094012834", "EL 94051189",
            "HR 33392005961", "HU 10672101", "HU-14528114", "LT 119511515", "LT100001251914", "LV 4000 3521 600", "LV-40003241337",
            "MT 1039-6417", "MT 17025737", "RO 185 472 90", "RO 1630615123457", "SI 3609 7152", "SI-83815201", "SK 2020 237 945",
            "SK2022193459");

    /** The same sources' numbers with one digit changed. */
    private static final List<String> MANGLED = List.of("ATU 143 43 102", "BE 0406.139.583", "CZ 25557481", "DE 125014855", "DK-27996592",
            "ES 54362415K", "ES K-2814015-F", "FR 04409414264", "IE 4731823H", "IE8D79729I", "BG 1037735942", "CY 10246672F", "EE 100525487",
            "EL 094068733", "HR 33392005962", "LV 40003189715", "SK 2030 237 945");

    private static List<PiiFinding> found(PiiDetector detector, String text, PiiType type) {
        return detector.detect(text, "DE").stream().filter(f -> f.type() == type).toList();
    }

    @Test
    void vatNumbersFoundOnlineShouldPassTheirCountrysCheckAndMangledOnesFail() {
        for (String number : VALID) {
            assertThat(VatNumbers.check(number)).as(number).isEqualTo(VatNumbers.Check.VALID);
        }
        for (String number : MANGLED) {
            assertThat(VatNumbers.check(number)).as(number).isEqualTo(VatNumbers.Check.INVALID);
        }
        // forms whose check is not verified here
        assertThat(VatNumbers.check("FR K 7399859412")).isEqualTo(VatNumbers.Check.UNCHECKED);
        assertThat(VatNumbers.check("CZ 640903926")).isEqualTo(VatNumbers.Check.UNCHECKED);
    }

    @Test
    void vatNumbersShouldBeFoundWholeInTheirPrintedFormsNearVatWords() {
        for (String number : VALID) {
            String text = "Please invoice Acme, VAT number " + number + ", by Friday.";
            assertThat(found(STRICT, text, PiiType.VAT_ID)).as(text).singleElement()
                    .satisfies(f -> assertThat(f.value()).isEqualTo(number))
                    .satisfies(f -> assertThat(f.confidence()).isEqualTo(0.95));
        }
        assertThat(found(STRICT, "Order DE 811 363 057 shipped on time.", PiiType.VAT_ID)).as("no VAT words near").isEmpty();
        // the states' own words for the number open the check too (the gate lower-cases ASCII letters only)
        for (String text : List.of("DIČ: CZ 25123891", "ΑΦΜ EL 094012834", "Adószám: HU 10672101", "ДДС № BG 175074752", "OIB HR 33392005961",
                "NIP PL5261025421", "USt-IdNr. DE136308783")) {
            assertThat(found(STRICT, text, PiiType.VAT_ID)).as(text).hasSize(1);
        }
    }

    @Test
    void aVatNumberWhoseCheckFailsShouldBeReportedOnlyWhereVatIsLenient() {
        String text = "Our VAT number is DE123456789.";
        assertThat(found(STRICT, text, PiiType.VAT_ID)).isEmpty();
        assertThat(found(LENIENT, text, PiiType.VAT_ID)).singleElement()
                .satisfies(f -> assertThat(f.value()).isEqualTo("DE123456789"))
                .satisfies(f -> assertThat(f.confidence()).isLessThan(0.95));
        // the beginning of a Belgian IBAN has a VAT number's shape: the digits that go on say it is none, however lenient
        String iban = "VAT invoices are paid to BE68 5390 0754 7034.";
        assertThat(found(LENIENT, iban, PiiType.VAT_ID)).isEmpty();
        assertThat(found(LENIENT, iban, PiiType.IBAN)).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo("BE68 5390 0754 7034"));
    }

    @Test
    void nationalIdsWhoseCheckFailsShouldBeReportedOnlyWhereLenientAndTheirSchemesWordsAreNear() {
        String steuer = "Steuer-ID 86095742718 bitte eintragen"; // check digit 9 would be right
        assertThat(found(STRICT, steuer, PiiType.NATIONAL_ID)).isEmpty();
        assertThat(found(LENIENT, steuer, PiiType.NATIONAL_ID)).singleElement().satisfies(f -> assertThat(f.confidence()).isEqualTo(0.7));

        String dni = "DNI 12345678A del cliente"; // Z would be right
        assertThat(found(STRICT, dni, PiiType.NATIONAL_ID)).isEmpty();
        assertThat(found(LENIENT, dni, PiiType.NATIONAL_ID)).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo("12345678A"));
        assertThat(found(LENIENT, "Parcel 12345678A left the depot.", PiiType.NATIONAL_ID)).as("no DNI words").isEmpty();

        String nir = "Numéro de sécurité sociale : 1 85 05 78 006 084 92"; // key 91 would be right
        assertThat(found(STRICT, nir, PiiType.NATIONAL_ID)).isEmpty();
        assertThat(found(LENIENT, nir, PiiType.NATIONAL_ID)).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo("1 85 05 78 006 084 92"));
        assertThat(found(LENIENT, "Reference 1 85 05 78 006 084 92 on the parcel.", PiiType.NATIONAL_ID)).as("no social-security words").isEmpty();

        String bsn = "BSN 111222334 van de klant"; // 111222333 passes the 11-test
        assertThat(found(STRICT, bsn, PiiType.NATIONAL_ID)).isEmpty();
        assertThat(found(LENIENT, bsn, PiiType.NATIONAL_ID)).hasSize(1);
    }

    /** Each scheme's documented examples (python-stdnum's documentation of each module): a valid number, then one that fails. */
    private static final List<List<String>> PERSONAL = List.of(
            List.of("Codice fiscale: ", "RCCMNL83S18D969H", "RCCMNL83S18D969A"), List.of("C.F. ", "CNTCHR83T41D969D", "CNTCHR83T41D969E"),
            List.of("Henkilötunnus ", "131052-308T", "131052-308U"), List.of("PESEL ", "44051401359", "44051401358"),
            List.of("Personnummer: ", "880320-0016", "880320-0018"), List.of("Rijksregisternummer ", "85.07.30-033.28", "85.07.30-033.29"),
            List.of("INSZ ", "17 07 30 033 84", "17 07 30 033 85"), List.of("isikukood ", "36805280109", "36805280108"),
            List.of("rodné číslo ", "710319/2745", "710319/2746"), List.of("Sozialversicherungsnummer ", "1237 010180", "2237 010180"),
            List.of("AMKA ", "01013099997", "01013099999"), List.of("PPSN ", "6433435F", "6433435E"), List.of("PPS number ", "6433435OA", "6433435VH"),
            List.of("CNP ", "1630615123457", "1630615123458"), List.of("ЕГН ", "7523169263", "7523169264"), List.of("OIB ", "33392005961", "33392005962"));

    @Test
    void personalNumbersShouldBeFoundByTheirChecksNearTheirWords() {
        for (List<String> example : PERSONAL) {
            String valid = example.get(0) + example.get(1) + " (on file)";
            String invalid = example.get(0) + example.get(2) + " (on file)";
            assertThat(found(STRICT, valid, PiiType.NATIONAL_ID)).as(valid).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo(example.get(1)));
            assertThat(found(STRICT, invalid, PiiType.NATIONAL_ID)).as(invalid).isEmpty();
            assertThat(found(LENIENT, invalid, PiiType.NATIONAL_ID)).as(invalid).singleElement()
                    .satisfies(f -> assertThat(f.value()).isEqualTo(example.get(2)))
                    .satisfies(f -> assertThat(f.confidence()).isEqualTo(0.7));
        }
        // a Danish CPR number has had no check digit since 2007: its date is what is checked
        assertThat(found(STRICT, "CPR-nr. 211062-5629", PiiType.NATIONAL_ID)).hasSize(1);
        assertThat(found(STRICT, "CPR-nr. 311162-5629", PiiType.NATIONAL_ID)).as("31 November").isEmpty();
        // digits alone pass a check by chance: without their scheme's words they are none of these
        assertThat(found(STRICT, "Order 44051401359 shipped; ref 880320-0016.", PiiType.NATIONAL_ID)).isEmpty();
        // the codice fiscale and the HETU are shaped so that they count without
        assertThat(found(STRICT, "Mario Rossi, RCCMNL83S18D969H, and Jaana, 131052-308T.", PiiType.NATIONAL_ID)).hasSize(2);
    }

    @Test
    void onlyTypesWithAChecksumShouldBeAcceptedAsLenient() {
        assertThat(new GatewayConfig.RedactionRules(null, Map.of(), Set.of("CREDIT_CARD", "IBAN", "NATIONAL_ID", "VAT_ID")).lenientChecksums()).hasSize(4);
        assertThatThrownBy(() -> new GatewayConfig.RedactionRules(null, Map.of(), Set.of("EMAIL")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redaction.lenientChecksums: 'EMAIL' is not a type with a checksum")
                .hasMessageContaining("VAT_ID");
        assertThatThrownBy(() -> new GatewayConfig.RedactionRules(null, Map.of(), Set.of("iban"))).hasMessageContaining("'iban'");
    }

    /** The valid numbers of the states whose check catches every change of one digit (a weighted sum modulo a prime, Luhn). */
    @Provide
    Arbitrary<String> singleErrorCountries() {
        // not where a remainder of 10 counts as another digit's (CZ, PT, EL, SI, BG, LT, RO), nor with two schemes to pass (NL, ES)
        List<String> collapsing = List.of("CZ", "PT", "NL", "ES", "EL", "SI", "BG", "LT", "RO");
        return Arbitraries.of(VALID.stream().filter(n -> !collapsing.contains(n.substring(0, 2))).toList());
    }

    @Property(seed = "20261125", tries = 400)
    void changingOneDigitShouldFailTheCheck(@ForAll("singleErrorCountries") String number, @ForAll @IntRange(min = 0, max = 40) int which,
                                            @ForAll @IntRange(min = 1, max = 9) int by) {
        int[] digitPositions = number.chars().map(c -> Character.isDigit(c) ? 1 : 0).toArray();
        int count = (int) java.util.Arrays.stream(digitPositions).filter(d -> d == 1).count();
        int target = which % count;
        StringBuilder changed = new StringBuilder(number);
        for (int i = 0, seen = 0; i < number.length(); i++) {
            if (Character.isDigit(number.charAt(i)) && seen++ == target) {
                changed.setCharAt(i, (char) ('0' + (number.charAt(i) - '0' + by) % 10));
            }
        }
        assertThat(VatNumbers.check(changed.toString())).as(changed.toString()).isNotEqualTo(VatNumbers.Check.VALID);
    }
}
