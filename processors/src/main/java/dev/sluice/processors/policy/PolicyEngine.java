package dev.sluice.processors.policy;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.Hosting;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.config.GatewayConfig.PolicyRules;
import dev.sluice.schemas.avro.Classification;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.Sensitivity;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The policy stage's core. Rules apply in a fixed order and the first that leaves nothing decides
 * the reason: injection score, a topic the request's instructions rule out, blocked country, domain allow-list, country allow-list, data
 * residency (the model must be hosted in the request's region), and restricted data only on
 * internal models. A model the caller asked for must survive every rule.
 */
public final class PolicyEngine {

    private final GatewayConfig config;

    public PolicyEngine(GatewayConfig config) {
        this.config = config;
    }

    public PolicyDecision decide(LlmRequest request, Classification classification) {
        return decide(request, classification, config.policy());
    }

    /** The decision under {@code rules} (the policy version in force). */
    public PolicyDecision decide(LlmRequest request, Classification classification, PolicyRules rules) {
        if (classification.getInjectionScore() >= rules.injectionThreshold()) {
            String evidence = dev.sluice.processors.pipeline.Evidence.describe(classification.getInjectionEvidence());
            return new PolicyDecision.Denied(RejectReason.PROMPT_INJECTION, String.format(Locale.ROOT,
                    "prompt-injection score %.2f is at or above the threshold %.2f", classification.getInjectionScore(), rules.injectionThreshold())
                    + (evidence.isEmpty() ? "" : "; " + evidence));
        }
        if (classification.getRestrictedTopic() != null) {
            return new PolicyDecision.Denied(RejectReason.TOPIC_NOT_ALLOWED, "the prompt asks about '" + classification.getRestrictedTopic()
                    + "', which the request's own instructions rule out");
        }
        String country = request.getCountry();
        if (rules.blockedCountries().contains(country)) {
            return new PolicyDecision.Denied(RejectReason.COUNTRY_NOT_ALLOWED, "requests from country " + country + " are not allowed");
        }
        List<ModelSpec> candidates = List.copyOf(config.models().values()).stream()
                .sorted(java.util.Comparator.comparing(ModelSpec::id)).toList();

        List<String> domainModels = rules.modelsByDomain().get(classification.getDomain());
        candidates = narrow(candidates, domainModels == null ? m -> true : m -> domainModels.contains(m.id()));
        String requested = request.getModel();
        if (requested != null && candidates.stream().noneMatch(m -> m.id().equals(requested))) {
            return new PolicyDecision.Denied(RejectReason.MODEL_NOT_ALLOWED, "model '" + requested + "' is not allowed for domain '"
                    + classification.getDomain() + "'");
        }
        List<String> countryModels = rules.modelsByCountry().get(country);
        candidates = narrow(candidates, countryModels == null ? m -> true : m -> countryModels.contains(m.id()));
        if (requested != null && candidates.stream().noneMatch(m -> m.id().equals(requested))) {
            return new PolicyDecision.Denied(RejectReason.MODEL_NOT_ALLOWED, "model '" + requested + "' is not allowed for country " + country);
        }
        if (candidates.isEmpty()) {
            return new PolicyDecision.Denied(RejectReason.MODEL_NOT_ALLOWED, "no model is allowed for domain '" + classification.getDomain()
                    + "' and country " + country);
        }
        String region = request.getRegion();
        if (region != null) {
            candidates = narrow(candidates, m -> m.regions().contains(region));
            if (candidates.isEmpty() || (requested != null && candidates.stream().noneMatch(m -> m.id().equals(requested)))) {
                return new PolicyDecision.Denied(RejectReason.DATA_RESIDENCY, "no allowed " + (requested == null ? "model" : "model '" + requested + "'")
                        + " is hosted in region " + region);
            }
        }
        if (rules.restrictedNeedsInternal() && classification.getSensitivity() == Sensitivity.RESTRICTED) {
            candidates = narrow(candidates, m -> m.hosting() == Hosting.INTERNAL);
            if (candidates.isEmpty() || (requested != null && candidates.stream().noneMatch(m -> m.id().equals(requested)))) {
                return new PolicyDecision.Denied(RejectReason.MODEL_NOT_ALLOWED, "RESTRICTED data may only go to internal models and "
                        + (requested == null ? "none is allowed" : "'" + requested + "' is external"));
            }
        }
        return new PolicyDecision.Allowed(candidates.stream().map(ModelSpec::id).toList());
    }

    private static List<ModelSpec> narrow(List<ModelSpec> models, Predicate<ModelSpec> keep) {
        return models.stream().filter(keep).toList();
    }
}
