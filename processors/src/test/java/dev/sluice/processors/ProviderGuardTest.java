package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.config.GatewayConfig.ProviderLimits;
import dev.sluice.processors.config.GatewayConfig.Resilience;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ProviderGuard;
import dev.sluice.schemas.avro.Usage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The circuit breaker opens on failures, skips the provider while open, and probes it again, on an injected clock. */
class ProviderGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Resilience resilience = new Resilience(2, Duration.ofMillis(100), 2, 0.5, Duration.ofSeconds(10), 50f, 4, 4,
            Duration.ofSeconds(30), Duration.ofSeconds(5), Map.of());
    private final ProviderGuard guard = new ProviderGuard("p", resilience, new ProviderLimits(0, 0, 100, false), clock);
    private static final CallOutcome FAIL = new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 503, "down");
    private static final CallOutcome OK = new CallOutcome.Success("x", "stop", new Usage(1L, 1L, 0L, 0L, 0L), 1L);

    private void call(CallOutcome outcome) {
        assertThat(guard.tryAcquire()).isEqualTo(ProviderGuard.Permit.GRANTED);
        guard.complete(outcome, 10);
    }

    @Test
    void shouldOpenAfterTheFailureRateIsReachedAndSkipTheProviderUntilTheWaitHasPassed() {
        call(OK);
        call(FAIL);
        call(OK);
        assertThat(guard.isOpen()).isFalse();
        call(FAIL); // 2 of 4 failed: 50%

        assertThat(guard.isOpen()).isTrue();
        assertThat(guard.tryAcquire()).isEqualTo(ProviderGuard.Permit.OPEN);

        clock.advance(Duration.ofSeconds(30));
        assertThat(guard.isOpen()).isTrue(); // Resilience4j waits until strictly after the open duration
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.isOpen()).isFalse();
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void shouldCloseAgainWhenTrialCallsSucceed() {
        for (int i = 0; i < 4; i++) {
            call(FAIL);
        }
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 4; i++) {
            call(OK);
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldNotCountRateLimitsOrBadRequestsAgainstTheProvider() {
        for (int i = 0; i < 8; i++) {
            call(new CallOutcome.Failure(CallOutcome.Kind.RATE_LIMITED, 429, "slow down", Duration.ofSeconds(1)));
            call(new CallOutcome.Failure(CallOutcome.Kind.PERMANENT, 400, "bad request"));
        }
        assertThat(guard.isOpen()).isFalse();
    }

    @Test
    void shouldCapConcurrentCallsWithTheBulkhead() {
        ProviderGuard small = new ProviderGuard("q", resilience, new ProviderLimits(0, 0, 2, false), clock);
        assertThat(small.tryAcquire()).isEqualTo(ProviderGuard.Permit.GRANTED);
        assertThat(small.tryAcquire()).isEqualTo(ProviderGuard.Permit.GRANTED);
        assertThat(small.tryAcquire()).isEqualTo(ProviderGuard.Permit.BUSY);
        small.complete(OK, 1);
        assertThat(small.tryAcquire()).isEqualTo(ProviderGuard.Permit.GRANTED);
    }
}
