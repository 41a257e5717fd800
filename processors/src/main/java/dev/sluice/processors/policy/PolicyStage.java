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

    public PolicyStage(PolicyEngine engine) {
        this.engine = engine;
    }

    @Override
    public PipelineRecord apply(PipelineRecord envelope, Instant now) {
        PolicyDecision decision = engine.decide(envelope.getRequest(), envelope.getClassification());
        if (decision instanceof PolicyDecision.Denied denied) {
            return Envelopes.reject(envelope, denied.reason(), denied.detail(), NAME, now);
        }
        var allowed = ((PolicyDecision.Allowed) decision).allowedModels();
        PipelineRecord.Builder builder = Envelopes.edit(envelope).setAllowedModels(allowed);
        return Envelopes.audit(builder, NAME, "ALLOWED", null, Map.of("allowedModels", String.join(",", allowed)), now).build();
    }
}
