package dev.sluice.processors.redact;

import dev.sluice.processors.text.Gate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * EU national identifiers and VAT numbers, each with its official check: German Steuer-ID
 * (ISO 7064 MOD 11,10), French NIR (97 minus the number modulo 97), Dutch BSN (the 11-test), Spanish
 * DNI and NIE (check letter, modulo 23). VAT numbers are accepted by their country's format when a
 * VAT word is near. Written by hand because no Apache-compatible library on Maven Central validates
 * these national schemes (commons-validator covers IBAN, ISIN and cards, not these).
 */
final class NationalIds {

    static final DigitRegions.Bounded STEUER_ID = DigitRegions.Bounded.of("(?<![\\d-])\\d{2} ?\\d{3} ?\\d{3} ?\\d{3}(?![\\d-])", 0, 0).startingWhere(DigitRegions.Starts.DIGIT).withAtLeast(11);
    static final DigitRegions.Bounded NIR = DigitRegions.Bounded.of("(?<!\\d)[12] ?\\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\\d) ?(?:\\d{2}|2[AB]) ?\\d{3} ?\\d{3} ?\\d{2}(?!\\d)", 0, 0).startingWhere(DigitRegions.Starts.DIGIT);
    static final DigitRegions.Bounded BSN = DigitRegions.Bounded.of("(?<![\\d.-])\\d{4}\\.?\\d{2}\\.?\\d{3}(?![\\d.-])", 0, 0).startingWhere(DigitRegions.Starts.DIGIT).withAtLeast(9);
    static final DigitRegions.Bounded DNI = DigitRegions.Bounded.of("(?<![\\dA-Z])(?:[XYZ]-?\\d{7}|\\d{8})-?[A-HJ-NP-TV-Z](?![\\dA-Za-z])", 2, 2)
            .startingWhere((text, at) -> DigitRegions.Starts.DIGIT.at(text, at) || "XYZ".indexOf(text.charAt(at)) >= 0);
    static final DigitRegions.Bounded VAT = DigitRegions.Bounded.of("\\b(?:ATU\\d{8}|BE0?\\d{9}|DE\\d{9}|DK\\d{8}|ES[A-Z0-9]\\d{7}[A-Z0-9]|FI\\d{8}|FR[A-Z0-9]{2}\\d{9}"
            + "|IE\\d{7}[A-W][A-I]?|IT\\d{11}|LU\\d{8}|NL\\d{9}B\\d{2}|PL\\d{10}|PT\\d{9}|SE\\d{12}|CZ\\d{8,10})\\b", 4, 2)
            .startingWhere((text, at) -> at + 2 < text.length() && Character.isUpperCase(text.charAt(at)) && Character.isUpperCase(text.charAt(at + 1)));
    static final Gate.Guarded VAT_CONTEXT = Gate.Guarded.led("(?i)\\b(vat|ust-?id|tva|iva|btw|mwst|tax id|umsatzsteuer)", "vat|ust|tva|iva|btw|mwst|tax id|umsatzsteuer");
    static final Gate.Guarded STEUER_CONTEXT = Gate.Guarded.led("(?i)(steuer|identifikationsnummer|\\bidnr\\b|\\btin\\b|tax id)", "steuer|identifikationsnummer|idnr|tin|tax id");
    static final Gate.Guarded BSN_CONTEXT = Gate.Guarded.led("(?i)\\b(bsn|burgerservicenummer|sofinummer|citizen service number)\\b", "bsn|burgerservicenummer|sofinummer|citizen service number");
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private NationalIds() {
    }

    /**
     * @param lower   {@link Gate#lower}{@code (text)}
     * @param regions where the text's digits are
     */
    /** @param full the whole text (and its {@link dev.sluice.processors.text.Gate#lower} form), where the context words are looked for */
    static List<PiiFinding> find(String text, DigitRegions regions, String full, String lower) {
        List<PiiFinding> out = new ArrayList<>();
        // an 11-digit or 9-digit number passes these checks by chance one time in ten: only with context words
        if (STEUER_CONTEXT.find(full, lower)) {
            regions.find(STEUER_ID, m -> {
                if (steuerId(digits(m.group()))) {
                    out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.75, "steuer-id: MOD 11,10 check, tax-id words near"));
                }
            });
        }
        regions.find(NIR, m -> {
            if (nir(m.group().replace(" ", ""))) {
                out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.9, "nir: mod-97 key"));
            }
        });
        if (BSN_CONTEXT.find(full, lower)) {
            regions.find(BSN, m -> {
                if (bsn(digits(m.group()))) {
                    out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.6, "bsn: 11-test, BSN words near"));
                }
            });
        }
        regions.find(DNI, m -> {
            if (dni(m.group().replace("-", ""))) {
                out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.9, "dni-nie: check letter"));
            }
        });
        if (VAT_CONTEXT.find(full, lower)) {
            regions.find(VAT, m -> out.add(new PiiFinding(PiiType.VAT_ID, m.start(), m.end(), m.group(), 0.8, "vat-id: country format, VAT words near")));
        }
        return out;
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
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (id.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        return (check == 10 ? 0 : check) == id.charAt(10) - '0';
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
