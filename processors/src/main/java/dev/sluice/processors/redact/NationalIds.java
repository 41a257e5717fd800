package dev.sluice.processors.redact;

import dev.sluice.processors.text.Gate;
import dev.sluice.processors.text.Gates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.stream.Stream;

/**
 * EU national identifiers and VAT numbers, each with its official check: German Steuer-ID
 * (ISO 7064 MOD 11,10), French NIR (97 minus the number modulo 97), Dutch BSN (the 11-test), Spanish
 * DNI and NIE (check letter, modulo 23); VAT numbers by their country's format and check digits
 * ({@link VatNumbers}) when a VAT word is near. A number whose check fails is reported only for the types
 * the configuration makes lenient ({@code redaction.lenientChecksums}), at {@link #LENIENT_CONFIDENCE}, and only where
 * the words of its scheme are near. Written by hand because no Apache-compatible library on Maven Central
 * validates these national schemes (commons-validator covers IBAN, ISIN and cards, not these).
 */
final class NationalIds {

    static final DigitRegions.Bounded STEUER_ID = DigitRegions.Bounded.of("(?<![\\d-])\\d{2} ?\\d{3} ?\\d{3} ?\\d{3}(?![\\d-])", 0, 0).startingWhere(DigitRegions.Starts.DIGIT).withAtLeast(11);
    static final DigitRegions.Bounded NIR = DigitRegions.Bounded.of("(?<!\\d)[12] ?\\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\\d) ?(?:\\d{2}|2[AB]) ?\\d{3} ?\\d{3} ?\\d{2}(?!\\d)", 0, 0).startingWhere(DigitRegions.Starts.DIGIT);
    static final DigitRegions.Bounded BSN = DigitRegions.Bounded.of("(?<![\\d.-])\\d{4}\\.?\\d{2}\\.?\\d{3}(?![\\d.-])", 0, 0).startingWhere(DigitRegions.Starts.DIGIT).withAtLeast(9);
    static final DigitRegions.Bounded DNI = DigitRegions.Bounded.of("(?<![\\dA-Z])(?:[XYZ]-?\\d{7}|\\d{8})-?[A-HJ-NP-TV-Z](?![\\dA-Za-z])", 2, 2)
            .startingWhere((text, at) -> DigitRegions.Starts.DIGIT.at(text, at) || "XYZ".indexOf(text.charAt(at)) >= 0);
    // not when the digits go on after a separator: "BE68 5390 0754" begins a Belgian IBAN
    static final DigitRegions.Bounded VAT = DigitRegions.Bounded.of(VatNumbers.PATTERN + "(?![ .\\-/]\\d)", 9, 3)
            .startingWhere(VatNumbers::mayStart);
    // the states' own names for it too: UID (AT), NIF and CIF (ES, PT, RO), NIP (PL), moms (DK, SE), ALV (FI), DIČ (CZ, SK), DDV (SI),
    // OIB (HR), KMKR (EE), PVN (LV), PVM (LT), AFM/ΑΦΜ and ΦΠΑ (EL, CY), CUI (RO), adószám (HU), ДДС (BG); the gate lower-cases ASCII only
    static final Gate.Guarded VAT_CONTEXT = Gate.Guarded.led("(?i)\\b(vat|ust-?id|tva|iva|btw|mwst|tax id|umsatzsteuer|uid|nif|cif|nip|moms|alv|di[čČc]|ddv|oib|kmkr|pvn|pvm|afm|cui|adószám|ΑΦΜ|ΦΠΑ|ДДС)",
            "vat|ust|tva|iva|btw|mwst|tax id|umsatzsteuer|uid|nif|cif|nip|moms|alv|dič|diČ|dic|ddv|oib|kmkr|pvn|pvm|afm|cui|adószám|ΑΦΜ|ΦΠΑ|ДДС");
    // where a number whose check fails may still be one of these (lenient types only)
    static final Gate.Guarded NIR_CONTEXT = Gate.Guarded.of("(?i)(s[ée]curit[ée] sociale|\\bnir\\b|\\binsee\\b|\\bs[ée]cu\\b|carte vitale|social security)",
            "curit|nir|insee|sécu|secu|vitale|social security");
    static final Gate.Guarded DNI_CONTEXT = Gate.Guarded.led("(?i)\\b(dni|nie|nif|documento nacional|identidad)\\b", "dni|nie|nif|documento nacional|identidad");
    static final Gate.Guarded STEUER_CONTEXT = Gate.Guarded.led("(?i)(steuer|identifikationsnummer|\\bidnr\\b|\\btin\\b|tax id)", "steuer|identifikationsnummer|idnr|tin|tax id");
    static final Gate.Guarded BSN_CONTEXT = Gate.Guarded.led("(?i)\\b(bsn|burgerservicenummer|sofinummer|citizen service number)\\b", "bsn|burgerservicenummer|sofinummer|citizen service number");
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    /**
     * A number of its scheme's shape, with the scheme's words near, whose check fails (lenient types only): as sure as a date
     * or a phone number read inside it (0.6-0.7), which the type order then puts after it, so that the whole number is
     * replaced and not the date in it ("85.07.30" of a Belgian national number); below every valid number's confidence.
     */
    static final double LENIENT_CONFIDENCE = 0.7;

    /** The words of every scheme here and in {@link PersonalNumbers}, in this order: their literals are found in one pass. */
    private static final List<Gate.Guarded> CONTEXTS = Stream.concat(Stream.of(STEUER_CONTEXT, NIR_CONTEXT, BSN_CONTEXT, DNI_CONTEXT, VAT_CONTEXT),
            PersonalNumbers.SCHEMES.stream().map(PersonalNumbers.Scheme::words)).toList();
    private static final int STEUER_WORDS = 0;
    private static final int NIR_WORDS = 1;
    private static final int BSN_WORDS = 2;
    private static final int DNI_WORDS = 3;
    private static final int VAT_WORDS = 4;
    private static final int PERSONAL_WORDS = 5;
    private static final Gates CONTEXT_GATES = new Gates(CONTEXTS.stream().map(Gate.Guarded::gate).toList());

    private NationalIds() {
    }

    /**
     * @param regions where the text's digits are
     * @param full    the whole text, where the schemes' words are looked for
     * @param lower   {@link Gate#lower}{@code (full)}
     * @param lenient the types whose numbers are also reported when their check fails
     */
    static List<PiiFinding> find(String text, DigitRegions regions, String full, String lower, Set<PiiType> lenient) {
        List<PiiFinding> out = new ArrayList<>();
        boolean lenientIds = lenient.contains(PiiType.NATIONAL_ID);
        // which schemes' words occur: their literals found in one pass, then each pattern confirmed only where its literals are
        boolean[] open = CONTEXT_GATES.open(lower);
        boolean[] near = new boolean[open.length];
        for (int i = 0; i < open.length; i++) {
            near[i] = open[i] && CONTEXTS.get(i).find(full, lower);
        }
        // an 11-digit or 9-digit number passes these checks by chance one time in ten: only with context words
        if (near[STEUER_WORDS]) {
            regions.find(STEUER_ID, m -> {
                String digits = digits(m.group());
                if (steuerId(digits)) {
                    out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.75, "steuer-id: MOD 11,10 check, tax-id words near"));
                } else if (lenientIds && digits.charAt(0) != '0') {
                    out.add(lenientFinding(m, "steuer-id: lenient, check fails, tax-id words near"));
                }
            });
        }
        boolean nirWords = lenientIds && near[NIR_WORDS];
        regions.find(NIR, m -> {
            if (nir(m.group().replace(" ", ""))) {
                out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.9, "nir: mod-97 key"));
            } else if (nirWords) {
                out.add(lenientFinding(m, "nir: lenient, key fails, social-security words near"));
            }
        });
        if (near[BSN_WORDS]) {
            regions.find(BSN, m -> {
                if (bsn(digits(m.group()))) {
                    out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.75, "bsn: 11-test, BSN words near"));
                } else if (lenientIds) {
                    out.add(lenientFinding(m, "bsn: lenient, 11-test fails, BSN words near"));
                }
            });
        }
        boolean dniWords = lenientIds && near[DNI_WORDS];
        regions.find(DNI, m -> {
            if (dni(m.group().replace("-", ""))) {
                out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.9, "dni-nie: check letter"));
            } else if (dniWords) {
                out.add(lenientFinding(m, "dni-nie: lenient, letter fails, DNI words near"));
            }
        });
        PersonalNumbers.find(regions, near, PERSONAL_WORDS, lenientIds, out);
        if (near[VAT_WORDS]) {
            boolean lenientVat = lenient.contains(PiiType.VAT_ID);
            regions.find(VAT, m -> {
                switch (VatNumbers.check(m.group())) {
                    case VALID -> out.add(new PiiFinding(PiiType.VAT_ID, m.start(), m.end(), m.group(), 0.95, "vat-id: country's check digits, VAT words near"));
                    case UNCHECKED -> out.add(new PiiFinding(PiiType.VAT_ID, m.start(), m.end(), m.group(), 0.8, "vat-id: country format, VAT words near"));
                    case INVALID -> {
                        if (lenientVat) {
                            out.add(new PiiFinding(PiiType.VAT_ID, m.start(), m.end(), m.group(), LENIENT_CONFIDENCE, "vat-id: lenient, check fails, VAT words near"));
                        }
                    }
                }
            });
        }
        return out;
    }

    private static PiiFinding lenientFinding(MatchResult m, String recognizer) {
        return new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), LENIENT_CONFIDENCE, recognizer);
    }

    private static String digits(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (Character.isDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Steuerliche Identifikationsnummer: 11 digits, no leading 0, ISO 7064 MOD 11,10 check digit. */
    static boolean steuerId(String id) {
        if (id.length() != 11 || id.charAt(0) == '0') {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[id.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (int count : counts) {
            if (count > 3) {
                return false;
            }
            repeated += count >= 2 ? 1 : 0;
        }
        if (repeated != 1) {
            return false; // exactly one digit occurs twice or three times in the first ten
        }
        return CheckDigits.mod11And10(id, 10) == id.charAt(10) - '0';
    }

    /** French NIR: 13 characters (Corsica 2A/2B counted as 19/18) and a key of 97 minus the number modulo 97. */
    static boolean nir(String nir) {
        if (nir.length() != 15) {
            return false;
        }
        String body = nir.substring(0, 13).replace("2A", "19").replace("2B", "18");
        try {
            long number = Long.parseLong(body);
            int key = Integer.parseInt(nir.substring(13));
            return 97 - (number % 97) == key;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Dutch BSN: 9 digits, sum of digit times 9..2 minus the last digit is a multiple of 11. */
    static boolean bsn(String bsn) {
        if (bsn.length() != 9 || bsn.equals("000000000")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (bsn.charAt(i) - '0') * (9 - i);
        }
        sum -= bsn.charAt(8) - '0';
        return sum % 11 == 0;
    }

    /** Spanish DNI (8 digits) and NIE (X/Y/Z as 0/1/2 and 7 digits) with their letter: number modulo 23. */
    static boolean dni(String id) {
        String number = id.substring(0, id.length() - 1);
        char first = number.charAt(0);
        if (first == 'X' || first == 'Y' || first == 'Z') {
            number = (first - 'X') + number.substring(1);
        }
        return DNI_LETTERS.charAt((int) (Long.parseLong(number) % 23)) == id.charAt(id.length() - 1);
    }
}
