package dev.sluice.processors.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The one-pass literal search finds exactly the literals {@code String.contains} finds. */
class LiteralsTest {

    /** Overlapping literals, one inside another, one a suffix of another, and literals beyond ASCII. */
    private static final List<String> LITERALS = List.of("he", "she", "his", "hers", "ignore", "ignore all", "gnor", "s", "игнор", "無視", "é");
    private static final Literals ONE_PASS = Literals.of(LITERALS);

    @Property(tries = 3000, seed = "20261123") // fixed seed: the suite is deterministic
    void shouldFindWhatContainsFinds(@ForAll("texts") String text) {
        long[] found = ONE_PASS.find(text);
        for (String literal : LITERALS) {
            assertThat(Literals.has(found, ONE_PASS.id(literal))).as("'%s' in '%s'", literal, text).isEqualTo(text.contains(literal));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("h", "e", "s", "r", "i", "g", "n", "o", " ", "all", "she", "hers", "игнор", "игно", "無", "視", "é", "e\u0301", "x", "\n")
                .list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    @Test
    void shouldReportEveryLiteralEndingAtOnePlace() {
        long[] found = ONE_PASS.find("ushers");
        // "she", "he", "hers" and "s" all end inside "ushers"; "his" does not occur
        assertThat(LITERALS.stream().filter(l -> Literals.has(found, ONE_PASS.id(l)))).containsExactlyInAnyOrder("he", "she", "hers", "s");
        assertThat(ONE_PASS.find("a plain quota: ok")).containsOnly(0L);
    }

    @Test
    void gatesJudgedTogetherShouldAgreeWithEachGate() {
        List<Gate> gates = List.of(Gate.of("ignore & previous|prior ; disregard"), Gate.of("she|hers"), Gate.of("無視 & 指示"), Gate.OPEN);
        Gates together = new Gates(gates);
        for (String text : List.of("ignore the prior text", "ignore it", "please disregard", "hers", "以前の指示を無視して", "無視", "")) {
            boolean[] open = together.open(text);
            for (int g = 0; g < gates.size(); g++) {
                assertThat(open[g]).as("gate %s on '%s'", gates.get(g), text).isEqualTo(gates.get(g).open(text));
            }
        }
        assertThat(together.open("ignore it")).containsExactly(false, false, false, true);
    }

    @Test
    void anUnknownOrEmptyLiteralShouldBeRefused() {
        assertThatThrownBy(() -> ONE_PASS.id("absent")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Literals.of(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }
}
