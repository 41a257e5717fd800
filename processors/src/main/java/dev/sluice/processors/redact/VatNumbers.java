package dev.sluice.processors.redact;

import java.util.Locale;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * EU VAT identification numbers: each member state's format, as invoices print it (grouped by spaces, dots or hyphens:
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
        /** A form whose check is not verified here: French keys with letters, Czech nine-digit numbers. */
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

    /** The country codes and bodies; a match starts at most 9 characters before its first digit ("FR - A B 1...") and ends at most 3 after its last ("IE 6433435 IH"). */
    static final String PATTERN = "\\b(?:ATU" + AFTER_CODE + digits(8)
            + "|BE" + AFTER_CODE + digits(9, 10)
            + "|CZ" + AFTER_CODE + digits(8, 10)
            + "|DE" + AFTER_CODE + digits(9)
            + "|DK" + AFTER_CODE + digits(8)
            + "|ES" + AFTER_CODE + "[A-Z0-9]" + SEP + digits(7) + SEP + "[A-Z0-9]"
            + "|FI" + AFTER_CODE + digits(8)
            + "|FR" + AFTER_CODE + "[A-HJ-NP-Z0-9]" + SEP + "[A-HJ-NP-Z0-9]" + SEP + digits(9)
            + "|IE" + AFTER_CODE + "(?:" + digits(7) + "|\\d[A-Z+*]\\d{5})" + " ?[A-W][A-IW]?"
            + "|IT" + AFTER_CODE + digits(11)
            + "|LU" + AFTER_CODE + digits(8)
            + "|NL" + AFTER_CODE + digits(9) + SEP + "[Bb]" + SEP + digits(2)
            + "|PL" + AFTER_CODE + digits(10)
            + "|PT" + AFTER_CODE + digits(9)
            + "|SE" + AFTER_CODE + digits(12) + ")\\b";

    private static final String CHECK_LETTERS_IE = "WABCDEFGHIJKLMNOPQRSTUV";
    private static final String CIF_LETTERS = "JABCDEFGHI";

    private VatNumbers() {
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
            case "CZ" -> czechia(body);
            case "DE" -> of(body.length() == 9 && body.charAt(0) != '0' && NationalIds.mod11And10(body, 8) == digit(body, 8));
            case "DK" -> of(body.length() == 8 && body.charAt(0) != '0' && weighted(body, 2, 7, 6, 5, 4, 3, 2, 1) % 11 == 0);
            case "ES" -> of(spain(body));
            case "FI" -> of(body.length() == 8 && finland(body));
            case "FR" -> france(body);
            case "IE" -> of(ireland(body));
            case "IT" -> of(body.length() == 11 && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(body));
            case "LU" -> of(body.length() == 8 && Integer.parseInt(body.substring(0, 6)) % 89 == Integer.parseInt(body.substring(6)));
            case "NL" -> of(netherlands(compact));
            case "PL" -> of(body.length() == 10 && weighted(body, 6, 5, 7, 2, 3, 4, 5, 6, 7) % 11 == digit(body, 9));
            case "PT" -> of(body.length() == 9 && body.charAt(0) != '0' && elevenMinus(weighted(body, 9, 8, 7, 6, 5, 4, 3, 2)) == digit(body, 8));
            // the organisation number (Luhn) and "01"
            case "SE" -> of(body.length() == 12 && body.endsWith("01") && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(body.substring(0, 10)));
            default -> Check.UNCHECKED;
        };
    }

    private static Check of(boolean valid) {
        return valid ? Check.VALID : Check.INVALID;
    }

    private static int digit(String s, int i) {
        return s.charAt(i) - '0';
    }

    /** Sum of the first {@code weights.length} digits, each times its weight. */
    private static int weighted(String s, int... weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digit(s, i) * weights[i];
        }
        return sum;
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

    /**
     * 7 digits, a check letter and sometimes a second letter (digits weighted 8 to 2, the second letter's place times 9,
     * modulo 23); the older form (a digit, a letter or mark, 5 digits, the check letter) is read as 0, the 5 digits, the first.
     */
    private static boolean ireland(String body) {
        String number = body;
        if (number.length() == 8 && !Character.isDigit(number.charAt(1))) {
            number = "0" + number.substring(2, 7) + number.charAt(0) + number.charAt(7);
        }
        if (number.length() < 8 || number.length() > 9 || !number.substring(0, 7).chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = weighted(number, 8, 7, 6, 5, 4, 3, 2);
        if (number.length() == 9) {
            sum += 9 * CHECK_LETTERS_IE.substring(0, 10).indexOf(number.charAt(8));
        }
        return CHECK_LETTERS_IE.charAt(sum % 23) == number.charAt(7);
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
