package dev.sluice.processors.budget;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.Budget;
import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.pipeline.KeyedState;
import dev.sluice.processors.pipeline.StoreStage;
import dev.sluice.schemas.avro.BudgetReservation;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.PipelineRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Settles a request's budget reservation once it has its outcome, on the stream keyed by tenant: the
 * reservation is released and the priced cost (none for a request that got no answer) is spent in the
 * windows it was reserved in. Audited as SETTLED; each budget threshold (50, 80, 100% of the cap) the
 * spend crosses is audited as BUDGET_THRESHOLD, which the topology also sends to the alerts topic.
 */
public final class SettleStage implements StoreStage<BudgetState> {

    public static final String NAME = "settle";
    public static final String THRESHOLD = "BUDGET_THRESHOLD";
    private final Map<String, Budget> budgets;

    public SettleStage(GatewayConfig config) {
        this.budgets = config.budgets().budgets().stream().collect(Collectors.toMap(Budget::id, Function.identity()));
    }

    @Override
    public PipelineRecord apply(String tenant, PipelineRecord envelope, Instant now, KeyedState<BudgetState> store) {
        BudgetReservation reservation = envelope.getReservation();
        if (reservation == null) {
            return envelope;
        }
        long cost = Envelopes.totalCostMicros(envelope);
        BudgetState state = store.get(envelope.getRequest().getTenant());
        var builder = Envelopes.edit(envelope).setReservation(null);
        Map<String, String> settled = new LinkedHashMap<>();
        settled.put("reservedMicros", Long.toString(reservation.getAmountMicros()));
        settled.put("costMicros", Long.toString(cost));
        settled.put("overrunMicros", Long.toString(Math.max(0, cost - reservation.getAmountMicros())));
        settled.put("budgets", String.join(",", reservation.getWindows()));
        if (state == null) {
            // the store lost the tenant's state (it is changelogged, so only by an operator's reset): nothing to release
            return Envelopes.audit(builder, NAME, "SETTLED", "NO_BUDGET_STATE", settled, now).build();
        }
        var crossings = BudgetLedger.settle(state, reservation, cost, budgets);
        store.put(envelope.getRequest().getTenant(), state);
        Envelopes.audit(builder, NAME, "SETTLED", cost == 0 ? "RELEASED" : null, settled, now);
        for (BudgetLedger.Crossing c : crossings) {
            Envelopes.audit(builder, NAME, THRESHOLD, null, Map.of(
                    "budget", c.budgetId(),
                    "window", c.window(),
                    "thresholdPercent", Integer.toString(c.thresholdPercent()),
                    "spentMicros", Long.toString(c.spentMicros()),
                    "capMicros", Long.toString(c.capMicros())), now);
        }
        return builder.build();
    }
}
