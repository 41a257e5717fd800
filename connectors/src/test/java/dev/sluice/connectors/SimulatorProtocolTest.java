package dev.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.connectors.anthropic.AnthropicProvider;
import dev.sluice.connectors.batch.AnthropicBatchApi;
import dev.sluice.connectors.batch.OpenAiBatchApi;
import dev.sluice.connectors.gemini.GeminiProvider;
import dev.sluice.connectors.openai.OpenAiCompatibleProvider;
import dev.sluice.connectors.simulator.ProviderSimulator;
import dev.sluice.connectors.simulator.SimulatorSettings;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.infer.BatchApiProvider;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.processors.infer.ModelProvider;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Every connector against the simulator over real HTTP on 127.0.0.1, healthy and under each fault. */
class SimulatorProtocolTest {

    private static final List<BiFunction<String, String, ModelProvider>> CONNECTORS = List.of(
            (url, key) -> new OpenAiCompatibleProvider("p", url, key, Duration.ofSeconds(5)),
            (url, key) -> new AnthropicProvider("p", url, key, Duration.ofSeconds(5)),
            (url, key) -> new GeminiProvider("p", url, key, Duration.ofSeconds(5)));

    private static CallOutcome callOnce(ModelProvider provider, ModelCall call) throws Exception {
        return provider.call(call.model(), List.of(call)).get(0).get(10, TimeUnit.SECONDS);
    }

    private static ModelCall call(String providerModel, Duration timeout) {
        ModelCall golden = GoldenPayloadTest.call(GoldenPayloadTest.model("p", providerModel));
        return new ModelCall(golden.requestId(), golden.tenant(), 0, 0, golden.model(), golden.messages(), golden.parameters(),
                golden.responseSchema(), golden.priority(), golden.estimatedTokens(), timeout);
    }

    @Test
    void shouldAnswerEveryProtocolWithSchemaValidJsonAndUsage() throws Exception {
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorSettings.healthy().withApiKey("k"), 0)) {
            for (var connector : CONNECTORS) {
                CallOutcome outcome = callOnce(connector.apply(sim.baseUrl(), "k"), call("model-a", Duration.ofSeconds(5)));
                assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Success.class, s -> {
                    assertThat(s.content()).isEqualTo("{\"summary\":\"simulated\"}");
                    assertThat(s.usage().getInputTokens()).isPositive();
                    assertThat(s.usage().getOutputTokens()).isPositive();
                });
            }
            assertThat(sim.calls("model-a")).isEqualTo(3);
        }
    }

    @Test
    void shouldCountAnthropicCacheMarkedPromptsAsCacheWrites() throws Exception {
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorSettings.healthy(), 0)) {
            CallOutcome outcome = callOnce(new AnthropicProvider("p", sim.baseUrl(), null, Duration.ofSeconds(5)), call("claude", Duration.ofSeconds(5)));
            assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Success.class, s -> {
                assertThat(s.usage().getCacheWriteTokens()).isPositive().isEqualTo(s.usage().getInputTokens());
            });
        }
    }

    @Test
    void shouldReportEachInjectedFaultAsItsKind() throws Exception {
        record Case(SimulatorSettings settings, CallOutcome.Kind kind, int status) {
        }
        List<Case> cases = List.of(
                new Case(SimulatorSettings.healthy().withFaults(1.0, 0, 0, 0), CallOutcome.Kind.RATE_LIMITED, 429),
                new Case(SimulatorSettings.healthy().withFaults(0, 1.0, 0, 0), CallOutcome.Kind.TRANSIENT, 500),
                new Case(SimulatorSettings.healthy().withFaults(0, 0, 0, 1.0), CallOutcome.Kind.TRANSIENT, 200),
                new Case(SimulatorSettings.healthy().withFaults(0, 0, 1.0, 0), CallOutcome.Kind.TIMEOUT, 0),
                new Case(SimulatorSettings.healthy().withDown(Set.of("model-a")), CallOutcome.Kind.TRANSIENT, -1),
                new Case(SimulatorSettings.healthy().withOutages(List.of(new SimulatorSettings.Outage("*", Duration.ZERO, Duration.ofHours(1)))),
                        CallOutcome.Kind.TRANSIENT, -1),
                new Case(SimulatorSettings.healthy().withApiKey("right"), CallOutcome.Kind.PERMANENT, 401));
        for (Case c : cases) {
            try (ProviderSimulator sim = ProviderSimulator.start(c.settings(), 0)) {
                for (var connector : CONNECTORS) {
                    CallOutcome outcome = callOnce(connector.apply(sim.baseUrl(), "wrong"), call("model-a", Duration.ofMillis(300)));
                    assertThat(outcome).as("%s", c).isInstanceOfSatisfying(CallOutcome.Failure.class, f -> {
                        assertThat(f.kind()).as("%s", c).isEqualTo(c.kind());
                        if (c.status() >= 0) {
                            assertThat(f.status()).isEqualTo(c.status());
                        }
                        if (c.kind() == CallOutcome.Kind.RATE_LIMITED) {
                            assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                        }
                    });
                }
            }
        }
    }

    @Test
    void shouldRunJobsThroughBothBatchApis() throws Exception {
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorSettings.healthy(), 0)) {
            for (BatchApiProvider api : List.of(new OpenAiBatchApi("openai", sim.baseUrl(), null), new AnthropicBatchApi("anthropic", sim.baseUrl(), null))) {
                ModelSpec model = GoldenPayloadTest.model(api.name(), "model-b");
                List<ModelCall> calls = List.of(call("model-b", Duration.ofSeconds(5)),
                        new ModelCall("r-2", "acme", 0, 0, model, call("model-b", Duration.ofSeconds(5)).messages(),
                                call("model-b", Duration.ofSeconds(5)).parameters(), null, dev.sluice.schemas.avro.Priority.BATCH, 10,
                                Duration.ofSeconds(5)));
                String jobId = api.submit(model, calls).get(10, TimeUnit.SECONDS);
                BatchApiProvider.JobStatus[] status = new BatchApiProvider.JobStatus[1];
                await("job " + jobId + " ends").atMost(Duration.ofSeconds(10)).until(() -> {
                    status[0] = api.poll(jobId).get(10, TimeUnit.SECONDS);
                    return status[0].ended();
                });
                assertThat(status[0].outcomes()).containsOnlyKeys(calls.stream().map(BatchApiProvider::customId).toList());
                assertThat(status[0].outcomes().values()).allSatisfy(o -> assertThat(o).isInstanceOf(CallOutcome.Success.class));
            }
            assertThat(sim.calls("model-b")).isEqualTo(4);
        }
    }
}
