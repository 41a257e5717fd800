package dev.sluice.processors.redact;

import static dev.sluice.processors.redact.CheckDigits.date;
import static dev.sluice.processors.redact.CheckDigits.digit;
import static dev.sluice.processors.redact.CheckDigits.weighted;

import dev.sluice.processors.text.Gate;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * More EU states' personal identity numbers, each with its state's check and, where the number holds one, a real birth
 * date: Italy's codice fiscale, Poland's PESEL, Finland's HETU, Sweden's personnummer, Denmark's CPR (no check digit
 * since 2007: the date only), Belgium's national number, Estonia's and Lithuania's personal codes, the Czech and Slovak
 * birth number, Austria's social insurance number, Greece's AMKA, Ireland's PPSN, Romania's CNP, Bulgaria's EGN and
 * Croatia's OIB. A number of digits alone passes a check by chance one time in ten to a hundred, so it counts only where
 * its scheme's words are near ("PESEL", "personnummer", "CNP", ...); the codice fiscale and the HETU are shaped so that
 * they count without. A number whose check fails is reported where {@code NATIONAL_ID} is lenient and the words are near.
 * Written by hand, as {@link NationalIds} is: no Apache-compatible library on Maven Central validates these schemes.
 */
final class PersonalNumbers {

    /**
     * @param words         where the number may be one of these; {@code wordsRequired} says whether a valid one needs them
     * @param valid         the check, on the letters and digits of the match
     */
    record Scheme(String name, DigitRegions.Bounded pattern, Gate.Guarded words, boolean wordsRequired, Predicate<String> valid, double confidence,
                  String checked) {
    }

    private static Gate.Guarded words(String regex, String literals) {
        return Gate.Guarded.led("(?i)" + regex, literals);
    }

    private static DigitRegions.Bounded digits(String regex) {
        return DigitRegions.Bounded.of(regex, 0, 0).startingWhere(DigitRegions.Starts.DIGIT);
    }

    /** Eleven digits standing alone (PESEL, AMKA, OIB, the Baltic codes). */
    private static final String ELEVEN = "(?<![\\d.-])\\d{11}(?![\\d.-])";

    static final List<Scheme> SCHEMES = List.of(
            new Scheme("codice-fiscale", DigitRegions.Bounded.of("\\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\\b", 11, 5)
                    .startingWhere(PersonalNumbers::codiceFiscaleStart),
                    words("\\b(codice fiscale|cod\\. ?fisc|c\\.f\\.)", "codice fiscale|cod. fisc|cod.fisc|c.f."), false, PersonalNumbers::codiceFiscale, 0.9,
                    "check letter and birth date"),
            new Scheme("hetu", DigitRegions.Bounded.of("(?<![\\dA-Za-z])[0-3]\\d[01]\\d\\d\\d[-+A-FU-Y]\\d{3}[0-9A-FHJ-NPR-Y](?![\\dA-Za-z])", 0, 1)
                    .startingWhere(PersonalNumbers::hetuStart),
                    words("\\b(henkilötunnus|hetu|sotu|personbeteckning)", "henkilötunnus|hetu|sotu|personbeteckning"), false, PersonalNumbers::hetu, 0.85,
                    "control character and birth date"),
            new Scheme("pesel", digits(ELEVEN), words("\\bpesel\\b", "pesel"), true, PersonalNumbers::pesel, 0.85, "check digit and birth date"),
            new Scheme("personnummer", digits("(?<![\\d-])(?:\\d{2})?\\d{6}[-+]?\\d{4}(?![\\d-])"),
                    words("\\b(personnummer|personnr|pers\\. ?nr|samordningsnummer|personal identity number)", "personnummer|personnr|pers. nr|pers.nr|samordningsnummer|personal identity number"),
                    true, PersonalNumbers::personnummer, 0.8, "Luhn and birth date"),
            new Scheme("cpr", digits("(?<![\\d-])[0-3]\\d[01]\\d{3}-?\\d{4}(?![\\d-])"), words("\\bcpr\\b", "cpr"), true, PersonalNumbers::cpr, 0.75,
                    "birth date (no check digit since 2007)"),
            new Scheme("belgian-nn", digits("(?<![\\d.])\\d{2}[. ]?\\d{2}[. ]?\\d{2}[-. ]?\\d{3}[. ]?\\d{2}(?![\\d.])"),
                    words("\\b(rijksregister\\w*|registre national|num[ée]ro national|national (register )?number|nationalregisternummer|insz|niss)",
                            "rijksregister|registre national|numéro national|numero national|national number|national register|nationalregisternummer|insz|niss"),
                    true, PersonalNumbers::belgianNationalNumber, 0.85, "mod-97 check"),
            new Scheme("isikukood", digits(ELEVEN), words("\\b(isikukood|asmens kodas|personal code)", "isikukood|asmens kodas|personal code"), true,
                    PersonalNumbers::balticPersonalCode, 0.85, "check digit and birth date"),
            new Scheme("rodne-cislo", digits("(?<![\\d/])\\d{6}/?\\d{3,4}(?![\\d/])"),
                    words("(\\brodn[ée] [čc]íslo|\\brodne cislo|\\br\\. ?[čc]\\.|\\b[rR][čČ]\\b|birth number)", "rodné|rodne|r.č|r. č|r.c.|r. c.|rč|rČ|birth number"),
                    true, PersonalNumbers::birthNumber, 0.8, "mod-11 check and birth date"),
            new Scheme("svnr", digits("(?<!\\d)[1-9]\\d{3} ?\\d{6}(?!\\d)"),
                    words("\\b(sozialversicherungsnummer|versicherungsnummer|svnr|sv-nr|sv-nummer|vsnr)", "sozialversicherungsnummer|versicherungsnummer|svnr|sv-nr|sv-nummer|vsnr"),
                    true, PersonalNumbers::austrianInsurance, 0.8, "check digit"),
            new Scheme("amka", digits(ELEVEN), words("(\\bamka\\b|ΑΜΚΑ)", "amka|ΑΜΚΑ"), true, PersonalNumbers::amka, 0.8, "Luhn and birth date"),
            new Scheme("ppsn", DigitRegions.Bounded.of("(?<![\\dA-Za-z])\\d{7}[A-W][ABHWTX]?(?![\\dA-Za-z])", 0, 2).startingWhere(DigitRegions.Starts.DIGIT),
                    words("\\b(ppsn|pps (number|no)|personal public service)", "ppsn|pps|personal public service"), true, PersonalNumbers::ppsn, 0.85,
                    "check letter"),
            new Scheme("cnp", digits("(?<![\\d.-])[1-9]\\d{12}(?![\\d.-])"), words("\\b(cnp|cod numeric personal)\\b", "cnp|cod numeric personal"), true,
                    PersonalNumbers::cnp, 0.85, "check digit and birth date"),
            new Scheme("egn", digits("(?<![\\d.-])\\d{10}(?![\\d.-])"), words("(\\begn\\b|ЕГН)", "egn|ЕГН"), true, PersonalNumbers::egn, 0.85,
                    "check digit and birth date"),
            new Scheme("oib", digits(ELEVEN), words("\\boib\\b", "oib"), true, d -> d.length() == 11 && CheckDigits.mod11And10(d, 10) == d.charAt(10) - '0',
                    0.85, "MOD 11,10 check"));

    private PersonalNumbers() {
    }

    /**
     * Where a codice fiscale may begin: six capitals at a word's start. These two schemes need no words, so their patterns
     * would be tried in every text with digits; a look at a few characters first keeps the regex engine out of most.
     */
    private static boolean codiceFiscaleStart(String text, int at) {
        if (at + 16 > text.length() || at > 0 && Character.isLetterOrDigit(text.charAt(at - 1))) {
            return false;
        }
        for (int i = at; i < at + 6; i++) {
            if (text.charAt(i) < 'A' || text.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** Where a HETU may begin: a number's first digit with a century sign six places on. */
    private static boolean hetuStart(String text, int at) {
        return at + 10 < text.length() && DigitRegions.Starts.DIGIT.at(text, at) && "-+ABCDEFUVWXY".indexOf(text.charAt(at + 6)) >= 0;
    }

    /**
     * @param near    whether each scheme's words occur in the text, from {@code first} on, in the schemes' order
     * @param lenient whether a number whose check fails is reported too (where its scheme's words are near)
     */
    static void find(DigitRegions regions, boolean[] near, int first, boolean lenient, List<PiiFinding> out) {
        for (int i = 0; i < SCHEMES.size(); i++) {
            Scheme scheme = SCHEMES.get(i);
            boolean wordsNear = near[first + i];
            if (!wordsNear && scheme.wordsRequired()) {
                continue;
            }
            regions.find(scheme.pattern(), m -> {
                if (scheme.valid().test(VatNumbers.compact(m.group()))) {
                    out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), scheme.confidence(),
                            scheme.name() + ": " + scheme.checked() + (scheme.wordsRequired() ? ", its words near" : "")));
                } else if (lenient && wordsNear) {
                    out.add(new PiiFinding(PiiType.NATIONAL_ID, m.start(), m.end(), m.group(), NationalIds.LENIENT_CONFIDENCE,
                            scheme.name() + ": lenient, check fails, its words near"));
                }
            });
        }
    }

    private static int number(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }

    /** The check letter's values of the characters in odd places (1st, 3rd, ...), digits and letters alike. */
    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
    private static final String CF_DATE_LETTERS = "LMNPQRSTUV"; // a digit's stand-in where two codes would clash
    private static final String CF_MONTHS = "ABCDEHLMPRST";

    /** 16 characters: the check letter is the sum of the odd places' values and the even places' (0-9, A-Z as 0-25) modulo 26. */
    static boolean codiceFiscale(String code) {
        if (code.length() != 16) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = code.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? CF_ODD[value] : value;
        }
        if (code.charAt(15) != (char) ('A' + sum % 26)) {
            return false;
        }
        int day = cfDigit(code.charAt(9)) * 10 + cfDigit(code.charAt(10));
        int month = CF_MONTHS.indexOf(code.charAt(8)) + 1;
        return date(2000, month, day % 40); // women's days count from 41; a leap year lets 29 February pass
    }

    private static int cfDigit(char c) {
        return Character.isDigit(c) ? c - '0' : CF_DATE_LETTERS.indexOf(c);
    }

    private static final String HETU_CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /** DDMMYY, a century sign, an individual number from 002, a control character: DDMMYY and the number modulo 31. */
    static boolean hetu(String code) {
        if (code.length() == 10) {
            code = code.substring(0, 6) + '-' + code.substring(6); // the 1900s' hyphen, which the compact form drops
        }
        if (code.length() != 11) {
            return false;
        }
        char sign = code.charAt(6);
        int century = sign == '+' ? 1800 : "-UVWXY".indexOf(sign) >= 0 ? 1900 : 2000;
        int individual = number(code, 7, 10);
        return date(century + number(code, 4, 6), number(code, 2, 4), number(code, 0, 2)) && individual >= 2
                && HETU_CONTROL.charAt((int) (Long.parseLong(code.substring(0, 6) + code.substring(7, 10)) % 31)) == code.charAt(10);
    }

    /** YYMMDD with the century in the month (+80 1800s, +20 2000s, ...), weights 1,3,7,9,... and 10 minus the sum modulo 10. */
    static boolean pesel(String digits) {
        if (digits.length() != 11) {
            return false;
        }
        int month = number(digits, 2, 4);
        int century = new int[] {1900, 2000, 2100, 2200, 1800}[month / 20];
        return date(century + number(digits, 0, 2), month % 20, number(digits, 4, 6))
                && (10 - weighted(digits, 1, 3, 7, 9, 1, 3, 7, 9, 1, 3) % 10) % 10 == digit(digits, 10);
    }

    /** (YY)YYMMDD and four digits, the last ten Luhn-checked; a coordination number's day has 60 added. */
    static boolean personnummer(String digits) {
        if (digits.length() != 10 && digits.length() != 12) {
            return false;
        }
        String ten = digits.substring(digits.length() - 10);
        int year = digits.length() == 12 ? number(digits, 0, 4) : 2000 + number(ten, 0, 2);
        int day = number(ten, 4, 6);
        return date(year, number(ten, 2, 4), day > 60 ? day - 60 : day) && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(ten);
    }

    /** DDMMYY and a serial: the date only, the check digit having been given up in 2007. */
    static boolean cpr(String digits) {
        return digits.length() == 10 && date(2000, number(digits, 2, 4), number(digits, 0, 2));
    }

    /** YYMMDD, a counter and 97 minus the first nine digits modulo 97 (with a 2 before them for births from 2000). */
    static boolean belgianNationalNumber(String digits) {
        if (digits.length() != 11) {
            return false;
        }
        long first = Long.parseLong(digits.substring(0, 9));
        int check = number(digits, 9, 11);
        return 97 - first % 97 == check || 97 - (2_000_000_000L + first) % 97 == check;
    }

    /** A century and sex digit, YYMMDD, a serial, and the Baltic check: weights 1-9,1 modulo 11, or 3-9,1-3 when that leaves 10. */
    static boolean balticPersonalCode(String digits) {
        if (digits.length() != 11 || digits.charAt(0) == '0' || digits.charAt(0) == '9') {
            return false;
        }
        int century = 1800 + (digit(digits, 0) - 1) / 2 * 100;
        return date(century + number(digits, 1, 3), number(digits, 3, 5), number(digits, 5, 7)) && CheckDigits.baltic(digits);
    }

    /** YYMMDD (a woman's month +50, +20 when the serial ran out) and a serial; ten digits from 1954 are a multiple of 11 (a remainder of 10 ends in 0). */
    static boolean birthNumber(String digits) {
        int month = number(digits, 2, 4) % 50 % 20;
        int day = number(digits, 4, 6);
        if (digits.length() == 9) {
            return number(digits, 0, 2) < 54 && date(1900 + number(digits, 0, 2), month, day);
        }
        return digits.length() == 10 && date(2000, month, day) && Long.parseLong(digits.substring(0, 9)) % 11 % 10 == digit(digits, 9);
    }

    /** A serial of three digits, the check digit, and DDMMYY: weights 3,7,9,-,5,8,4,2,1,6 modulo 11. */
    static boolean austrianInsurance(String digits) {
        return digits.length() == 10 && weighted(digits, 3, 7, 9, 0, 5, 8, 4, 2, 1, 6) % 11 == digit(digits, 3);
    }

    /** DDMMYY and five digits, Luhn-checked. */
    static boolean amka(String digits) {
        return digits.length() == 11 && date(2000, number(digits, 2, 4), number(digits, 0, 2)) && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits);
    }

    /** 7 digits and a check letter, and since 2013 a second letter (A, B or H) that counts in the check; older ones' second letter does not. */
    static boolean ppsn(String code) {
        if (code.length() == 9 && "ABH".indexOf(code.charAt(8)) < 0) {
            code = code.substring(0, 8);
        }
        return CheckDigits.irish(code);
    }

    /** A century and sex digit, YYMMDD, a county, a serial and the check (weights 2,7,9,1,4,6,3,5,8,2,7,9 modulo 11, 10 as 1). */
    static boolean cnp(String digits) {
        if (digits.length() != 13) {
            return false;
        }
        int century = switch (digits.charAt(0)) {
            case '1', '2' -> 1900;
            case '3', '4' -> 1800;
            case '5', '6' -> 2000;
            default -> 1900; // residents (7, 8) and foreigners (9): no century in the number
        };
        return date(century + number(digits, 1, 3), number(digits, 3, 5), number(digits, 5, 7)) && CheckDigits.romanianPerson(digits);
    }

    /** YYMMDD (month +20 for the 1800s, +40 for the 2000s), a serial and the check. */
    static boolean egn(String digits) {
        if (digits.length() != 10) {
            return false;
        }
        int month = number(digits, 2, 4);
        int year = (month > 40 ? 2000 : month > 20 ? 1800 : 1900) + number(digits, 0, 2);
        return date(year, month % 20, number(digits, 4, 6)) && CheckDigits.bulgarianPerson(digits);
    }
}
