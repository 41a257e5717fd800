package dev.sluice.processors.route;

import dev.sluice.processors.config.GatewayConfig.RoutingRules;
import dev.sluice.schemas.avro.Classification;
import dev.sluice.schemas.avro.Route;
import dev.sluice.schemas.avro.Sensitivity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The route stage's core: from complexity tier and sensitivity to a model tier, then to a chain of
 * models, primary first. The chain is the use case's configured chain when it has one, otherwise the
 * tier's models and then the configured fallback tiers' models; each model is kept only if policy
 * allows it (RESTRICTED data keeps its internal tier); a model the caller asked for goes first.
 * Empty means no route.
 */
public final class Router {

    private final RoutingRules rules;
    private final Map<String, String> downgrade;

    public Router(RoutingRules rules) {
        this(rules, Map.of());
    }

    /** @param downgrade the tier to use instead of a tier when a budget is past its soft limit */
    public Router(RoutingRules rules, Map<String, String> downgrade) {
        this.rules = rules;
        this.downgrade = Map.copyOf(downgrade);
    }

    /**
     * The chain a request routed on {@code tier} is called again on when validation doubts its answer:
     * the configured escalation tier's models that policy allows, then the fallback tiers'. Empty when
     * the tier has no escalation (the top tier, the internal tier, a use case's own chain).
     */
    public Optional<Route> escalation(String tier, List<String> allowedModels) {
        String up = rules.escalation().get(tier);
        if (up == null || rules.escalateBelowConfidence() <= 0) {
            return Optional.empty();
        }
        Set<String> chain = new LinkedHashSet<>();
        List<String> tiers = new ArrayList<>();
        tiers.add(up);
        tiers.addAll(rules.fallbackTiers());
        for (String t : tiers) {
            rules.tiers().getOrDefault(t, List.of()).stream().filter(allowedModels::contains).forEach(chain::add);
        }
        return chain.isEmpty() ? Optional.empty() : Optional.of(new Route(up, List.copyOf(chain)));
    }

    /** The tier classification and sensitivity give, before any budget downgrade. */
    public String tier(Classification classification) {
        return classification.getSensitivity() == Sensitivity.RESTRICTED && rules.restrictedTier() != null
                ? rules.restrictedTier()
                : rules.tierByComplexity().getOrDefault(classification.getTier(), classification.getTier());
    }

    /** The tier a budget past its soft limit sends requests of {@code tier} to (the same when none is configured). */
    public String downgraded(String tier) {
        return downgrade.getOrDefault(tier, tier);
    }

    public Optional<Route> route(Classification classification, List<String> allowedModels, String requestedModel) {
        return route(classification, allowedModels, requestedModel, null);
    }

    /** As above; a use case with a configured chain uses that chain (still filtered by policy) instead of the tiers. */
    public Optional<Route> route(Classification classification, List<String> allowedModels, String requestedModel, String useCase) {
        return route(classification, allowedModels, requestedModel, useCase, false);
    }

    /**
     * @param downgrade a budget is past its soft limit: the tier is replaced by its configured
     *                  downgrade, and a use case's own chain is not used (it is a premium choice)
     */
    public Optional<Route> route(Classification classification, List<String> allowedModels, String requestedModel, String useCase, boolean downgrade) {
        String tier = downgrade ? downgraded(tier(classification)) : tier(classification);
        Set<String> chain = new LinkedHashSet<>();
        if (requestedModel != null && allowedModels.contains(requestedModel)) {
            chain.add(requestedModel);
        }
        List<String> useCaseChain = useCase == null ? null : rules.chainsByUseCase().get(useCase);
        if (useCaseChain != null && !downgrade && tier.equals(rules.tierByComplexity().getOrDefault(classification.getTier(), classification.getTier()))) {
            useCaseChain.stream().filter(allowedModels::contains).forEach(chain::add);
            return chain.isEmpty() ? Optional.empty() : Optional.of(new Route("use-case:" + useCase, List.copyOf(chain)));
        }
        List<String> tiers = new ArrayList<>();
        tiers.add(tier);
        tiers.addAll(rules.fallbackTiers());
        for (String t : tiers) {
            for (String model : rules.tiers().getOrDefault(t, List.of())) {
                if (allowedModels.contains(model)) {
                    chain.add(model);
                }
            }
        }
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Route(tier, List.copyOf(chain)));
    }
}
