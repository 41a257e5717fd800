package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.infer.Batcher;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.processors.infer.ModelProvider;
import dev.sluice.schemas.avro.GenerationParameters;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private final GatewayConfig config = TestConfig.config();
    private final List<Integer> batches = new ArrayList<>();
    private final ModelProvider provider = new ModelProvider() {
        @Override
        public String name() {
            return "p1";
        }

        @Override
        public List<CompletableFuture<CallOutcome>> call(GatewayConfig.ModelSpec model, List<ModelCall> batch) {
            batches.add(batch.size());
            return batch.stream().map(c -> CompletableFuture.<CallOutcome>completedFuture(
                    new CallOutcome.Success("ok", "stop", new Usage(1L, 1L, 0L, 0L, 0L), 1L))).toList();
        }
    };
    private final Batcher batcher = new Batcher(Map.of("p1", provider), Duration.ofMillis(20), Duration.ofMillis(200), 4);
    private final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");

    private ModelCall call(String id, String model, Priority priority) {
        return new ModelCall(id, 0, config.model(model).orElseThrow(), List.of(), GenerationParameters.newBuilder().build(), null, priority);
    }

    @Test
    void shouldHoldBatchWorkForItsWindowAndSendInteractiveWorkSooner() {
        List<String> done = new ArrayList<>();
        batcher.submit(call("b1", "ext-big", Priority.BATCH), t0, (c, o) -> done.add(c.requestId()));
        batcher.submit(call("i1", "ext-big", Priority.INTERACTIVE), t0, (c, o) -> done.add(c.requestId()));

        assertThat(batcher.flushDue(t0.plusMillis(19))).isZero();
        assertThat(batcher.flushDue(t0.plusMillis(20))).isEqualTo(1);
        assertThat(done).containsExactly("i1");
        assertThat(batcher.flushDue(t0.plusMillis(199))).isZero();
        assertThat(batcher.flushDue(t0.plusMillis(200))).isEqualTo(1);
        assertThat(done).containsExactly("i1", "b1");
    }

    @Test
    void shouldSendFullBatchesAtOnceAndGroupPerModel() {
        for (int i = 0; i < 5; i++) {
            batcher.submit(call("a" + i, "ext-big", Priority.BATCH), t0, (c, o) -> { });
        }
        batcher.submit(call("s", "ext-small", Priority.BATCH), t0, (c, o) -> { });

        assertThat(batcher.flushDue(t0)).isEqualTo(1);
        assertThat(batches).containsExactly(4);
        assertThat(batcher.queued()).isEqualTo(2);
        batcher.flushDue(t0.plusMillis(200));
        assertThat(batches).containsExactly(4, 1, 1);
    }

    @Test
    void shouldFailCallsOfAProviderWithoutConnector() {
        List<CallOutcome> outcomes = new ArrayList<>();
        batcher.submit(call("x", "eu-only", Priority.INTERACTIVE), t0, (c, o) -> outcomes.add(o));
        batcher.flushDue(t0.plusSeconds(1));
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(CallOutcome.Failure.class, f -> assertThat(f.retryable()).isFalse());
    }
}
