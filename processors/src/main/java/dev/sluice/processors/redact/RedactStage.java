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
    private final String keyId;
    private final byte[] key;

    /** @param keyId key that seals the placeholder mapping, or null to keep no mapping */
    public RedactStage(Redactor redactor, String keyId, byte[] key) {
        this.redactor = redactor;
        this.keyId = keyId;
        this.key = key == null ? null : key.clone();
    }

    public RedactStage(Redactor redactor) {
        this(redactor, null, null);
    }

    @Override
    public PipelineRecord apply(PipelineRecord envelope, Instant now) {
        LlmRequest request = envelope.getRequest();
        Redaction redaction = envelope.getClassification() == null
                ? redactor.redact(envelope.getPrompt(), request.getCountry())
                : redactor.redact(envelope.getPrompt(), PiiFinding.byMessage(envelope.getPrompt(), envelope.getFindings()), request.getCountry());
        LlmRequest stripped = new LlmRequest();
        for (int i = 0; i < stripped.getSchema().getFields().size(); i++) {
            stripped.put(i, request.get(i)); // shallow: only the two fields below change
        }
        stripped.setMessages(List.of());
        if (request.getTemplate() != null) {
            stripped.setTemplate(new TemplateRef(request.getTemplate().getId(), request.getTemplate().getVersion(), Map.of()));
        }
        PipelineRecord.Builder builder = Envelopes.edit(envelope);
        if (envelope.getClassification() != null && envelope.getClassification().getInjectionEvidence() != null) {
            builder.setClassification(dev.sluice.schemas.avro.Classification.newBuilder(envelope.getClassification())
                    .setInjectionEvidence(placed(envelope.getClassification().getInjectionEvidence(), redaction)).build());
        }
        builder.setRequest(stripped)
                .setPrompt(redaction.messages())
                .setFindings(List.of())
                .setVault(keyId == null || redaction.mapping().isEmpty() ? null
                        : Vault.seal(redaction.mapping(), request.getRequestId(), keyId, key))
                .setRedactions(redaction.replaced());
        return Envelopes.audit(builder, NAME, "REDACTED", null, Map.of(
                "replaced", Integer.toString(redaction.replaced()),
                "types", redaction.counts().toString()), now).build();
    }

    /**
     * The evidence with where each span lies in the message as redacted, for a person who sees only the redacted prompt (an
     * approver): the positions classify recorded are those of the prompt as sent, and a placeholder is not as long as the
     * value it replaces.
     */
    static dev.sluice.schemas.avro.InjectionEvidence placed(dev.sluice.schemas.avro.InjectionEvidence evidence, Redaction redaction) {
        int message = evidence.getMessage();
        if (message < 0 || message >= redaction.placed().size() || evidence.getSpans().isEmpty()) {
            return evidence;
        }
        List<dev.sluice.schemas.avro.EvidenceSpan> spans = new java.util.ArrayList<>(evidence.getSpans().size());
        for (dev.sluice.schemas.avro.EvidenceSpan span : evidence.getSpans()) {
            int[] at = redaction.redactedSpan(message, span.getStart(), span.getEnd());
            spans.add(dev.sluice.schemas.avro.EvidenceSpan.newBuilder(span).setRedactedStart(at[0]).setRedactedEnd(at[1]).build());
        }
        return dev.sluice.schemas.avro.InjectionEvidence.newBuilder(evidence).setSpans(spans).build();
    }
}
