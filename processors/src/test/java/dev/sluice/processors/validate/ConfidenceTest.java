package dev.sluice.processors.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.Inference;
import dev.sluice.schemas.avro.Usage;
import org.junit.jupiter.api.Test;

/** What makes validation doubt an answer. */
class ConfidenceTest {

    private static Inference answer(String content, String finish) {
        return new Inference("m", "p", content, finish, new Usage(1L, 1L, 0L, 0L, 0L), 1L, false);
    }

    @Test
    void eachSignalShouldLowerTheConfidenceAndNameItself() {
        assertThat(ValidateStage.judge(answer("  ", "stop"), false)).isEqualTo(new ValidateStage.Judgement(0.1, "EMPTY"));
        assertThat(ValidateStage.judge(answer("{}", "stop"), true)).isEqualTo(new ValidateStage.Judgement(0.2, "OFF_SCHEMA"));
        assertThat(ValidateStage.judge(answer("I'm sorry, but I can't share that.", "stop"), false).reason()).isEqualTo("REFUSAL");
        assertThat(ValidateStage.judge(answer("I cannot help with that request.", "stop"), false).reason()).isEqualTo("REFUSAL");
        assertThat(ValidateStage.judge(answer("The invoice total is", "length"), false)).isEqualTo(new ValidateStage.Judgement(0.4, "TRUNCATED"));
        assertThat(ValidateStage.judge(answer("The invoice total is", "max_tokens"), false).reason()).isEqualTo("TRUNCATED");
        assertThat(ValidateStage.judge(answer("The invoice total is 12.50 EUR.", "stop"), false)).isEqualTo(new ValidateStage.Judgement(1.0, null));
        // a refusal word later in an ordinary answer is no refusal
        assertThat(ValidateStage.judge(answer("Refunds: the customer said 'I cannot help noticing the delay'.", "stop"), false).confidence()).isEqualTo(1.0);
    }
}
