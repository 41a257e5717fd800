package dev.sluice.processors.policy;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.pipeline.Stage;
import dev.sluice.schemas.avro.PipelineRecord;
import java.time.Instant;
import java.util.Map;

/** Policy stage: records the allowed models or rejects the request with the rule that denied it. */
public final class PolicyStage implements Stage {

    public static final String NAME = "policy";
    private final PolicyEngine engine;
    private final dev.sluice.processors.config.PolicyBook policies;

    public PolicyStage(PolicyEngine engine) {
        this(engine, null);
    }

    /** @param policies the policy versions in force; null for the gateway configuration's policy */
    public PolicyStage(PolicyEngine engine, dev.sluice.processors.config.PolicyBook policies) {
        this.engine = engine;
        this.policies = policies;
    }

    @Override
    public PipelineRecord apply(PipelineRecord envelope, Instant now) {
        var policy = policies == null ? null : policies.at(now);
        PolicyDecision decision = policy == null ? engine.decide(envelope.getRequest(), envelope.getClassification())
                : engine.decide(envelope.getRequest(), envelope.getClassification(), policy.rules());
        String version = policy == null ? envelope.getConfigVersion() : policy.version();
        if (decision instanceof PolicyDecision.Denied denied) {
            return Envelopes.reject(envelope, denied.reason(), denied.detail() + " (policy " + version + ")", NAME, now);
        }
        var allowed = ((PolicyDecision.Allowed) decision).allowedModels();
        PipelineRecord.Builder builder = Envelopes.edit(envelope).setAllowedModels(allowed);
        return Envelopes.audit(builder, NAME, "ALLOWED", null, Map.of("allowedModels", String.join(",", allowed), "policyVersion", version), now).build();
    }
}
