package dev.sluice.processors.cost;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.avro.CostRecord;
import dev.sluice.schemas.avro.Usage;

/**
 * Token usage times the price table, in integer millionths of the currency unit. Cached input
 * tokens are priced at the cached rate, cache writes at the cache-write rate and the rest of the
 * input at the full rate; a request's cost is rounded half-up once, so aggregates are exact sums of
 * per-request costs.
 */
public final class Pricer {

    private Pricer() {
    }

    public static long costMicros(ModelSpec model, Usage usage) {
        return costMicros(model, usage, 0);
    }

    /**
     * Cached-input and cache-write tokens are parts of the input and priced at their own rates,
     * never twice; reasoning tokens are part of the output. A batch discount applies to the whole.
     */
    public static long costMicros(ModelSpec model, Usage usage, int discountPercent) {
        long cached = Math.min(usage.getCachedInputTokens(), usage.getInputTokens());
        long written = Math.min(usage.getCacheWriteTokens(), usage.getInputTokens() - cached);
        long uncached = usage.getInputTokens() - cached - written;
        long perMillion = Math.addExact(Math.addExact(Math.addExact(Math.multiplyExact(uncached, model.inputPerMillion()),
                Math.multiplyExact(cached, model.cachedInputPerMillion())), Math.multiplyExact(written, model.cacheWritePerMillion())),
                Math.multiplyExact(usage.getOutputTokens(), model.outputPerMillion()));
        long discounted = Math.multiplyExact(perMillion, 100 - discountPercent);
        return (discounted + 50_000_000) / 100_000_000;
    }

    /**
     * The most a call can cost before it is made: the input tokens at the dearest input rate (a
     * cache write can cost more than plain input) and the maximum output tokens (reasoning tokens are
     * part of them) at the output rate, rounded up, no discount. Cached input and batch discounts only
     * make the real cost lower, so a call whose input the estimate did not under-count never costs more.
     */
    public static long estimateMicros(ModelSpec model, long inputTokens, long maxOutputTokens) {
        long inputRate = Math.max(model.inputPerMillion(), model.cacheWritePerMillion());
        long perMillion = Math.addExact(Math.multiplyExact(inputTokens, inputRate), Math.multiplyExact(maxOutputTokens, model.outputPerMillion()));
        return (perMillion + 999_999) / 1_000_000;
    }

    /**
     * Adds one priced request to an aggregate (a new one when {@code aggregate} is null). The window
     * bounds are left to the caller, which knows the window.
     */
    public static CostAggregate add(CostAggregate aggregate, CostRecord cost) {
        CostAggregate base = aggregate != null ? aggregate : new CostAggregate(cost.getTenant(), cost.getDepartment(), cost.getUseCase(), cost.getModel(),
                java.time.Instant.EPOCH, java.time.Instant.EPOCH, 0L, 0L, 0L, 0L, cost.getCurrency());
        return CostAggregate.newBuilder(base)
                .setRequests(base.getRequests() + 1)
                .setInputTokens(base.getInputTokens() + cost.getUsage().getInputTokens())
                .setOutputTokens(base.getOutputTokens() + cost.getUsage().getOutputTokens())
                .setCostMicros(base.getCostMicros() + cost.getCostMicros())
                .build();
    }

    /** The aggregation key: tenant, department, use case and model, separated by '/'. */
    public static String scopeKey(CostRecord cost) {
        return cost.getTenant() + "/" + cost.getDepartment() + "/" + cost.getUseCase() + "/" + cost.getModel();
    }
}
