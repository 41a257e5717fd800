package dev.sluice.processors.route;

import dev.sluice.processors.budget.BudgetLedger;
import dev.sluice.processors.budget.TokenEstimator;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.Budget;
import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.price.PriceBook;
import dev.sluice.processors.price.Prices;
import dev.sluice.processors.pipeline.KeyedState;
import dev.sluice.processors.pipeline.StoreStage;
import dev.sluice.schemas.avro.BudgetReservation;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Route stage: chooses the model chain under the tenant's budgets. Runs on the stream keyed by
 * tenant, with the budget store (DESIGN.md, "Budgets that hold"):
 * <ol>
 *   <li>a budget the request counts against that is past its soft limit sends it one tier down;</li>
 *   <li>the chain comes from the {@link Router}; none is NO_ROUTE;</li>
 *   <li>the request's most expensive outcome is reserved in every budget that covers it: input tokens
 *       counted by the tokenizer (with the configured margin) and the maximum output tokens, at the
 *       dearest model of the chain (any of them may answer); a budget that would pass its cap rejects
 *       the request with BUDGET_EXCEEDED, naming the budget, window and amounts.</li>
 * </ol>
 * Models whose provider's circuit breaker is open in this instance move to the end of the chain. The
 * decision is audited with its reasons (tier, downgrade and the budget that caused it, open breakers,
 * reservation).
 */
public final class RouteStage implements StoreStage<BudgetState> {

    public static final String NAME = "route";
    private final Router router;
    private final GatewayConfig config;
    private final TokenEstimator estimator;
    private final Predicate<String> breakerOpen;
    private final PriceBook prices;

    public RouteStage(GatewayConfig config) {
        this(config, provider -> false, new PriceBook(config));
    }

    /**
     * @param breakerOpen whether a provider's circuit breaker is open in this instance: its models go to the end of the chain
     * @param prices      the price table versions in force, for the reservation
     */
    public RouteStage(GatewayConfig config, Predicate<String> breakerOpen, PriceBook prices) {
        this.config = config;
        this.router = new Router(config.routing(), config.budgets().downgrade());
        this.estimator = new TokenEstimator(config.budgets().inputTokenMargin());
        this.breakerOpen = breakerOpen;
        this.prices = prices;
    }

    /**
     * The chain with the models of providers whose breaker is open moved to its end, in their order:
     * they would be refused at once, and stay only as the last resort (a breaker half-opens in time).
     */
    private Route avoidOpenBreakers(Route route, Map<String, String> attributes) {
        List<String> healthy = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (String model : route.getChain()) {
            (breakerOpen.test(config.model(model).orElseThrow().provider()) ? open : healthy).add(model);
        }
        if (open.isEmpty() || healthy.isEmpty()) {
            return route;
        }
        attributes.put("breakerOpen", String.join(",", open));
        healthy.addAll(open);
        return new Route(route.getTier(), healthy);
    }

    @Override
    public PipelineRecord apply(String tenant, PipelineRecord envelope, Instant now, KeyedState<BudgetState> store) {
        LlmRequest request = envelope.getRequest();
        List<Budget> budgets = BudgetLedger.covering(config.budgets().budgets(), request.getTenant(), request.getDepartment(),
                request.getUseCase(), request.getEnvironment());
        BudgetState state = budgets.isEmpty() ? null : Optional.ofNullable(store.get(request.getTenant())).orElseGet(BudgetLedger::empty);
        Optional<Budget> soft = state == null ? Optional.empty() : BudgetLedger.pastSoftLimit(state, budgets, now);
        String classified = router.tier(envelope.getClassification());
        boolean downgrade = soft.isPresent() && !router.downgraded(classified).equals(classified);
        Optional<Route> route = router.route(envelope.getClassification(), envelope.getAllowedModels(), request.getModel(), request.getUseCase(), downgrade);
        if (route.isEmpty()) {
            return Envelopes.reject(envelope, RejectReason.NO_ROUTE, "no configured tier offers a model that policy allows", NAME, now);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Route chosen = avoidOpenBreakers(route.get(), attributes);
        attributes.put("tier", chosen.getTier());
        attributes.put("primary", chosen.getChain().get(0));
        attributes.put("chain", String.join(",", chosen.getChain()));
        if (downgrade) {
            attributes.put("downgradedFrom", classified);
            attributes.put("softLimitBudget", soft.get().id());
        }
        Optional<Route> escalation = router.escalation(chosen.getTier(), envelope.getAllowedModels());
        escalation.ifPresent(up -> attributes.put("escalationTier", up.getTier()));
        PipelineRecord.Builder builder = Envelopes.edit(envelope).setRoute(chosen).setEscalation(escalation.orElse(null)).setAttempt(0);
        if (state != null) {
            long inputTokens = estimator.estimate(envelope.getPrompt());
            long maxOutput = request.getParameters().getMaxOutputTokens();
            // the dearest model of the chain may answer, and, when validation doubts the answer, the dearest
            // of the escalation chain answers again: both are reserved
            long amount = dearest(chosen, inputTokens, maxOutput, now);
            if (escalation.isPresent()) {
                amount += dearest(escalation.get(), inputTokens, maxOutput, now);
            }
            Optional<BudgetLedger.Refusal> refusal = BudgetLedger.reserve(state, budgets, amount, now);
            if (refusal.isPresent()) {
                BudgetLedger.Refusal r = refusal.get();
                return Envelopes.reject(envelope, RejectReason.BUDGET_EXCEEDED, String.format(Locale.ROOT,
                        "budget '%s' (%s %s): spent %s + reserved %s + this request's estimate %s would pass the cap of %s %s",
                        r.budget().id(), r.budget().period().name().toLowerCase(Locale.ROOT), r.window(), money(r.spentMicros()), money(r.reservedMicros()),
                        money(r.requestedMicros()), money(r.budget().capMicros()), config.currency()), NAME, now);
            }
            List<String> windows = new ArrayList<>();
            budgets.forEach(b -> windows.add(BudgetLedger.windowKey(b, now)));
            store.put(request.getTenant(), state);
            builder.setReservation(new BudgetReservation(amount, inputTokens, windows));
            attributes.put("reservedMicros", Long.toString(amount));
            attributes.put("estimatedInputTokens", Long.toString(inputTokens));
            attributes.put("budgets", String.join(",", windows));
        }
        return Envelopes.audit(builder, NAME, "ROUTED", null, attributes, now).build();
    }

    private long dearest(Route route, long inputTokens, long maxOutput, Instant now) {
        long amount = 0;
        for (String model : route.getChain()) {
            amount = Math.max(amount, Prices.estimateMicros(prices.at(model, now).price(), inputTokens, maxOutput));
        }
        return amount;
    }

    /** Micro-units as a decimal amount: 1234567 is 1.234567. */
    static String money(long micros) {
        return java.math.BigDecimal.valueOf(micros, 6).toPlainString();
    }
}
