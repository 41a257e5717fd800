package dev.sluice.processors.config;

import dev.sluice.processors.config.GatewayConfig.PolicyRules;
import dev.sluice.schemas.avro.PolicyVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The policy versions this instance knows: the gateway configuration's policy, and the versions of
 * the policies control topic, reloaded while running. The version with the latest effectiveFrom not
 * after a decision's time makes it, and the decision cites it. Thread-safe.
 */
public final class PolicyBook implements dev.sluice.processors.pipeline.ControlBook<PolicyVersion> {

    /** A policy and the version it is. */
    public record Versioned(String version, PolicyRules rules) {
    }

    private final GatewayConfig config;
    private final Versioned configured;
    private final ConcurrentNavigableMap<Instant, Versioned> byStart = new ConcurrentSkipListMap<>();
    private final Map<String, Instant> starts = new ConcurrentHashMap<>();

    public PolicyBook(GatewayConfig config) {
        this.config = config;
        this.configured = new Versioned("config-" + config.version(), config.policy());
    }

    /** The policy in force at {@code when}. */
    public Versioned at(Instant when) {
        Map.Entry<Instant, Versioned> entry = byStart.floorEntry(when);
        return entry == null ? configured : entry.getValue();
    }

    /**
     * Adds or replaces a version.
     *
     * @return why it was refused (a model the gateway does not know, a threshold out of range), or null
     */
    @Override
    public synchronized String put(PolicyVersion version) {
        PolicyRules rules;
        try {
            rules = rules(version);
            for (List<String> models : rules.modelsByDomain().values()) {
                for (String model : models) {
                    if (config.model(model).isEmpty()) {
                        return "policy " + version.getVersion() + " names unknown model '" + model + "'";
                    }
                }
            }
            for (List<String> models : rules.modelsByCountry().values()) {
                for (String model : models) {
                    if (config.model(model).isEmpty()) {
                        return "policy " + version.getVersion() + " names unknown model '" + model + "'";
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return "policy " + version.getVersion() + ": " + e.getMessage();
        }
        Instant previous = starts.remove(version.getVersion());
        if (previous != null) {
            byStart.remove(previous);
        }
        byStart.put(version.getEffectiveFrom(), new Versioned(version.getVersion(), rules));
        starts.put(version.getVersion(), version.getEffectiveFrom());
        return null;
    }

    @Override
    public synchronized void remove(String version) {
        Instant start = starts.remove(version);
        if (start != null) {
            byStart.remove(start);
        }
    }

    static PolicyRules rules(PolicyVersion v) {
        return new PolicyRules(new LinkedHashMap<>(v.getModelsByDomain()), new LinkedHashMap<>(v.getModelsByCountry()), v.getBlockedCountries(),
                v.getInjectionThreshold(), v.getRestrictedNeedsInternal(), v.getRawTextForInternalDomains(), v.getApprovalDomains(), v.getApprovalUseCases(),
                Duration.ofMinutes(v.getApprovalExpiryMinutes()),
                v.getInjectionReviewThreshold() == null ? v.getInjectionThreshold() : v.getInjectionReviewThreshold(),
                v.getAnswerLeaks() == null ? PolicyRules.WITHHOLD : v.getAnswerLeaks());
    }
}
