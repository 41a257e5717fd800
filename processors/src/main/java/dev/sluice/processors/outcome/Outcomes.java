package dev.sluice.processors.outcome;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.schemas.avro.Inference;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.LlmResult;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.Rejection;
import java.time.Instant;

/** Turns a finished envelope into its one terminal outcome. */
public final class Outcomes {

    private Outcomes() {
    }

    public static boolean isRejected(PipelineRecord envelope) {
        return envelope.getRejection() != null;
    }

    public static Rejection rejection(PipelineRecord envelope) {
        return envelope.getRejection();
    }

    public static LlmResult result(PipelineRecord envelope, Instant now) {
        LlmRequest request = envelope.getRequest();
        Inference inference = envelope.getInference();
        var classification = envelope.getClassification();
        var chain = envelope.getRoute().getChain();
        return LlmResult.newBuilder()
                .setRequestId(request.getRequestId())
                .setTenant(request.getTenant())
                .setDepartment(request.getDepartment())
                .setUseCase(request.getUseCase())
                .setModel(inference.getModel())
                .setProvider(inference.getProvider())
                .setContent(inference.getContent())
                .setFinishReason(inference.getFinishReason())
                .setUsage(inference.getUsage())
                .setCostMicros(Envelopes.totalCostMicros(envelope))
                .setCurrency(envelope.getCost() == null ? "USD" : envelope.getCost().getCurrency())
                .setAttempts(envelope.getCalls())
                .setFallbackUsed(!chain.isEmpty() && !chain.get(0).equals(inference.getModel()))
                .setSensitivity(classification.getSensitivity())
                .setDomain(classification.getDomain())
                .setTier(envelope.getRoute().getTier())
                .setRedactions(envelope.getRedactions())
                .setMetadata(request.getMetadata())
                .setSource(envelope.getSource())
                .setLatencyMs(inference.getLatencyMs())
                .setCompletedAt(now)
                .setRedactionVault(envelope.getVault())
                .setOutputRedactions(envelope.getOutputRedactions())
                .setInjectionScore(classification.getInjectionScore())
                .setInjectionEvidence(classification.getInjectionEvidence())
                .build();
    }
}
