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
    private final dev.sluice.processors.redact.Redactor outputScan;

    /** @param outputScan finds personal data and secrets in answers; null to skip the scan */
    public ValidateStage(OutputValidator validator, dev.sluice.processors.redact.Redactor outputScan) {
        this.validator = validator;
        this.outputScan = outputScan;
    }

    public ValidateStage(OutputValidator validator) {
        this(validator, null);
    }

    /**
     * Output scan: personal data or secrets in the answer that the prompt did not carry (the prompt's
     * own values went out as placeholders) are replaced by {@code <TYPE_OUT_n>} and flagged.
     */
    private PipelineRecord scan(PipelineRecord envelope, Instant now) {
        if (outputScan == null) {
            return envelope;
        }
        String answer = envelope.getInference().getContent();
        var findings = outputScan.detector().detect(answer, envelope.getRequest().getCountry());
        if (findings.isEmpty()) {
            return envelope;
        }
        var message = new dev.sluice.schemas.avro.ChatMessage(dev.sluice.schemas.avro.Role.ASSISTANT, answer, null, null);
        var redaction = outputScan.redact(java.util.List.of(message), java.util.List.of(findings), "OUT_", envelope.getRequest().getCountry());
        var inference = dev.sluice.schemas.avro.Inference.newBuilder(envelope.getInference())
                .setContent(redaction.messages().get(0).getContent()).build();
        PipelineRecord.Builder builder = Envelopes.edit(envelope).setInference(inference).setOutputRedactions(redaction.replaced());
        return Envelopes.audit(builder, NAME, "OUTPUT_REDACTED", "OUTPUT_PII", Map.of(
                "replaced", Integer.toString(redaction.replaced()),
                "types", redaction.counts().toString()), now).build();
    }

    @Override
    public PipelineRecord apply(PipelineRecord original, Instant now) {
        PipelineRecord envelope = scan(original, now);
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
