package dev.sluice.processors.redact;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.pipeline.Stage;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.TemplateRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Redact stage: replaces the prompt with its redacted form and drops the unredacted text carried in
 * the request (messages, template variables), so no later stage, store or changelog holds it.
 */
public final class RedactStage implements Stage {

    public static final String NAME = "redact";
    private final Redactor redactor;

    public RedactStage(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public PipelineRecord apply(PipelineRecord envelope, Instant now) {
        LlmRequest request = envelope.getRequest();
        Redaction redaction = redactor.redact(envelope.getPrompt(), request.getCountry());
        LlmRequest.Builder stripped = LlmRequest.newBuilder(request).setMessages(List.of());
        if (request.getTemplate() != null) {
            stripped.setTemplate(new TemplateRef(request.getTemplate().getId(), request.getTemplate().getVersion(), Map.of()));
        }
        PipelineRecord.Builder builder = PipelineRecord.newBuilder(envelope)
                .setRequest(stripped.build())
                .setPrompt(redaction.messages())
                .setRedactions(redaction.replaced());
        return Envelopes.audit(builder, NAME, "REDACTED", null, Map.of(
                "replaced", Integer.toString(redaction.replaced()),
                "types", redaction.counts().toString()), now).build();
    }
}
