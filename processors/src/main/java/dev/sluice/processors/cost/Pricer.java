package dev.sluice.processors.cost;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.price.Prices;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.avro.CostRecord;
import dev.sluice.schemas.avro.Usage;

/**
 * Cost aggregation: adding priced requests to aggregates and the aggregation key. The price
 * arithmetic itself is {@link Prices}.
 */
public final class Pricer {

    private Pricer() {
    }

    public static long costMicros(ModelSpec model, Usage usage) {
        return costMicros(model, usage, 0);
    }

    /** The configuration's prices of {@code model} applied to {@code usage} ({@link Prices#costMicros}). */
    public static long costMicros(ModelSpec model, Usage usage, int discountPercent) {
        return Prices.costMicros(Prices.of(model), usage, discountPercent);
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
