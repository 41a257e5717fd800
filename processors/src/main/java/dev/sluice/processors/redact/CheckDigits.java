package dev.sluice.processors.redact;

import java.time.YearMonth;

/** The check-digit arithmetic that national identifiers, personal numbers and VAT numbers share. */
final class CheckDigits {

    private static final String IRISH_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV";

    private CheckDigits() {
    }

    static int digit(String s, int i) {
        return s.charAt(i) - '0';
    }

    /** Sum of the first {@code weights.length} digits, each times its weight. */
    static int weighted(String s, int... weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digit(s, i) * weights[i];
        }
        return sum;
    }

    /** Whether the day exists (a birth date in a number). */
    static boolean date(int year, int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth();
    }

    /** The ISO 7064 MOD 11,10 check digit of the first {@code count} digits (German tax and VAT numbers, Croatia's OIB). */
    static int mod11And10(String digits, int count) {
        int product = 10;
        for (int i = 0; i < count; i++) {
            int sum = (digits.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        return check == 10 ? 0 : check;
    }

    /**
     * Estonia's and Lithuania's check: all digits but the last weighted 1 to 9 in turn, modulo 11; when that leaves 10,
     * weighted from 3 instead; when that does too, 0.
     */
    static boolean baltic(String digits) {
        int n = digits.length();
        int first = 0;
        int second = 0;
        for (int i = 0; i < n - 1; i++) {
            first += digit(digits, i) * (i % 9 + 1);
            second += digit(digits, i) * ((i + 2) % 9 + 1);
        }
        int remainder = first % 11 == 10 ? second % 11 % 10 : first % 11;
        return remainder == digit(digits, n - 1);
    }

    /**
     * Ireland's check (VAT numbers and PPS numbers): 7 digits weighted 8 to 2, a second letter's place (W = 0, A = 1, ...)
     * times 9, modulo 23 as a letter (W, A, B, ...) that stands eighth.
     */
    static boolean irish(String code) {
        if (code.length() < 8 || code.length() > 9 || !code.substring(0, 7).chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = weighted(code, 8, 7, 6, 5, 4, 3, 2);
        if (code.length() == 9) {
            sum += 9 * IRISH_LETTERS.substring(0, 10).indexOf(code.charAt(8));
        }
        return IRISH_LETTERS.charAt(Math.floorMod(sum, 23)) == code.charAt(7);
    }

    /** Romania's CNP check: weights 2,7,9,1,4,6,3,5,8,2,7,9 modulo 11, 10 as 1. */
    static boolean romanianPerson(String digits) {
        int remainder = weighted(digits, 2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9) % 11;
        return (remainder == 10 ? 1 : remainder) == digit(digits, 12);
    }

    /** Bulgaria's EGN check: weights 2,4,8,5,10,9,7,3,6 modulo 11, 10 as 0. */
    static boolean bulgarianPerson(String digits) {
        return weighted(digits, 2, 4, 8, 5, 10, 9, 7, 3, 6) % 11 % 10 == digit(digits, 9);
    }
}
