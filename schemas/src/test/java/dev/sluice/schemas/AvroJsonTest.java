package dev.sluice.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.json.AvroJson;
import dev.sluice.schemas.json.AvroJsonException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    @Test
    void shouldReadPlainJsonWithDefaults() {
        LlmRequest request = AvroJson.fromJson("""
                {"requestId": "r-1", "tenant": "acme", "department": "finance", "useCase": "triage",
                 "principal": "svc", "country": "DE", "priority": "batch",
                 "messages": [{"role": "user", "content": "hi"}], "parameters": {},
                 "submittedAt": "2026-11-23T10:00:00Z"}
                """, LlmRequest.class);

        assertThat(request.getPriority()).isEqualTo(Priority.BATCH);
        assertThat(request.getEnvironment()).isEqualTo("prod");
        assertThat(request.getParameters().getMaxOutputTokens()).isEqualTo(1024);
        assertThat(request.getSubmittedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(request.getRegion()).isNull();
    }

    @Test
    void shouldRoundTripThroughJson() {
        LlmRequest request = Fixtures.request("r-2");

        assertThat(AvroJson.fromJson(AvroJson.toJsonString(request), LlmRequest.class)).isEqualTo(request);
    }

    @Test
    void shouldNameThePathOfWhatIsWrong() {
        assertThatThrownBy(() -> AvroJson.fromJson("{\"requestId\": 5}", LlmRequest.class))
                .isInstanceOf(AvroJsonException.class).hasMessage("$.requestId: must be a string");
        assertThatThrownBy(() -> AvroJson.fromJson("{\"requestId\": \"x\"}", LlmRequest.class))
                .isInstanceOf(AvroJsonException.class).hasMessage("$.tenant: is required");
        assertThatThrownBy(() -> AvroJson.fromJson("{\"bogus\": 1}", LlmRequest.class))
                .isInstanceOf(AvroJsonException.class).hasMessage("$: unknown field 'bogus'");
        assertThatThrownBy(() -> AvroJson.fromJson("not json", LlmRequest.class))
                .isInstanceOf(AvroJsonException.class).hasMessageStartingWith("not JSON");
    }
}
