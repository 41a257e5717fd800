package dev.sluice.processors.redact;

import static dev.sluice.processors.redact.CheckDigits.digit;
import static dev.sluice.processors.redact.CheckDigits.weighted;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * EU VAT identification numbers of the 27 member states: each state's format, as invoices print it (grouped by spaces, dots or hyphens:
 * "DE 811 363 057", "PL 584-030-44-72", "NL.8143.26.584.B.01"), and the state's check digits. Written by hand: no
 * Apache-compatible library on Maven Central validates these schemes (commons-validator's Luhn routine serves the Italian
 * and Swedish numbers, which are Luhn-checked; the rest are weighted sums of each state's own design).
 */
final class VatNumbers {

    /** What a number's check digits say. */
    enum Check {
        VALID,
        /** The check digits do not match: a typo, or a number made up. */
        INVALID,
        /** A form whose check is not verified here: French keys with letters, Czech nine-digit numbers, Latvian persons' numbers. */
        UNCHECKED
    }

    /** A digit and {@code count - 1} more, each after at most one separator. */
    private static String digits(int count) {
        return "\\d(?:[ .\\-/]?\\d){" + (count - 1) + "}";
    }

    private static String digits(int min, int max) {
        return "\\d(?:[ .\\-/]?\\d){" + (min - 1) + "," + (max - 1) + "}";
    }

    /** Between the country code and the number: nothing, a space, or a mark with spaces ("DE - 113866163", "DK: 21599336"). */
    private static final String AFTER_CODE = "(?: ?[-:.] ?| )?";
    private static final String SEP = "[ .\\-]?";

    /**
     * Each state's prefix and the body after it. A match starts at most 9 characters before its first digit ("FR - A B 1...")
     * and ends at most 3 after its last ("IE 6433435 IH").
     */
    private static final Map<String, String> BODIES = bodies();

    private static Map<String, String> bodies() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("ATU", digits(8));
        b.put("BE", digits(9, 10));
        b.put("BG", digits(9, 10));
        b.put("CY", digits(8) + " ?[A-Z]");
        b.put("CZ", digits(8, 10));
        b.put("DE", digits(9));
        b.put("DK", digits(8));
        b.put("EE", digits(9));
        b.put("EL", digits(8, 9));
        b.put("ES", "[A-Z0-9]" + SEP + digits(7) + SEP + "[A-Z0-9]");
        b.put("FI", digits(8));
        b.put("FR", "[A-HJ-NP-Z0-9]" + SEP + "[A-HJ-NP-Z0-9]" + SEP + digits(9));
        b.put("HR", digits(11));
        b.put("HU", digits(8));
        b.put("IE", "(?:" + digits(7) + "|\\d[A-Z+*]\\d{5}) ?[A-W][A-IW]?");
        b.put("IT", digits(11));
        b.put("LT", "(?:" + digits(12) + "|" + digits(9) + ")");
        b.put("LU", digits(8));
        b.put("LV", digits(11));
        b.put("MT", digits(8));
        b.put("NL", digits(9) + SEP + "[Bb]" + SEP + digits(2));
        b.put("PL", digits(10));
        b.put("PT", digits(9));
        b.put("RO", "(?:" + digits(13) + "|" + digits(6, 10) + ")");
        b.put("SE", digits(12));
        b.put("SI", digits(8));
        b.put("SK", digits(10));
        return b;
    }

    static final String PATTERN = BODIES.entrySet().stream().map(e -> e.getKey() + AFTER_CODE + e.getValue())
            .collect(Collectors.joining("|", "\\b(?:", ")\\b"));

    private static final String CIF_LETTERS = "JABCDEFGHI";

    /** The states' codes, as a table of their two letters ("AT" for "ATU"). */
    private static final boolean[] CODES = new boolean[26 * 26];

    static {
        for (String prefix : BODIES.keySet()) {
            CODES[(prefix.charAt(0) - 'A') * 26 + prefix.charAt(1) - 'A'] = true;
        }
    }

    private VatNumbers() {
    }

    /**
     * Where a VAT number may begin: a country code of two capitals and a digit within the next few characters. Tried
     * before the pattern, whose 27 alternatives the regex engine would otherwise try at every pair of capitals ("VAT", "EUR").
     */
    static boolean mayStart(String text, int at) {
        if (at + 3 >= text.length()) {
            return false;
        }
        char first = text.charAt(at);
        char second = text.charAt(at + 1);
        if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z' || !CODES[(first - 'A') * 26 + second - 'A']) {
            return false;
        }
        for (int i = at + 2; i < Math.min(text.length(), at + 11); i++) { // "FR - A B 1...": the pattern's 9 characters before a digit
            if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Letters and digits only, in capitals: "DE 811 363 057" is "DE811363057". */
    static String compact(String number) {
        StringBuilder b = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '+' || c == '*') {
                b.append(c);
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /** The check of a number as {@link #PATTERN} finds it (separators allowed). */
    static Check check(String number) {
        String compact = compact(number);
        String body = compact.substring(2);
        return switch (compact.substring(0, 2)) {
            case "AT" -> of(body.length() == 9 && austria(body.substring(1)));
            case "BE" -> of(belgium(body.length() == 9 ? "0" + body : body));
            case "BG" -> of(bulgaria(body));
            case "CY" -> of(cyprus(body));
            case "CZ" -> czechia(body);
            case "DE" -> of(body.length() == 9 && body.charAt(0) != '0' && CheckDigits.mod11And10(body, 8) == digit(body, 8));
            case "DK" -> of(body.length() == 8 && body.charAt(0) != '0' && weighted(body, 2, 7, 6, 5, 4, 3, 2, 1) % 11 == 0);
            case "EE" -> of(body.length() == 9 && (10 - weighted(body, 3, 7, 1, 3, 7, 1, 3, 7) % 10) % 10 == digit(body, 8));
            case "EL" -> of(greece(body.length() == 8 ? "0" + body : body));
            case "ES" -> of(spain(body));
            case "FI" -> of(body.length() == 8 && finland(body));
            case "FR" -> france(body);
            case "HR" -> of(body.length() == 11 && CheckDigits.mod11And10(body, 10) == digit(body, 10));
            case "HU" -> of(body.length() == 8 && (10 - weighted(body, 9, 7, 3, 1, 9, 7, 3) % 10) % 10 == digit(body, 7));
            case "IE" -> of(ireland(body));
            case "IT" -> of(body.length() == 11 && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(body));
            case "LT" -> of(lithuania(body));
            case "LU" -> of(body.length() == 8 && Integer.parseInt(body.substring(0, 6)) % 89 == Integer.parseInt(body.substring(6)));
            case "LV" -> latvia(body);
            case "MT" -> of(body.length() == 8 && body.charAt(0) != '0' && 37 - weighted(body, 3, 4, 6, 7, 8, 9) % 37 == Integer.parseInt(body.substring(6)));
            case "NL" -> of(netherlands(compact));
            case "PL" -> of(body.length() == 10 && weighted(body, 6, 5, 7, 2, 3, 4, 5, 6, 7) % 11 == digit(body, 9));
            case "PT" -> of(body.length() == 9 && body.charAt(0) != '0' && elevenMinus(weighted(body, 9, 8, 7, 6, 5, 4, 3, 2)) == digit(body, 8));
            case "RO" -> of(romania(body));
            case "SI" -> of(body.length() == 8 && body.charAt(0) != '0' && slovenia(body));
            // a multiple of 11 whose third digit is one of 2, 3, 4, 7, 8, 9
            case "SK" -> of(body.length() == 10 && body.charAt(0) != '0' && "234789".indexOf(body.charAt(2)) >= 0 && Long.parseLong(body) % 11 == 0);
            // the organisation number (Luhn) and "01"
            case "SE" -> of(body.length() == 12 && body.endsWith("01") && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(body.substring(0, 10)));
            default -> Check.UNCHECKED;
        };
    }

    private static Check of(boolean valid) {
        return valid ? Check.VALID : Check.INVALID;
    }

    /** 11 minus the sum modulo 11, where 10 and 11 count as 0 (Portugal). */
    private static int elevenMinus(int sum) {
        int check = 11 - sum % 11;
        return check >= 10 ? 0 : check;
    }

    /** "U" and 8 digits: the seven digits weighted 1,2,1,2,... (a product's digits summed), then 10 minus (sum + 4) mod 10. */
    private static boolean austria(String digits) {
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int product = digit(digits, i) * (i % 2 == 0 ? 1 : 2);
            sum += product / 10 + product % 10;
        }
        return (10 - (sum + 4) % 10) % 10 == digit(digits, 7);
    }

    /** 10 digits, the first 0 or 1: the last two are 97 minus the first eight modulo 97. */
    private static boolean belgium(String digits) {
        if (digits.length() != 10 || digits.charAt(0) > '1') {
            return false;
        }
        return 97 - Integer.parseInt(digits.substring(0, 8)) % 97 == Integer.parseInt(digits.substring(8));
    }

    /** A firm's 8 digits (weights 8 to 2, then 11 minus the sum modulo 11, modulo 10) or a person's 10 (a multiple of 11). */
    private static Check czechia(String digits) {
        if (digits.length() == 8) {
            return of(digits.charAt(0) != '9' && (11 - weighted(digits, 8, 7, 6, 5, 4, 3, 2) % 11) % 10 == digit(digits, 7));
        }
        if (digits.length() == 10) {
            long number = Long.parseLong(digits);
            // birth numbers of 1954-1985 whose first nine digits leave 10 end in 0 instead
            return of(number % 11 == 0 || Long.parseLong(digits.substring(0, 9)) % 11 == 10 && digits.charAt(9) == '0');
        }
        return Check.UNCHECKED; // nine digits: birth numbers before 1954, which have no check
    }

    /**
     * A person's DNI (8 digits and a letter) or NIE (X, Y, Z), a person's K, L, M number (the DNI's letter over 7 digits),
     * or a firm's CIF: a letter, 7 digits and a control digit or letter of the Luhn-like sum.
     */
    private static boolean spain(String body) {
        if (body.length() != 9) {
            return false;
        }
        char first = body.charAt(0);
        if (Character.isDigit(first) || first == 'X' || first == 'Y' || first == 'Z') {
            return Character.isLetter(body.charAt(8)) && NationalIds.dni(body);
        }
        String digits = body.substring(1, 8);
        if (!digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        if (first == 'K' || first == 'L' || first == 'M') {
            return NationalIds.dni("0" + digits + body.charAt(8));
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int d = digit(digits, i);
            int product = i % 2 == 0 ? 2 * d : d;
            sum += product / 10 + product % 10;
        }
        int control = (10 - sum % 10) % 10;
        char last = body.charAt(8);
        return last == (char) ('0' + control) || last == CIF_LETTERS.charAt(control);
    }

    /**
     * A firm's 9 digits (weights 1 to 8 modulo 11, or 3 to 10 when that leaves 10, and 0 when that does too) or a
     * person's 10: a citizen's EGN ({@link PersonalNumbers#egn}), a foreigner's number (weights
     * 21,19,17,13,11,9,7,3,1 modulo 10) or another person's (weights 4,3,2,7,6,5,4,3,2, then 11 minus the sum modulo 11).
     */
    private static boolean bulgaria(String digits) {
        if (digits.length() == 9) {
            int remainder = weighted(digits, 1, 2, 3, 4, 5, 6, 7, 8) % 11;
            if (remainder == 10) {
                remainder = weighted(digits, 3, 4, 5, 6, 7, 8, 9, 10) % 11 % 10;
            }
            return remainder == digit(digits, 8);
        }
        if (digits.length() != 10) {
            return false;
        }
        int last = digit(digits, 9);
        int other = 11 - weighted(digits, 4, 3, 2, 7, 6, 5, 4, 3, 2) % 11;
        return PersonalNumbers.egn(digits)
                || weighted(digits, 21, 19, 17, 13, 11, 9, 7, 3, 1) % 10 == last
                || other != 10 && other % 11 == last;
    }

    /** 8 digits and a letter: the digits in even places translated (0→1, 1→0, 2→5, 3→7, 4→9, 5→13, ...), the others added, modulo 26. */
    private static boolean cyprus(String body) {
        if (body.length() != 9 || body.startsWith("12")) {
            return false;
        }
        int[] translated = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += i % 2 == 0 ? translated[digit(body, i)] : digit(body, i);
        }
        return body.charAt(8) == (char) ('A' + sum % 26);
    }

    /** 9 digits: the first eight times 256, 128, ..., 2, modulo 11, modulo 10. */
    private static boolean greece(String digits) {
        if (digits.length() != 9) {
            return false;
        }
        return weighted(digits, 256, 128, 64, 32, 16, 8, 4, 2) % 11 % 10 == digit(digits, 8);
    }

    /** A firm's 9 digits or a temporary 12, the last but one a 1, with the Baltic check ({@link CheckDigits#baltic}). */
    private static boolean lithuania(String digits) {
        int n = digits.length();
        return (n == 9 || n == 12) && digits.charAt(n - 2) == '1' && CheckDigits.baltic(digits);
    }

    /** A firm's 11 digits (weights 9,1,4,8,3,10,2,5,7,6,1, the sum 3 modulo 11); a person's (starting 0-3) is not checked here. */
    private static Check latvia(String digits) {
        if (digits.charAt(0) <= '3') {
            return Check.UNCHECKED;
        }
        return of(weighted(digits, 9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1) % 11 == 3);
    }

    /**
     * A firm's fiscal code of 6 to 10 digits (read as 10 with leading zeros: weights 7,5,3,2,1,7,5,3,2, ten times the sum
     * modulo 11, modulo 10) or a person's CNP of 13 ({@link PersonalNumbers#cnp}).
     */
    private static boolean romania(String digits) {
        if (digits.length() == 13) {
            return PersonalNumbers.cnp(digits);
        }
        String padded = "0".repeat(10 - digits.length()) + digits;
        return weighted(padded, 7, 5, 3, 2, 1, 7, 5, 3, 2) * 10 % 11 % 10 == digit(padded, 9);
    }

    /** 8 digits: weights 8 to 2, then 11 minus the sum modulo 11 (10 as 0; 11 is no number). */
    private static boolean slovenia(String digits) {
        int check = 11 - weighted(digits, 8, 7, 6, 5, 4, 3, 2) % 11;
        return check != 11 && check % 10 == digit(digits, 7);
    }

    /** 8 digits: weights 7,9,10,5,8,4,2, then 11 minus the sum modulo 11 (0 for 0; 10 is no number). */
    private static boolean finland(String digits) {
        int remainder = weighted(digits, 7, 9, 10, 5, 8, 4, 2) % 11;
        return remainder != 1 && (remainder == 0 ? 0 : 11 - remainder) == digit(digits, 7);
    }

    /** A key of two characters and a SIREN: a numeric key is (12 + 3 x (SIREN modulo 97)) modulo 97. */
    private static Check france(String body) {
        if (body.length() != 11) {
            return Check.INVALID;
        }
        if (!Character.isDigit(body.charAt(0)) || !Character.isDigit(body.charAt(1))) {
            return Check.UNCHECKED; // the newer keys with letters
        }
        long siren = Long.parseLong(body.substring(2));
        return of((12 + 3 * (siren % 97)) % 97 == Integer.parseInt(body.substring(0, 2)));
    }

    /** {@link CheckDigits#irish}; the older form (a digit, a letter or mark, 5 digits, the check letter) read as 0, the 5 digits, the first. */
    private static boolean ireland(String body) {
        if (body.length() == 8 && !Character.isDigit(body.charAt(1))) {
            return CheckDigits.irish("0" + body.substring(2, 7) + body.charAt(0) + body.charAt(7));
        }
        return CheckDigits.irish(body);
    }

    /**
     * "NL", 9 digits, "B", 2 digits: the 9 digits pass the 11-test (firms' numbers), or the whole number, letters read as
     * 10-35 as in an IBAN, is 1 modulo 97 (sole traders' numbers since 2020).
     */
    private static boolean netherlands(String compact) {
        if (compact.length() != 14) {
            return false;
        }
        if (NationalIds.bsn(compact.substring(2, 11))) {
            return true;
        }
        int remainder = 0;
        for (int i = 0; i < compact.length(); i++) {
            int value = Character.digit(compact.charAt(i), 36);
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }
}
