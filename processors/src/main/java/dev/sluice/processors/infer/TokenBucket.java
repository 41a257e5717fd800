package dev.sluice.processors.infer;

import java.time.Clock;

/**
 * A per-minute budget that refills continuously, read off an injected clock.
 *
 * <p>Written here rather than taken from Resilience4j's RateLimiter because that one reads
 * {@code System.nanoTime()}: Sluice's budgets must refill on the stream's clock, so tests drive
 * them deterministically and a partition's share behaves the same on every instance. Not
 * thread-safe: one per task.
 */
public final class TokenBucket {

    private final double perMinute;
    private final Clock clock;
    private double available;
    private long lastRefillMillis;

    /** @param perMinute capacity and refill per minute; 0 or less means unlimited */
    public TokenBucket(double perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.available = perMinute;
        this.lastRefillMillis = clock.millis();
    }

    public boolean unlimited() {
        return perMinute <= 0;
    }

    /** Whether {@code amount} can be taken now. A request larger than the whole budget waits for a full bucket. */
    public boolean canTake(double amount) {
        if (unlimited()) {
            return true;
        }
        refill();
        return available >= Math.min(amount, perMinute);
    }

    public void take(double amount) {
        if (!unlimited()) {
            refill();
            available -= Math.min(amount, perMinute);
        }
    }

    public double available() {
        refill();
        return available;
    }

    private void refill() {
        long now = clock.millis();
        if (now > lastRefillMillis) {
            available = Math.min(perMinute, available + perMinute * (now - lastRefillMillis) / 60_000.0);
            lastRefillMillis = now;
        }
    }
}
