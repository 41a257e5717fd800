package dev.sluice.processors.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EU national identifiers and VAT numbers, each with its official check: German Steuer-ID
 * (ISO 7064 MOD 11,10), French NIR (97 minus the number modulo 97), Dutch BSN (the 11-test), Spanish
 * DNI and NIE (check letter, modulo 23). VAT numbers are accepted by their country's format when a
 * VAT word is near. Written by hand because no Apache-compatible library on Maven Central validates
 * these national schemes (commons-validator covers IBAN, ISIN and cards, not these).
 */
final class NationalIds {

    private static final Pattern STEUER_ID = Pattern.compile("(?<![\\d-])\\d{2} ?\\d{3} ?\\d{3} ?\\d{3}(?![\\d-])");
    private static final Pattern NIR = Pattern.compile("(?<!\\d)[12] ?\\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\\d) ?(?:\\d{2}|2[AB]) ?\\d{3} ?\\d{3} ?\\d{2}(?!\\d)");
    private static final Pattern BSN = Pattern.compile("(?<![\\d.-])\\d{4}\\.?\\d{2}\\.?\\d{3}(?![\\d.-])");
    private static final Pattern DNI = Pattern.compile("(?<![\\dA-Z])(?:[XYZ]-?\\d{7}|\\d{8})-?[A-HJ-NP-TV-Z](?![\\dA-Za-z])");
    private static final Pattern VAT = Pattern.compile("\\b(?:ATU\\d{8}|BE0?\\d{9}|DE\\d{9}|DK\\d{8}|ES[A-Z0-9]\\d{7}[A-Z0-9]|FI\\d{8}|FR[A-Z0-9]{2}\\d{9}"
            + "|IE\\d{7}[A-W][A-I]?|IT\\d{11}|LU\\d{8}|NL\\d{9}B\\d{2}|PL\\d{10}|PT\\d{9}|SE\\d{12}|CZ\\d{8,10})\\b");
    private static final Pattern VAT_CONTEXT = Pattern.compile("(?i)\\b(vat|ust-?id|tva|iva|btw|mwst|tax id|umsatzsteuer)");
    private static final Pattern STEUER_CONTEXT = Pattern.compile("(?i)(steuer|identifikationsnummer|\\bidnr\\b|\\btin\\b|tax id)");
    private static final Pattern BSN_CONTEXT = Pattern.compile("(?i)\\b(bsn|burgerservicenummer|sofinummer|citizen service number)\\b");
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private NationalIds() {
    }

    static List<PiiFinding> find(String text) {
        List<PiiFinding> out = new ArrayList<>();
        // an 11-digit or 9-digit number passes these checks by chance one time in ten: only with context words
        boolean steuerContext = STEUER_CONTEXT.matcher(text).find();
        for (Matcher m = STEUER_ID.matcher(text); steuerContext && m.find(); ) {
            if (steuerId(digits(m.group()))) {
                out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.75));
            }
        }
        for (Matcher m = NIR.matcher(text); m.find(); ) {
            if (nir(m.group().replace(" ", ""))) {
                out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.9));
            }
        }
        boolean bsnContext = BSN_CONTEXT.matcher(text).find();
        for (Matcher m = BSN.matcher(text); bsnContext && m.find(); ) {
            if (bsn(digits(m.group()))) {
                out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.6));
            }
        }
        for (Matcher m = DNI.matcher(text); m.find(); ) {
            if (dni(m.group().replace("-", ""))) {
                out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), 0.9));
            }
        }
        if (VAT_CONTEXT.matcher(text).find()) {
            for (Matcher m = VAT.matcher(text); m.find(); ) {
                out.add(new PiiFinding(PiiType.VAT_ID, m.start(), m.end(), m.group(), 0.8));
            }
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
