package dev.sluice.processors.price;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.schemas.avro.ModelPrice;
import dev.sluice.schemas.avro.Usage;

/**
 * Token usage times a model's prices, in integer millionths of the currency unit. Cached input
 * tokens are priced at the cached rate, cache writes at the cache-write rate and the rest of the
 * input at the full rate; reasoning tokens (part of the output) at the reasoning rate and the rest of
 * the output at the output rate. A request's cost is rounded half-up once, so aggregates are exact
 * sums of per-request costs.
 */
public final class Prices {

    private Prices() {
    }

    /** The gateway configuration's prices of a model; reasoning tokens cost what output tokens cost. */
    public static ModelPrice of(ModelSpec model) {
        return new ModelPrice(model.inputPerMillion(), model.cachedInputPerMillion(), model.cacheWritePerMillion(), model.outputPerMillion(),
                model.outputPerMillion(), model.batchDiscountPercent());
    }

    /** Cached-input and cache-write tokens are parts of the input, reasoning tokens part of the output: each priced once. */
    public static long costMicros(ModelPrice price, Usage usage, int discountPercent) {
        long cached = Math.min(usage.getCachedInputTokens(), usage.getInputTokens());
        long written = Math.min(usage.getCacheWriteTokens(), usage.getInputTokens() - cached);
        long uncached = usage.getInputTokens() - cached - written;
        long reasoning = Math.min(usage.getReasoningTokens(), usage.getOutputTokens());
        long output = usage.getOutputTokens() - reasoning;
        long perMillion = Math.addExact(Math.addExact(Math.addExact(Math.multiplyExact(uncached, price.getInputPerMillion()),
                Math.multiplyExact(cached, price.getCachedInputPerMillion())), Math.addExact(Math.multiplyExact(written, price.getCacheWritePerMillion()),
                Math.multiplyExact(output, price.getOutputPerMillion()))), Math.multiplyExact(reasoning, price.getReasoningPerMillion()));
        long discounted = Math.multiplyExact(perMillion, 100 - discountPercent);
        return (discounted + 50_000_000) / 100_000_000;
    }

    /**
     * The most a call can cost before it is made: the input tokens at the dearest input rate (a cache
     * write can cost more than plain input) and the maximum output tokens at the dearer of the output
     * and reasoning rates, rounded up, no discount. Cached input and batch discounts only make the real
     * cost lower, so a call whose input the estimate did not under-count never costs more.
     */
    public static long estimateMicros(ModelPrice price, long inputTokens, long maxOutputTokens) {
        long inputRate = Math.max(price.getInputPerMillion(), price.getCacheWritePerMillion());
        long outputRate = Math.max(price.getOutputPerMillion(), price.getReasoningPerMillion());
        long perMillion = Math.addExact(Math.multiplyExact(inputTokens, inputRate), Math.multiplyExact(maxOutputTokens, outputRate));
        return (perMillion + 999_999) / 1_000_000;
    }
}
