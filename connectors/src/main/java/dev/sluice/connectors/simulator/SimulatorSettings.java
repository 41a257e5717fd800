package dev.sluice.connectors.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the provider simulator behaves. Rates are shares of calls (0..1) and are drawn in this
 * order: rate limit (429 with Retry-After), server error (500), timeout (no answer at all),
 * malformed body (200 with a truncated body); the rest succeed.
 *
 * @param latency      median latency of an answer
 * @param distribution how latencies spread around the median
 * @param spread       for UNIFORM, the extra latency drawn from 0 to this; for LOGNORMAL, sigma in
 *                     tenths of the log (e.g. 5 for sigma 0.5)
 * @param downModels   models that always answer 503 (or the protocol's overloaded error)
 * @param outages      scheduled outages, relative to the simulator's start
 * @param apiKey       key the simulator requires, or null to accept any
 * @param seed         seed of the random draws
 */
public record SimulatorSettings(Duration latency, Distribution distribution, Duration spread, double rateLimitRate, double errorRate,
                                double timeoutRate, double malformedRate, Duration retryAfter, Set<String> downModels,
                                List<Outage> outages, String apiKey, long seed) {

    /** How latencies are drawn around the median. */
    public enum Distribution { FIXED, UNIFORM, LOGNORMAL }

    /** All calls to {@code model} ("*" for every model) fail with 503 from {@code from} to {@code to} after start. */
    public record Outage(String model, Duration from, Duration to) {
    }

    public SimulatorSettings {
        double total = rateLimitRate + errorRate + timeoutRate + malformedRate;
        if (rateLimitRate < 0 || errorRate < 0 || timeoutRate < 0 || malformedRate < 0 || total > 1) {
            throw new IllegalArgumentException("simulator rates must be non-negative and add up to at most 1");
        }
        downModels = Set.copyOf(downModels);
        outages = List.copyOf(outages);
    }

    /** Instant, error-free answers. */
    public static SimulatorSettings healthy() {
        return new SimulatorSettings(Duration.ZERO, Distribution.FIXED, Duration.ZERO, 0, 0, 0, 0, Duration.ofSeconds(1),
                Set.of(), List.of(), null, 42L);
    }

    public SimulatorSettings withLatency(Duration median, Distribution how, Duration spread) {
        return new SimulatorSettings(median, how, spread, rateLimitRate, errorRate, timeoutRate, malformedRate, retryAfter, downModels,
                outages, apiKey, seed);
    }

    public SimulatorSettings withFaults(double rateLimit, double error, double timeout, double malformed) {
        return new SimulatorSettings(latency, distribution, spread, rateLimit, error, timeout, malformed, retryAfter, downModels,
                outages, apiKey, seed);
    }

    public SimulatorSettings withDown(Set<String> models) {
        return new SimulatorSettings(latency, distribution, spread, rateLimitRate, errorRate, timeoutRate, malformedRate, retryAfter, models,
                outages, apiKey, seed);
    }

    public SimulatorSettings withOutages(List<Outage> scheduled) {
        return new SimulatorSettings(latency, distribution, spread, rateLimitRate, errorRate, timeoutRate, malformedRate, retryAfter,
                downModels, scheduled, apiKey, seed);
    }

    public SimulatorSettings withApiKey(String key) {
        return new SimulatorSettings(latency, distribution, spread, rateLimitRate, errorRate, timeoutRate, malformedRate, retryAfter,
                downModels, outages, key, seed);
    }
}
