package dev.sluice.processors.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A protected value put into an answer in a form the check knows is always found, wherever it stands among other
 * words, and never when the caller's own turn holds it. Seeds are fixed: the same cases run every time.
 */
class AnswerLeaksPropertiesTest {

    /** A secret of 6 to 12 letters and digits with at least one letter. */
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(6).ofMaxLength(12)
                .filter(v -> v.chars().anyMatch(Character::isLetter));
    }

    @Provide
    Arbitrary<List<String>> answers() {
        return Arbitraries.of("The", "invoice", "was", "paid", "on", "Friday,", "and", "the", "courier", "collects", "it", "at", "nine.",
                "Please", "note:", "rooms", "are", "booked", "\n", "-", "42", "EUR", "(see", "above)").list().ofMinSize(0).ofMaxSize(60);
    }

    @Provide
    Arbitrary<Integer> forms() {
        return Arbitraries.integers().between(0, 3);
    }

    private static String disguised(String value, int form) {
        return switch (form) {
            case 0 -> value;
            case 1 -> String.join("-", value.split(""));
            case 2 -> new StringBuilder(value).reverse().toString();
            default -> String.join(" ", value.toUpperCase(java.util.Locale.ROOT).split(""));
        };
    }

    private static String answer(List<String> words, int at, String inserted) {
        List<String> all = new ArrayList<>(words);
        all.add(Math.min(at, all.size()), inserted);
        return String.join(" ", all);
    }

    @Property(seed = "20261124", tries = 500)
    void aValueInAKnownFormIsFoundWhereverItStands(@ForAll("values") String value, @ForAll("answers") List<String> words,
                                                   @ForAll("forms") int form, @ForAll int at) {
        String answer = answer(words, Math.floorMod(at, words.size() + 1), disguised(value, form));
        assertThat(AnswerLeaks.find(answer, List.of(value), null, null)).as("%s in %s", value, answer)
                .hasValueSatisfying(leak -> assertThat(leak.what()).isEqualTo(AnswerLeaks.PROTECTED_VALUE));
    }

    @Property(seed = "20261124", tries = 300)
    void aValueTheCallerGaveIsNoLeak(@ForAll("values") String value, @ForAll("answers") List<String> words, @ForAll int at) {
        String answer = answer(words, Math.floorMod(at, words.size() + 1), value);
        assertThat(AnswerLeaks.find(answer, List.of(value), null, "Is " + value + " right?")).isEmpty();
    }
}
