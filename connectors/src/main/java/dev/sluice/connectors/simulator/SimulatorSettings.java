package dev.sluice.connectors.simulator;

import java.time.Duration;
import java.util.Set;

/**
 * How the provider simulator behaves.
 *
 * @param latency        base latency of every answer
 * @param jitter         extra latency, uniformly drawn from 0 to this
 * @param errorRate      share of calls answered with HTTP 500 (0..1)
 * @param rateLimitRate  share of calls answered with HTTP 429 and a Retry-After header (0..1)
 * @param downModels     models that always answer HTTP 503 (an outage)
 * @param apiKey         bearer token the simulator requires, or null to accept any
 * @param seed           seed of the random draws, for repeatable runs
 */
public record SimulatorSettings(Duration latency, Duration jitter, double errorRate, double rateLimitRate,
                                Set<String> downModels, String apiKey, long seed) {
    public SimulatorSettings {
        if (errorRate < 0 || rateLimitRate < 0 || errorRate + rateLimitRate > 1) {
            throw new IllegalArgumentException("errorRate and rateLimitRate must be within 0..1 together");
        }
        downModels = Set.copyOf(downModels);
    }

    /** Instant, error-free answers. */
    public static SimulatorSettings healthy() {
        return new SimulatorSettings(Duration.ZERO, Duration.ZERO, 0, 0, Set.of(), null, 42L);
    }
}
