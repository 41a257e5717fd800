package dev.sluice.processors.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.validator.routines.checkdigit.CheckDigitException;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;
import org.junit.jupiter.api.Test;

/**
 * Card numbers are found as they are printed, and a row of other numbers is not read as one: one run of digits in ten
 * passes the Luhn check, so before the grouping was judged, a table of six-digit figures held a "card" every few rows
 * and a ledger sent as text was classified RESTRICTED. Seeds are fixed.
 */
class CardNumbersTest {

    private static final PiiDetector DETECTOR = new PiiDetector();

    private static List<String> cards(String text) {
        return DETECTOR.detect(text, "US").stream().filter(f -> f.type() == PiiType.CREDIT_CARD).map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void cardsShouldBeFoundInTheGroupingsTheyArePrintedIn() {
        assertThat(cards("Paid with 4111 1111 1111 1111 yesterday.")).containsExactly("4111 1111 1111 1111");
        assertThat(cards("Paid with 4111-1111-1111-1111 yesterday.")).containsExactly("4111-1111-1111-1111");
        assertThat(cards("Paid with 4111111111111111 yesterday.")).containsExactly("4111111111111111");
        assertThat(cards("Amex 3782 822463 10005 on file.")).containsExactly("3782 822463 10005");
        assertThat(cards("Diners 3056 930902 5904 on file.")).containsExactly("3056 930902 5904");
        assertThat(cards("Maestro 6759 6498 2643 8453 on file.")).containsExactly("6759 6498 2643 8453");
        assertThat(PiiDetector.cardLayout("6304 0000 0000 0000 018")).as("19 digits: four fours and three").isTrue();
        assertThat(PiiDetector.cardLayout("4111 1111 1111 1")).isTrue();
    }

    @Test
    void numbersGroupedOtherwiseShouldNotBeCardsUnlessTheTextSpeaksOfCards() {
        // each of these passes the Luhn check
        assertThat(LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid("731200813712278708")).isTrue();
        assertThat(cards("Totals by branch: 731200 813712 278708 (EUR).")).isEmpty();
        assertThat(cards("Units shipped: 41111 11111 111111.")).isEmpty();
        assertThat(PiiDetector.cardLayout("4111 111111 111111")).isFalse();
        assertThat(PiiDetector.cardLayout("4111 11 1111 1111 11")).isFalse();
        // where the text speaks of a card, a card-length number is read as one whatever its grouping
        assertThat(cards("Card number: 731200 813712 278708")).containsExactly("731200 813712 278708");
    }

    @Provide
    Arbitrary<String> rowsOfFigures() {
        Arbitrary<String> figure = Arbitraries.integers().between(10_000, 9_999_999).map(String::valueOf);
        Arbitrary<String> row = figure.list().ofMinSize(3).ofMaxSize(8).map(f -> String.join(" ", f));
        return row.list().ofMinSize(1).ofMaxSize(20).map(rows -> String.join("\n", rows));
    }

    @Property(seed = "20261124", tries = 300)
    void rowsOfFiguresOfFiveToSevenDigitsShouldHoldNoCard(@ForAll("rowsOfFigures") String table) {
        assertThat(cards("Quarterly figures:\n" + table)).isEmpty();
    }

    @Provide
    Arbitrary<String> visaNumbers() {
        return Arbitraries.strings().numeric().ofLength(14).map(body -> {
            String partial = "4" + body;
            try {
                return partial + LuhnCheckDigit.LUHN_CHECK_DIGIT.calculate(partial);
            } catch (CheckDigitException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Property(seed = "20261124", tries = 300)
    void aCardAmongRowsOfFiguresShouldStillBeFound(@ForAll("visaNumbers") String card, @ForAll("rowsOfFigures") String table) {
        String printed = card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " " + card.substring(12);
        assertThat(cards(table + "\nRefund to " + printed + ".\n" + table)).containsExactly(printed);
    }
}
