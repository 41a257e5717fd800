package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.processors.classify.DomainCentroids;
import dev.sluice.processors.classify.Embedder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nearest-centroid domains on a stand-in embedder whose vectors count words (one dimension per word). */
class DomainCentroidsTest {

    private static final List<String> VOCABULARY = List.of("invoice", "ledger", "payment", "contract", "clause", "court", "patient", "doctor", "weather");

    /** Counts of the vocabulary's words: texts sharing words are similar. */
    private static final Embedder WORDS = text -> {
        float[] v = new float[VOCABULARY.size()];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            int i = VOCABULARY.indexOf(word);
            if (i >= 0) {
                v[i]++;
            }
        }
        return v;
    };

    private final DomainCentroids domains = new DomainCentroids(WORDS, Map.of(
            "finance", List.of("pay the invoice", "post the payment to the ledger"),
            "legal", List.of("review the contract clause", "the court ruled on the contract")), 0.3);

    @Test
    void shouldChooseTheDomainWhoseExamplesAreNearest() {
        DomainCentroids.Nearest nearest = domains.nearest("Was the invoice payment booked in the ledger?");
        assertThat(nearest.domain()).isEqualTo("finance");
        assertThat(nearest.confidence()).isGreaterThan(0.99);
        assertThat(nearest.similarities().get("finance")).isGreaterThan(nearest.similarities().get("legal"));
        assertThat(domains.nearest("Which clause of the contract applies?").domain()).isEqualTo("legal");
    }

    @Test
    void aPromptNearNoDomainShouldBeGeneral() {
        DomainCentroids.Nearest nearest = domains.nearest("What will the weather be like?");
        assertThat(nearest.domain()).isEqualTo("general");
        assertThat(nearest.confidence()).isZero();
    }

    @Test
    void aPromptBetweenDomainsShouldGetALowerConfidence() {
        double mixed = domains.nearest("the invoice and the contract").confidence();
        assertThat(mixed).isGreaterThan(0.5).isLessThan(domains.nearest("the invoice").confidence());
        assertThat(mixed).isLessThan(0.99);
    }

    @Test
    void aDomainWithoutExamplesShouldBeRefused() {
        assertThatThrownBy(() -> new DomainCentroids(WORDS, Map.of("hr", List.of()), 0.3)).hasMessageContaining("domain 'hr' needs at least one example");
    }
}
