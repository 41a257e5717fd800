package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.LlmResult;
import dev.sluice.schemas.avro.ModelPrice;
import dev.sluice.schemas.avro.PriceTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/**
 * The price table as a control topic: the version in force at the answer's time prices it and is
 * recorded; a version takes effect at its effectiveFrom; unlisted models keep the configuration's
 * prices; a version in another currency is ignored; a retired version stops pricing. The scripted
 * providers bill 100 input and 20 output tokens (27 micro-USD on gpt-4o-mini at the configured prices).
 */
class PriceTableTopologyTest {

    private static final String SIMPLE = "Summarise the delivery complaint.";

    private static PriceTable table(String version, Instant from, String currency, long input, long output) {
        return new PriceTable(version, from, currency, Map.of("gpt-4o-mini", new ModelPrice(input, input / 2, input, output, output, 50)), "cfo@acme.example", null);
    }

    private static LlmResult answer(PipelineHarness h, String id) {
        h.send(PipelineHarness.request(id, SIMPLE).build());
        h.tick();
        return h.results.readValuesToList().stream().filter(r -> r.getRequestId().equals(id)).findFirst().orElseThrow();
    }

    private static String priceVersion(List<AuditEvent> audit, String requestId) {
        return audit.stream().filter(e -> requestId.equals(e.getRequestId()) && "PRICED".equals(e.getDecision())).findFirst().orElseThrow()
                .getAttributes().get("priceVersion");
    }

    @Test
    void theVersionInForceShouldPriceTheAnswerAndBeRecorded() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            TestInputTopic<String, PriceTable> prices = h.driver.createInputTopic(h.topics.prices().name(), Serdes.String().serializer(),
                    h.topics.prices().valueSerde().serializer());
            assertThat(answer(h, "p-0").getCostMicros()).as("configured prices").isEqualTo(27L);
            assertThat(priceVersion(h.audit.readValuesToList(), "p-0")).isEqualTo("config-" + h.config.version());

            // 100 input at 1.00 USD/M + 20 output at 2.00 USD/M = 100 + 40 micro-USD
            prices.pipeInput("2026-11-23", table("2026-11-23", PipelineHarness.START, "USD", 1_000_000, 2_000_000));
            prices.pipeInput("2026-11-24", table("2026-11-24", PipelineHarness.START.plus(Duration.ofDays(1)), "USD", 3_000_000, 2_000_000));
            prices.pipeInput("wrong-currency", table("wrong-currency", PipelineHarness.START, "EUR", 9_000_000, 9_000_000));
            assertThat(answer(h, "p-1").getCostMicros()).isEqualTo(140L);
            assertThat(priceVersion(h.audit.readValuesToList(), "p-1")).isEqualTo("2026-11-23");

            h.clock.advance(Duration.ofDays(1)); // the next day's version takes over: 300 + 40
            assertThat(answer(h, "p-2").getCostMicros()).isEqualTo(340L);
            assertThat(priceVersion(h.audit.readValuesToList(), "p-2")).isEqualTo("2026-11-24");

            prices.pipeInput("2026-11-24", (PriceTable) null); // retired: the earlier version is in force again
            assertThat(answer(h, "p-3").getCostMicros()).isEqualTo(140L);
        }
    }

    @Test
    void theReservationShouldUseThePricesInForce() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            TestInputTopic<String, PriceTable> prices = h.driver.createInputTopic(h.topics.prices().name(), Serdes.String().serializer(),
                    h.topics.prices().valueSerde().serializer());
            // gpt-4o-mini becomes the dearest model of the low-cost chain
            prices.pipeInput("dear", table("dear", PipelineHarness.START, "USD", 10_000_000, 100_000_000));
            h.send(PipelineHarness.request("q-1", SIMPLE).build());
            h.tick();
            AuditEvent routed = h.audit.readValuesToList().stream().filter(e -> "ROUTED".equals(e.getDecision())).findFirst().orElseThrow();
            long reserved = Long.parseLong(routed.getAttributes().get("reservedMicros"));
            long input = Long.parseLong(routed.getAttributes().get("estimatedInputTokens"));
            // the input at 10 USD/M and 200 output tokens at 100 USD/M, rounded up, once for the low-cost chain
            // and once for the standard chain it may be escalated to, where gpt-4o-mini is the dearest too
            assertThat(reserved).isEqualTo(2 * ((input * 10_000_000 + 200 * 100_000_000L + 999_999) / 1_000_000));
        }
    }
}
