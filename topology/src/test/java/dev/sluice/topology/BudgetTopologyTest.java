package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.budget.TokenEstimator;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.price.Prices;
import dev.sluice.schemas.avro.Alert;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetWindow;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.GenerationParameters;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Rejection;
import dev.sluice.schemas.avro.Role;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Budgets through the whole topology (TopologyTestDriver): reserve before the call, settle to the
 * real cost after it, release on failure, refuse what would pass a cap while earlier calls are still
 * in flight, route a tier down past the soft limit, alert at thresholds, reset at the window's end.
 * The scripted providers bill 100 input and 20 output tokens per call: 27 micro-USD on gpt-4o-mini.
 */
class BudgetTopologyTest {

    private static final String SIMPLE = "Summarise the delivery complaint.";

    /** The built-in configuration with {@code limits} as the only budgets. */
    static GatewayConfig withBudgets(String limits) throws Exception {
        String yaml;
        try (InputStream in = BudgetTopologyTest.class.getClassLoader().getResourceAsStream(GatewayConfigLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = yaml.indexOf("\n  limits:\n", yaml.indexOf("\nbudgets:\n"));
        int end = yaml.indexOf("\nredaction:\n");
        // no escalation here: a reservation is then the route's dearest outcome alone (EscalationTopologyTest has the rest)
        String replaced = (yaml.substring(0, start) + "\n  limits:\n" + limits + "\n" + yaml.substring(end))
                .replace("escalateBelowConfidence: 0.5", "escalateBelowConfidence: 0");
        return new GatewayConfigLoader(System::getenv).parse(replaced.getBytes(StandardCharsets.UTF_8), "test").gateway();
    }

    private static LlmRequest request(String id, String text, int maxOutputTokens) {
        return PipelineHarness.request(id, text).setParameters(GenerationParameters.newBuilder().setMaxOutputTokens(maxOutputTokens).build()).build();
    }

    private static BudgetWindow window(PipelineHarness h, String key) {
        KeyValueStore<String, BudgetState> store = h.driver.getKeyValueStore(SluiceTopology.BUDGET_STORE);
        BudgetState state = store.get("acme");
        return state == null ? null : state.getWindows().get(key);
    }

    private static List<AuditEvent> trail(List<AuditEvent> audit, String requestId) {
        return audit.stream().filter(e -> requestId.equals(e.getRequestId())).toList();
    }

    /** The reservation of {@link #SIMPLE}: its input tokens with the 25% margin and the output, at gemini-flash, the dearest of its chain. */
    private static long reservation(GatewayConfig config, int maxOutputTokens) {
        long input = (long) Math.ceil(TokenEstimator.count(List.of(new ChatMessage(Role.USER, SIMPLE, null, null))) * 1.25);
        return Prices.estimateMicros(Prices.of(config.model("gemini-flash").orElseThrow()), input, maxOutputTokens);
    }

    @Test
    void shouldReserveBeforeTheCallAndSettleToTheRealCostAfterIt() throws Exception {
        GatewayConfig config = withBudgets("    daily: {tenant: acme, period: day, capMicros: 1000000}");
        try (PipelineHarness h = new PipelineHarness(Set.of(), config)) {
            h.send(request("b-1", SIMPLE, 200));
            BudgetWindow inFlight = window(h, "daily@2026-11-23");
            assertThat(inFlight.getReservedMicros()).isEqualTo(reservation(config, 200)).isGreaterThan(27);
            assertThat(inFlight.getSpentMicros()).isZero();

            h.tick();
            assertThat(h.results.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getCostMicros()).isEqualTo(27L));
            BudgetWindow settled = window(h, "daily@2026-11-23");
            assertThat(settled.getReservedMicros()).isZero();
            assertThat(settled.getSpentMicros()).isEqualTo(27L);
            List<AuditEvent> trail = trail(h.audit.readValuesToList(), "b-1");
            assertThat(trail.get(4).getAttributes()).containsEntry("reservedMicros", Long.toString(reservation(config, 200)))
                    .containsEntry("budgets", "daily@2026-11-23");
            assertThat(trail.get(trail.size() - 1).getDecision()).isEqualTo("SETTLED");
            assertThat(trail.get(trail.size() - 1).getAttributes()).containsEntry("costMicros", "27").containsEntry("overrunMicros", "0");
        }
    }

    @Test
    void shouldRefuseWhatWouldPassTheCapWhileEarlierCallsAreInFlightAndResetNextDay() throws Exception {
        GatewayConfig config = withBudgets("    daily: {tenant: acme, period: day, capMicros: 120}");
        long each = reservation(config, 20);
        assertThat(2 * each).as("two reservations fit the cap, three do not").isLessThanOrEqualTo(120).isGreaterThan(120 - each);
        try (PipelineHarness h = new PipelineHarness(Set.of(), config)) {
            h.send(request("c-1", SIMPLE, 20));
            h.send(request("c-2", SIMPLE, 20));
            h.send(request("c-3", SIMPLE, 20)); // c-1 and c-2 are reserved, not yet answered
            List<Rejection> rejected = h.rejections.readValuesToList();
            assertThat(rejected).singleElement().satisfies(r -> {
                assertThat(r.getRequestId()).isEqualTo("c-3");
                assertThat(r.getReason().name()).isEqualTo("BUDGET_EXCEEDED");
                assertThat(r.getDetail()).isEqualTo(String.format("budget 'daily' (day 2026-11-23): spent 0.000000 + reserved 0.000%03d"
                        + " + this request's estimate 0.000%03d would pass the cap of 0.000120 USD", 2 * each, each));
            });
            h.tick();
            assertThat(h.results.readValuesToList()).hasSize(2);
            assertThat(window(h, "daily@2026-11-23").getSpentMicros()).isEqualTo(54L);

            h.send(request("c-4", SIMPLE, 20)); // 54 spent + one reservation fits 120
            h.tick();
            assertThat(h.results.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getRequestId()).isEqualTo("c-4"));
            h.send(request("c-5", SIMPLE, 20)); // 81 spent + one reservation passes 120
            assertThat(h.rejections.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getRequestId()).isEqualTo("c-5"));

            h.clock.advance(Duration.ofDays(1));
            h.send(request("c-6", SIMPLE, 20)); // a new day, a new window
            h.tick();
            assertThat(h.results.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getRequestId()).isEqualTo("c-6"));
            assertThat(window(h, "daily@2026-11-24").getSpentMicros()).isEqualTo(27L);
            assertThat(window(h, "daily@2026-11-23").getSpentMicros()).isEqualTo(81L);
        }
    }

    @Test
    void shouldReleaseTheReservationOfARequestThatGotNoAnswer() throws Exception {
        GatewayConfig config = withBudgets("    daily: {tenant: acme, period: day, capMicros: 1000000}");
        Set<String> everyModel = config.models().keySet();
        try (PipelineHarness h = new PipelineHarness(everyModel, config)) {
            h.send(request("f-1", SIMPLE, 200));
            assertThat(window(h, "daily@2026-11-23").getReservedMicros()).isPositive();
            for (int i = 0; i < 60 && h.rejections.isEmpty(); i++) {
                h.tick(); // retries with backoff, then every model of the chain
            }
            assertThat(h.rejections.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getReason().name()).isEqualTo("PROVIDER_UNAVAILABLE"));
            BudgetWindow released = window(h, "daily@2026-11-23");
            assertThat(released.getReservedMicros()).isZero();
            assertThat(released.getSpentMicros()).isZero();
            List<AuditEvent> trail = trail(h.audit.readValuesToList(), "f-1");
            assertThat(trail.get(trail.size() - 1).getDecision()).isEqualTo("SETTLED");
            assertThat(trail.get(trail.size() - 1).getReason()).isEqualTo("RELEASED");
        }
    }

    @Test
    void shouldRouteATierDownPastTheSoftLimitAndSaySo() throws Exception {
        GatewayConfig config = withBudgets("    finance-daily: {tenant: acme, department: finance, period: day, capMicros: 40000, softLimitPercent: 1}");
        String complex = "Analyse step by step and compare the two offers, then assess the trade-offs for the quarterly plan.";
        try (PipelineHarness h = new PipelineHarness(Set.of(), config)) {
            h.send(request("s-1", complex, 2000));
            h.tick();
            assertThat(h.results.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getTier()).isEqualTo("premium"));
            // 450 micro-USD spent is past 1% of the cap (400): the next complex request goes a tier down
            assertThat(window(h, "finance-daily@2026-11-23").getSpentMicros()).isEqualTo(450L);
            h.send(request("s-2", complex, 2000));
            h.tick();
            assertThat(h.results.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getTier()).isEqualTo("standard"));
            AuditEvent routed = trail(h.audit.readValuesToList(), "s-2").get(4);
            assertThat(routed.getAttributes()).containsEntry("tier", "standard").containsEntry("downgradedFrom", "premium")
                    .containsEntry("softLimitBudget", "finance-daily");
        }
    }

    @Test
    void shouldAlertOnceWhenTheSpendCrossesAThreshold() throws Exception {
        GatewayConfig config = withBudgets("    daily: {tenant: acme, period: day, capMicros: 100}");
        try (PipelineHarness h = new PipelineHarness(Set.of(), config)) {
            var alerts = h.driver.createOutputTopic(h.topics.alerts().name(), Serdes.String().deserializer(), h.topics.alerts().valueSerde().deserializer());
            h.send(request("a-1", SIMPLE, 20));
            h.tick();
            assertThat(alerts.isEmpty()).as("27 of 100 crosses no threshold").isTrue();
            h.send(request("a-2", SIMPLE, 20));
            h.tick();
            List<Alert> crossed = alerts.readValuesToList();
            assertThat(crossed).singleElement().satisfies(a -> {
                assertThat(a.getScope()).isEqualTo("daily");
                assertThat(a.getThresholdPercent()).isEqualTo(50);
                assertThat(a.getSpentMicros()).isEqualTo(54L);
                assertThat(a.getCapMicros()).isEqualTo(100L);
                assertThat(a.getRequestId()).isEqualTo("a-2");
                assertThat(a.getWindow()).isEqualTo("2026-11-23");
            });
        }
    }
}
