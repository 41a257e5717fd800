package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.ProviderLimits;
import dev.sluice.processors.infer.Batcher;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.processors.infer.ModelProvider;
import dev.sluice.processors.infer.ProviderGuard;
import dev.sluice.processors.infer.TokenBucket;
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
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<List<String>> batches = new ArrayList<>();
    /** Calls the provider has not answered yet; the test completes them. */
    private final Map<String, CompletableFuture<CallOutcome>> open = new java.util.LinkedHashMap<>();
    private boolean answerAtOnce = true;
    private final ModelProvider provider = new ModelProvider() {
        @Override
        public String name() {
            return "p1";
        }

        @Override
        public List<CompletableFuture<CallOutcome>> call(GatewayConfig.ModelSpec model, List<ModelCall> batch) {
            batches.add(batch.stream().map(ModelCall::requestId).toList());
            List<CompletableFuture<CallOutcome>> out = new ArrayList<>();
            for (ModelCall c : batch) {
                CompletableFuture<CallOutcome> f = new CompletableFuture<>();
                if (answerAtOnce) {
                    f.complete(new CallOutcome.Success("ok", "stop", new Usage(1L, 1L, 0L, 0L, 0L), 1L));
                } else {
                    open.put(c.requestId(), f);
                }
                out.add(f);
            }
            return out;
        }
    };
    private final List<String> done = new ArrayList<>();
    private final List<CallOutcome> outcomes = new ArrayList<>();

    private Batcher batcher(int maxBatch, Map<String, ProviderGuard> guards, Map<String, Batcher.Budget> budgets) {
        return new Batcher(Map.of("p1", provider), guards, budgets, Duration.ofMillis(50), Duration.ofMillis(500), maxBatch);
    }

    private ModelCall call(String id, String tenant, Priority priority) {
        return new ModelCall(id, tenant, 0, 0, config.model("ext-big").orElseThrow(), List.of(), GenerationParameters.newBuilder().build(),
                null, priority, 100, Duration.ofSeconds(10));
    }

    private void submit(Batcher b, String id, String tenant, Priority priority) {
        b.submit(call(id, tenant, priority), clock.instant(), (c, o) -> {
            done.add(c.requestId());
            outcomes.add(o);
        });
    }

    @Test
    void anOpenBreakerShouldFailACallAtOnceWithoutCallingTheProvider() {
        var resilience = new GatewayConfig.Resilience(2, Duration.ofMillis(100), 2, 0.5, Duration.ofSeconds(10), 50f, 4, 4,
                Duration.ofSeconds(30), Duration.ofSeconds(10), Map.of());
        ProviderGuard guard = new ProviderGuard("p1", resilience, new GatewayConfig.ProviderLimits(0, 0, 100, false), clock);
        for (int i = 0; i < 4; i++) {
            guard.complete(new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 503, "down"), 10);
        }
        assertThat(guard.isOpen()).isTrue();
        Batcher b = batcher(4, Map.of("p1", guard), Map.of());
        submit(b, "c1", "t", Priority.INTERACTIVE);
        b.flushDue(clock.instant().plusSeconds(1));
        assertThat(batches).isEmpty();
        assertThat(done).containsExactly("c1");
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(((CallOutcome.Failure) o).kind()).isEqualTo(CallOutcome.Kind.CIRCUIT_OPEN));
    }

    @Test
    void shouldSendASingleCallAfterTheShortWindowUnderLightLoad() {
        Batcher b = batcher(4, Map.of(), Map.of());
        submit(b, "b1", "t", Priority.BATCH);
        submit(b, "i1", "t", Priority.INTERACTIVE);

        assertThat(b.flushDue(clock.instant().plusMillis(4))).isZero();
        assertThat(b.flushDue(clock.instant().plusMillis(5))).isEqualTo(1); // interactive: a tenth of 50 ms
        assertThat(b.flushDue(clock.instant().plusMillis(49))).isZero();
        assertThat(b.flushDue(clock.instant().plusMillis(50))).isEqualTo(1); // batch: a tenth of 500 ms
        assertThat(done).containsExactly("i1", "b1");
    }

    @Test
    void shouldWaitLongerWhenArrivalsWouldFillTheBatchWithinTheWindow() {
        Batcher b = batcher(8, Map.of(), Map.of());
        for (int i = 0; i < 4; i++) {
            submit(b, "b" + i, "t", Priority.BATCH);
            clock.advance(Duration.ofMillis(20));
        }
        // 4 more calls at 20 ms apart fill the batch in 80 ms: the group waits beyond the 50 ms minimum
        Instant oldest = clock.instant().minusMillis(80);
        assertThat(b.flushDue(oldest.plusMillis(60))).isZero();
        assertThat(b.flushDue(oldest.plusMillis(500))).isEqualTo(1);
        assertThat(batches).containsExactly(List.of("b0", "b1", "b2", "b3"));
    }

    @Test
    void shouldSendFullBatchesAtOnce() {
        Batcher b = batcher(4, Map.of(), Map.of());
        for (int i = 0; i < 5; i++) {
            submit(b, "a" + i, "t", Priority.BATCH);
        }
        assertThat(b.flushDue(clock.instant())).isEqualTo(1);
        assertThat(batches).containsExactly(List.of("a0", "a1", "a2", "a3"));
        assertThat(b.queued()).isEqualTo(1);
    }

    @Test
    void shouldShareBatchesFairlyAcrossTenants() {
        Batcher b = batcher(4, Map.of(), Map.of());
        for (int i = 0; i < 8; i++) {
            submit(b, "flood" + i, "big", Priority.BATCH);
        }
        submit(b, "small0", "small", Priority.BATCH);
        submit(b, "small1", "small", Priority.BATCH);

        b.flushDue(clock.instant());
        assertThat(batches.get(0)).containsExactly("flood0", "small0", "flood1", "small1");
    }

    @Test
    void shouldGiveInteractiveWorkTheBulkheadBeforeBatchWork() {
        answerAtOnce = false;
        var limits = new ProviderLimits(0, 0, 2, false);
        ProviderGuard guard = new ProviderGuard("p1", config.resilience(), limits, clock);
        Batcher b = batcher(4, Map.of("p1", guard), Map.of());
        for (int i = 0; i < 4; i++) {
            submit(b, "batch" + i, "t", Priority.BATCH);
        }
        submit(b, "inter0", "t", Priority.INTERACTIVE);
        submit(b, "inter1", "t", Priority.INTERACTIVE);

        b.flushDue(clock.instant().plusSeconds(1));
        assertThat(batches).containsExactly(List.of("inter0", "inter1"));
        assertThat(b.queued()).isEqualTo(4); // batch work waits for a slot, it does not fail

        open.get("inter0").complete(new CallOutcome.Success("ok", "stop", new Usage(1L, 1L, 0L, 0L, 0L), 1L));
        b.flushDue(clock.instant().plusSeconds(1));
        assertThat(batches).containsExactly(List.of("inter0", "inter1"), List.of("batch0"));
    }

    @Test
    void shouldHoldCallsBeyondTheTasksShareOfRequestsPerMinute() {
        // 120 requests per minute shared by 4 partitions: 30 a minute for this task, refilled continuously
        var budget = new Batcher.Budget(new TokenBucket(120.0 / 4, clock), new TokenBucket(0, clock));
        Batcher b = batcher(100, Map.of(), Map.of("p1", budget));
        for (int i = 0; i < 31; i++) {
            submit(b, "r" + i, "t", Priority.BATCH);
        }
        b.flushDue(clock.instant().plusSeconds(1));
        assertThat(done).hasSize(30);

        clock.advance(Duration.ofSeconds(1)); // half a token
        b.flushDue(clock.instant());
        assertThat(done).hasSize(30);
        clock.advance(Duration.ofSeconds(1)); // one token
        b.flushDue(clock.instant());
        assertThat(done).hasSize(31);
    }

    @Test
    void shouldHoldCallsBeyondTheTokensPerMinuteShare() {
        var budget = new Batcher.Budget(new TokenBucket(0, clock), new TokenBucket(250, clock));
        Batcher b = batcher(100, Map.of(), Map.of("p1", budget));
        for (int i = 0; i < 3; i++) {
            submit(b, "r" + i, "t", Priority.BATCH); // 100 tokens each
        }
        b.flushDue(clock.instant().plusSeconds(1));
        assertThat(done).containsExactly("r0", "r1");
        clock.advance(Duration.ofSeconds(12)); // 50 tokens back: 100 available
        b.flushDue(clock.instant());
        assertThat(done).containsExactly("r0", "r1", "r2");
    }

    @Test
    void shouldTimeOutACallThatIsNotAnsweredInTime() {
        answerAtOnce = false;
        Batcher b = batcher(4, Map.of(), Map.of());
        submit(b, "slow", "t", Priority.INTERACTIVE);
        b.flushDue(clock.instant().plusMillis(5));
        clock.advance(Duration.ofMillis(5));

        clock.advance(Duration.ofMillis(9_999));
        b.flushDue(clock.instant());
        assertThat(done).isEmpty();
        clock.advance(Duration.ofMillis(1));
        b.flushDue(clock.instant());
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(CallOutcome.Failure.class,
                f -> assertThat(f.kind()).isEqualTo(CallOutcome.Kind.TIMEOUT));

        open.get("slow").complete(new CallOutcome.Success("late", "stop", new Usage(1L, 1L, 0L, 0L, 0L), 1L));
        assertThat(outcomes).hasSize(1); // the late answer is ignored
    }

    @Test
    void shouldFailCallsOfAProviderWithoutConnector() {
        Batcher b = new Batcher(Map.of(), Duration.ofMillis(50), Duration.ofMillis(500), 4);
        submit(b, "x", "t", Priority.INTERACTIVE);
        b.flushDue(clock.instant().plusSeconds(1));
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(CallOutcome.Failure.class,
                f -> assertThat(f.kind()).isEqualTo(CallOutcome.Kind.PERMANENT));
    }
}
