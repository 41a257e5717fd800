package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.processors.redact.PiiFinding;
import dev.sluice.processors.redact.PiiType;
import dev.sluice.processors.redact.Redaction;
import dev.sluice.processors.redact.Redactor;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final PiiDetector detector = new PiiDetector();

    private List<PiiType> types(String text) {
        return detector.detect(text, "US").stream().map(PiiFinding::type).toList();
    }

    @Test
    void shouldFindEachTypeWithItsValidation() {
        assertThat(types("mail a.b+c@mail.example.org now")).containsExactly(PiiType.EMAIL);
        assertThat(types("call +44 20 7946 0958 or (212) 555-0187")).containsExactly(PiiType.PHONE, PiiType.PHONE);
        assertThat(types("card 4111 1111 1111 1111")).containsExactly(PiiType.CREDIT_CARD);
        assertThat(types("number 4111 1111 1111 1112")).doesNotContain(PiiType.CREDIT_CARD); // fails Luhn
        // ... unless the text calls it a card: a mistyped card number is still one
        assertThat(types("my card 4111 1111 1111 1112 was lost")).containsExactly(PiiType.CREDIT_CARD);
        assertThat(types("Maestro 6759 6498 2643 8453 expired")).containsExactly(PiiType.CREDIT_CARD);
        assertThat(types("limit for card 584528792610?")).containsExactly(PiiType.CREDIT_CARD); // 12 digits
        assertThat(types("iban GB82 WEST 1234 5698 7654 32")).containsExactly(PiiType.IBAN);
        assertThat(types("iban GB82 WEST 1234 5698 7654 33")).doesNotContain(PiiType.IBAN); // fails mod-97
        assertThat(types("ssn 123-45-6789")).containsExactly(PiiType.US_SSN);
        assertThat(types("ssn 000-45-6789")).isEmpty();
        assertThat(types("from 10.0.0.1 and fe80::1ff:fe23:4567:890a")).containsExactly(PiiType.IP, PiiType.IP);
        assertThat(types("version 1.2.3.400 is out")).isEmpty();
        assertThat(types("see https://intranet.example.com/hr?id=7 or www.example.org")).containsExactly(PiiType.URL, PiiType.URL);
        assertThat(types("born 8/14/1996, joined 2018-01-14 03:07:43, left in 2021")).containsExactly(PiiType.DATE, PiiType.DATE, PiiType.DATE);
        assertThat(types("March 5, 2020 and 5 March 2020")).containsExactly(PiiType.DATE, PiiType.DATE);
        assertThat(types("we sold 2021 units")).isEmpty();
        // a number no numbering plan validates is still a phone number when the text says so
        assertThat(types("call me on 668 5702 tomorrow")).containsExactly(PiiType.PHONE);
        assertThat(types("order 668 5702 shipped")).isEmpty();
    }

    @Test
    void valuesWithCharactersThatAreNotDisplayedShouldBeFoundAndRedactedWhole() {
        // soft hyphens (text pasted from a word processor) and zero-width characters inside the values
        String text = "Mail john\u00AD.doe@exam\u200Bple.com or call +44 20 79\u00AD46 0958; IBAN GB82 WEST 12\u206034 5698 7654 32.";
        List<PiiFinding> found = detector.detect(text, "US");
        assertThat(found).extracting(PiiFinding::type).containsExactly(PiiType.EMAIL, PiiType.PHONE, PiiType.IBAN);
        assertThat(found).extracting(PiiFinding::value)
                .containsExactly("john\u00AD.doe@exam\u200Bple.com", "+44 20 79\u00AD46 0958", "GB82 WEST 12\u206034 5698 7654 32");
        Redaction r = new Redactor(detector).redact(List.of(new ChatMessage(Role.USER, text, null, null)), "US");
        String redacted = r.messages().get(0).getContent().toString();
        assertThat(redacted).doesNotContain("doe", "7946", "79\u00AD46", "5698").contains("<EMAIL_1>", "<PHONE_1>", "<IBAN_1>");
    }

    @Test
    void anInternationalNumberShouldStayAPhoneNumberInATextAboutCards() {
        // card words make a 12-19 digit run with a failing check digit a card number, but not one after "+"
        assertThat(types("Call her back on +44 20 7946 0123 about the charge on her card.")).containsExactly(PiiType.PHONE);
        assertThat(types("Her card 4111 1111 1111 1112 was charged twice.")).containsExactly(PiiType.CREDIT_CARD);
    }

    @Test
    void aDateShouldStayADateWhereEightDigitPhoneNumbersExist() {
        // German numbers can have eight digits: libphonenumber reads "05.03.2024" as one for region DE
        for (String text : List.of("Die Rechnung vom 05.03.2024 ist offen, bitte anrufen.", "Paid on 2024-03-05, call us.")) {
            assertThat(detector.detect(text, "DE")).as(text).extracting(PiiFinding::type).containsExactly(PiiType.DATE);
        }
        // a German number with its trunk prefix, and one dialled from abroad, are still phone numbers
        assertThat(detector.detect("Please call 030 901820 on 05.03.2024.", "DE")).extracting(PiiFinding::type)
                .containsExactlyInAnyOrder(PiiType.PHONE, PiiType.DATE);
        assertThat(detector.detect("Call +49 30 901820 today.", "US")).extracting(PiiFinding::type).containsExactly(PiiType.PHONE);
    }

    @Test
    void aShortGroupThatPassesLuhnShouldNotBeACardNorHideThePhoneNumberAroundIt() {
        // "562" passes Luhn and starts with 5, but no card has three digits: it had been kept as a card, and the phone
        // number around it lost, leaving "+39 011" and "7734" in the redacted text
        assertThat(detector.detect("Il tecnico la contatterà al numero +39 011 562 7734.", "IT")).extracting(f -> f.type() + ":" + f.value())
                .containsExactly("PHONE:+39 011 562 7734");
        assertThat(types("card 5105 1051 0510 5100 expires soon")).containsExactly(PiiType.CREDIT_CARD);
    }

    @Test
    void aNumberWithoutTheTrunkPrefixItsCountryDialsShouldNotBeAPhoneNumberWithoutPhoningWords() {
        // libphonenumber finds "4471-22" valid for Germany (an area code without its 0); German numbers are written with the 0
        assertThat(detector.detect("Reklamation Auftrag 4471-22: die Lieferung kam beschädigt an.", "DE")).extracting(PiiFinding::type)
                .doesNotContain(PiiType.PHONE);
        assertThat(detector.detect("Sie ist mobil unter 0171 2294561 erreichbar.", "DE")).extracting(PiiFinding::type).containsExactly(PiiType.PHONE);
        assertThat(detector.detect("Appelez le 01 44 56 72 10 ou le +33 6 71 28 45 90.", "FR")).extracting(PiiFinding::type)
                .containsExactly(PiiType.PHONE, PiiType.PHONE);
        // where numbers are dialled without a trunk prefix (the US, Spain, Italy) nothing changes
        assertThat(detector.detect("Llame al 915 47 83 20 para cambiar la fecha.", "ES")).extracting(PiiFinding::type).containsExactly(PiiType.PHONE);
    }

    @Test
    void datesWithTheMonthWrittenInAnotherLanguageShouldBeDates() {
        for (String date : List.of("12. Februar 2025", "3. März 2025", "14 mai 1979", "1er juin 2024", "20 de marzo de 2025", "15 gennaio 2025",
                "18 februari 2025", "10 de março de 2025", "4 de agosto", "1 juni", "9 settembre 1991")) {
            assertThat(detector.detect("Bitte bis zum " + date + " antworten.", "DE")).as(date).extracting(f -> f.type() + ":" + f.value())
                    .containsExactly("DATE:" + date);
        }
        // a day and an English month without a year, as English letters write them
        assertThat(types("The audit starts on 4 August and ends on 9 September.")).containsExactly(PiiType.DATE, PiiType.DATE);
        assertThat(types("we ordered 12 chairs and 4 tables")).isEmpty();
    }

    @Test
    void aNumberLabelledAsAnotherKindOfNumberShouldNotBeAPhoneNumber() {
        // "Contact" makes a seven-digit run a phone number anywhere in the text, but not one its own label calls a policy number
        assertThat(detector.detect("Policy number: HO-3 5529017\nContact: (425) 555-0187", "US")).extracting(f -> f.type() + ":" + f.value())
                .containsExactly("PHONE:(425) 555-0187");
        assertThat(types("Call about order no. 5551234 on my mobile")).isEmpty();
        // a label that names a phone, or a word that only begins like a label ("refund"), leaves a phone number one
        assertThat(types("Customer phone number: 555-0142, call after 5")).containsExactly(PiiType.PHONE);
        assertThat(types("refund +44 20 7946 0958")).containsExactly(PiiType.PHONE);
    }

    @Test
    void sumsOfMoneyAndNumbersNamedByTheirRecordShouldNotBePhoneNumbersInATextAboutPhoning() {
        // "Call" makes any number of a phone's length a phone number, but not a sum of money nor one named by its record
        String text = "Remittance: invoice 20931177 for 1520.75 EUR from account 48213377, balance 88213.10 (88,213.10 and 1.520,75 in the copies). "
                + "Questions? Call the desk at (415) 555-0142 or 555.123.4567.";
        assertThat(detector.detect(text, "US")).extracting(f -> f.type() + ":" + f.value())
                .containsExactly("PHONE:(415) 555-0142", "PHONE:555.123.4567");
        // a number found as a phone in one place is replaced wherever it stands, its label's place included
        Redaction r = new Redactor(detector).redact(List.of(new ChatMessage(Role.USER,
                "Account 0161 496 0000 is closed; please call 0161 496 0000 instead.", null, null)), "GB");
        assertThat(r.messages().get(0).getContent()).isEqualTo("Account <PHONE_1> is closed; please call <PHONE_1> instead.");
        // the words for people are no labels: their phone numbers follow them
        assertThat(detector.detect("Call customer 0161 496 0000 about the refund.", "GB")).extracting(f -> f.type() + ":" + f.value())
                .containsExactly("PHONE:0161 496 0000");
    }

    @Test
    void anAddressThatNamesAHostShouldBeFoundAtASentencesEndButNotOneThatNamesNone() {
        assertThat(detector.detect("The failed logins came from 203.0.113.7. Block it.", "US")).extracting(f -> f.type() + ":" + f.value())
                .containsExactly("IP:203.0.113.7");
        // unspecified, loopback and broadcast addresses identify nobody; a version number is no address
        assertThat(types("The rule opens port 22 to 0.0.0.0/0; the agent listens on 127.0.0.1 and ::1.")).isEmpty();
        assertThat(types("Upgrade to version 1.2.3.4.5 first.")).isEmpty();
    }

    @Test
    void englishDatesWithoutADayOrAYearShouldBeDates() {
        assertThat(detector.detect("I have lived here since March 2016 and paid rent by June 30 every year; he called on 2/14.", "US"))
                .extracting(f -> f.type() + ":" + f.value()).containsExactly("DATE:March 2016", "DATE:June 30", "DATE:2/14");
        assertThat(types("Add 1/2 cup of sugar and mix for 3/4 of an hour.")).isEmpty();
    }

    @Test
    void digitsSpokenInWordsShouldBeFoundAsTranscriptionsWriteThem() {
        assertThat(detector.detect("Please call me back at two one four, five five five, zero one nine eight. Thank you.", "US"))
                .extracting(f -> f.type() + ":" + f.value()).containsExactly("PHONE:two one four, five five five, zero one nine eight");
        assertThat(types("my card number is four one one one, one one one one, one one one one, one one one one")).containsExactly(PiiType.CREDIT_CARD);
        assertThat(types("reach me on oh seven seven double nine, one two three four five")).containsExactly(PiiType.PHONE);
        // number words in ordinary prose, or a spoken run where nothing speaks of phoning or cards, are none
        assertThat(types("One of the five items and two of the nine boxes, one by one, were four or six days late.")).isEmpty();
        assertThat(types("The combination was one two three four five six seven, as in the film.")).isEmpty();
    }

    @Test
    void shouldFindSecretsOfTheCommonProviders() {
        assertThat(types("key sk-proj-abcdefghijklmnopqrstuvwxyz123456 leaked")).containsExactly(PiiType.SECRET);
        assertThat(types("aws AKIAIOSFODNN7EXAMPLE in the log")).containsExactly(PiiType.SECRET);
        assertThat(types("token ghp_" + "a".repeat(36))).containsExactly(PiiType.SECRET);
        assertThat(types("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----")).containsExactly(PiiType.SECRET);
        assertThat(types("the password is Hunter2!x for the share")).containsExactly(PiiType.SECRET);
        assertThat(types("reset your password in settings")).isEmpty();
    }

    @Test
    void shouldFindPasswordsWrittenAfterTheWordOrALogin() {
        // the value alone is the secret; the words before it stay readable
        assertThat(secrets("Use the shared account with password Tr0ub4dor&3 until Friday.")).containsExactly("Tr0ub4dor&3");
        assertThat(secrets("Her VPN password 'Lantern42' was in the chat.")).containsExactly("Lantern42");
        assertThat(secrets("The temporary password was \"Orchard7\", please change it.")).containsExactly("Orchard7");
        assertThat(secrets("Change your password to Autumn#2026 before logging in.")).containsExactly("Autumn#2026");
        assertThat(secrets("Password: hunter22")).containsExactly("hunter22");
        assertThat(secrets("The wifi password is Sunshine")).containsExactly("Sunshine");
        assertThat(secrets("The log showed password attempt revealed: 'Mar1gold'.")).containsExactly("Mar1gold");
        assertThat(secrets("Login: ops.lead@example.org / Gr33n!Field")).containsExactly("Gr33n!Field");
        assertThat(secrets("The passphrase 'amber lantern river 42' opens the vault.")).containsExactly("amber lantern river 42");
        // an @ in a password does not make it an address
        assertThat(secrets("her login password Pine@2031.")).containsExactly("Pine@2031");
    }

    @Test
    void shouldNotTakeTheWordsAroundAPasswordForOne() {
        assertThat(secrets("Please reset my password.")).isEmpty();
        assertThat(secrets("Your password is expired, sign in again.")).isEmpty();
        assertThat(secrets("The password must have 12 characters and a symbol.")).isEmpty();
        assertThat(secrets("Passwords are stored as salted hashes.")).isEmpty();
        assertThat(secrets("Send the new password to jo.berg@example.com today.")).isEmpty();
        assertThat(secrets("Request a password reset for user jsmith01 at the desk.")).isEmpty();
        assertThat(secrets("Reset it at https://accounts.example.com/password/reset?step=2 now.")).isEmpty();
        assertThat(secrets("Write to ana@example.com / or call the desk.")).isEmpty();
        assertThat(secrets("A checklist for a strong password: length, symbols, no reuse.")).isEmpty();
        assertThat(secrets("Keys are derived from passwords (PBKDF2) with a salt.")).isEmpty();
    }

    @Test
    void pinsAndCodesShouldBeFoundAfterTheirName() {
        assertThat(secrets("My card PIN is 4417, please check why it was blocked.")).containsExactly("4417");
        assertThat(secrets("The supply cupboard PIN: 7781.")).containsExactly("7781");
        assertThat(secrets("Staff use the door code 7734-B after 8 pm.")).containsExactly("7734-B");
        assertThat(secrets("Your one-time code is 483920; it expires in 5 minutes.")).containsExactly("483920");
        assertThat(secrets("Card 4111 1111 1111 1111, CVV 123, expires 09/27.")).containsExactly("123");
        assertThat(secrets("The alarm code for today is 2580.")).containsExactly("2580");
        // a code's name without a value, a count, a pin that holds things, a code of conduct
        assertThat(secrets("Enter your PIN at the terminal; you have 3 tries.")).isEmpty();
        assertThat(secrets("The PIN has 4 digits and the door code 6.")).isEmpty();
        assertThat(secrets("Order 2000 pins and 300 clips for the office.")).isEmpty();
        assertThat(secrets("The security code of conduct was updated in 2024.")).isEmpty();
        assertThat(secrets("Shipping to 221B Baker Street by 2026.")).isEmpty();
    }

    @Test
    void identityDocumentNumbersShouldBeFoundAfterTheDocumentsName() {
        assertThat(nationalIds("Her passport number is C03005988 and it expires next year.")).containsExactly("C03005988");
        assertThat(nationalIds("Scan of driving licence no. MORGA753116SM9IJ attached.")).containsExactly("MORGA753116SM9IJ");
        assertThat(nationalIds("Driver's license: DL:K512-0093-7741 (state of Ohio)")).containsExactly("K512-0093-7741");
        assertThat(nationalIds("Aadhaar number 4521 8807 1934 is linked to the account.")).containsExactly("4521 8807 1934");
        assertThat(nationalIds("Contractor TIN 47-1193024 goes on the 1099.")).containsExactly("47-1193024");
        // the document named without a number, or a number that is not one
        assertThat(nationalIds("The passport office opens at 9 on weekdays.")).isEmpty();
        assertThat(nationalIds("Our software license expires in March and costs 2400 a year.")).isEmpty();
        assertThat(nationalIds("Bring your ID card and a tin of 250 tea bags.")).isEmpty();
    }

    private List<String> nationalIds(String text) {
        return detector.detect(text, "US").stream().filter(f -> f.recognizer().startsWith("id-document")).map(PiiFinding::value).toList();
    }

    @Test
    void aRedactedPasswordShouldNotBeFoundAgainInItsPlaceholder() {
        // the text is read again after each pass, and "password: <SECRET_1>" must not make a second secret of the placeholder
        Redaction r = new Redactor(detector).redact(List.of(new ChatMessage(Role.USER, "password: hunter22, api key: k3y-0000-1111", null, null)), "US");
        assertThat(r.messages().get(0).getContent()).isEqualTo("password: <SECRET_1>, <SECRET_2>");
        assertThat(r.counts()).containsEntry(PiiType.SECRET, 2);
    }

    @Test
    void aNameFoundInOnePlaceShouldBeReplacedWhereverItStandsInTheRequest() {
        // alone, "Okafor card" reads as a document's name (an unknown word before "card"); the first message's cue says it is
        // a person, and the same string gets the same placeholder wherever it stands
        assertThat(detector.detect("Is the Okafor card still valid?", "US")).isEmpty();
        Redaction r = new Redactor(detector).redact(List.of(
                new ChatMessage(Role.USER, "Please call Mrs. Okafor about her claim.", null, null),
                new ChatMessage(Role.USER, "Is the Okafor card still valid? The okaforcard.example portal says so.", null, null)), "US");
        assertThat(r.messages().get(0).getContent()).isEqualTo("Please call Mrs. <PERSON_1> about her claim.");
        // whole words only, and the case as found: "okaforcard" is not "Okafor"
        assertThat(r.messages().get(1).getContent()).startsWith("Is the <PERSON_1> card still valid?").doesNotContain("Okafor");
    }

    private List<String> secrets(String text) {
        return detector.detect(text, "US").stream().filter(f -> f.type() == PiiType.SECRET).map(PiiFinding::value).toList();
    }

    @Test
    void shouldFindEuNationalIdentifiersByTheirChecks() {
        assertThat(types("Steuer-ID 86095742719 bitte eintragen")).containsExactly(PiiType.NATIONAL_ID);
        assertThat(types("Steuer-ID 86095742718 bitte eintragen")).isEmpty(); // wrong check digit
        assertThat(types("NIR 1 85 05 78 006 084 91")).containsExactly(PiiType.NATIONAL_ID);
        assertThat(types("BSN 111222333 van de klant")).containsExactly(PiiType.NATIONAL_ID);
        assertThat(types("order 111222333 shipped")).isEmpty(); // no BSN context
        assertThat(types("DNI 12345678Z y NIE X1234567L")).containsExactly(PiiType.NATIONAL_ID, PiiType.NATIONAL_ID);
        assertThat(types("DNI 12345678A")).isEmpty(); // wrong letter
        assertThat(types("our VAT number is DE136308783")).containsExactly(PiiType.VAT_ID);
        assertThat(types("our VAT number is DE123456789")).isEmpty(); // wrong check digit
    }

    @Test
    void codesOfLettersAndDigitsShouldBeNeitherPhonesNorFirms() {
        // the digits of an order's or a ticket's code, glued to its letters, are no phone number; a code's capitals no firm's suffix
        assertThat(types("Order DE-2024-000123 shipped from the hub.")).isEmpty();
        assertThat(types("Ticket INC-2024-004512 was closed; see PO_2024-001847.")).isEmpty();
        assertThat(types("Call me on 0151-2345678 or +49 30 1234567.")).containsExactly(PiiType.PHONE, PiiType.PHONE);
    }

    @Test
    void shouldUseOnePlaceholderPerValueAcrossMessages() {
        Redaction r = new Redactor(detector).redact(List.of(
                new ChatMessage(Role.SYSTEM, "Reply to Jane@Example.com only.", null, null),
                new ChatMessage(Role.USER, "jane@example.com and bob@example.com wrote; jane@example.com again.", null, null)), "US");

        assertThat(r.messages().get(0).getContent()).isEqualTo("Reply to <EMAIL_1> only.");
        assertThat(r.messages().get(1).getContent()).isEqualTo("<EMAIL_1> and <EMAIL_2> wrote; <EMAIL_1> again.");
        assertThat(r.replaced()).isEqualTo(4);
        assertThat(r.counts()).containsEntry(PiiType.EMAIL, 2);
    }
}
