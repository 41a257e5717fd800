package dev.sluice.processors.infer;

import dev.sluice.processors.config.GatewayConfig.ProviderLimits;
import dev.sluice.processors.config.GatewayConfig.Resilience;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One provider's Resilience4j circuit breaker and bulkhead, shared by all tasks of an instance.
 *
 * <p>The breaker counts transient errors and timeouts over a sliding window of calls; 429s and
 * 4xx answers show the provider is up and do not count. While it is open, requests skip the
 * provider at once, so no request pays for calls to a provider known to be down. The bulkhead caps
 * the calls open at once; a call that finds it full waits in its batch queue, it does not fail.
 * Thread-safe.
 */
public final class ProviderGuard {

    /** What a call may do now. */
    public enum Permit { GRANTED, BUSY, OPEN }

    private final String provider;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;

    public ProviderGuard(String provider, Resilience resilience, ProviderLimits limits, Clock clock) {
        this.provider = provider;
        this.breaker = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .clock(clock)
                .failureRateThreshold(resilience.breakerFailureRate())
                .minimumNumberOfCalls(resilience.breakerMinimumCalls())
                .slidingWindowSize(resilience.breakerWindow())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(resilience.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(5, resilience.breakerMinimumCalls())))
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        this.bulkhead = Bulkhead.of(provider, BulkheadConfig.custom()
                .maxConcurrentCalls(limits.maxConcurrent())
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    public String provider() {
        return provider;
    }

    /** Open (or forced open): skip this provider. Half-open lets trial calls through. */
    public boolean isOpen() {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.OPEN) {
            // Resilience4j moves OPEN to HALF_OPEN when a permission is asked after the wait; ask without using it.
            if (breaker.tryAcquirePermission()) {
                breaker.releasePermission();
                return false;
            }
            return true;
        }
        return state == CircuitBreaker.State.FORCED_OPEN;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** Asks for a bulkhead slot and a breaker permission; on GRANTED the caller must call {@link #complete}. */
    public Permit tryAcquire() {
        if (!bulkhead.tryAcquirePermission()) {
            return Permit.BUSY;
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.releasePermission();
            return Permit.OPEN;
        }
        return Permit.GRANTED;
    }

    /** Records how a granted call ended and frees its slot. */
    public void complete(CallOutcome outcome, long elapsedMillis) {
        bulkhead.onComplete();
        if (outcome instanceof CallOutcome.Failure failure) {
            switch (failure.kind()) {
                case TRANSIENT, TIMEOUT -> breaker.onError(elapsedMillis, TimeUnit.MILLISECONDS, new ProviderFailure(failure.message()));
                case RATE_LIMITED, CIRCUIT_OPEN -> breaker.releasePermission();
                case PERMANENT -> breaker.onSuccess(elapsedMillis, TimeUnit.MILLISECONDS);
                default -> throw new IllegalStateException("unknown failure kind " + failure.kind());
            }
        } else {
            breaker.onSuccess(elapsedMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Calls open now. */
    public int inUse(int maxConcurrent) {
        return maxConcurrent - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    /** A provider error as the breaker records it. */
    static final class ProviderFailure extends RuntimeException {
        ProviderFailure(String message) {
            super(message, null, false, false);
        }
    }
}
