package dev.sluice.processors.validate;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.pipeline.Stage;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Validate stage: when the request carries a response schema, the answer must satisfy it. */
public final class ValidateStage implements Stage {

    public static final String NAME = "validate";
    private final OutputValidator validator;

    public ValidateStage(OutputValidator validator) {
        this.validator = validator;
    }

    @Override
    public PipelineRecord apply(PipelineRecord envelope, Instant now) {
        String schema = envelope.getRequest().getResponseSchema();
        if (schema == null) {
            return Envelopes.audit(Envelopes.edit(envelope), NAME, "VALID", null, Map.of("check", "none requested"), now).build();
        }
        Optional<String> violations = validator.violations(envelope.getInference().getContent(), schema);
        if (violations.isPresent()) {
            return Envelopes.reject(envelope, RejectReason.OUTPUT_SCHEMA_INVALID, violations.get(), NAME, now);
        }
        return Envelopes.audit(Envelopes.edit(envelope), NAME, "VALID", null, Map.of("check", "json-schema"), now).build();
    }
}
