package dev.sluice.processors.pipeline;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers every stage uses to record decisions on the envelope. */
public final class Envelopes {

    private Envelopes() {
    }

    /** The key outcomes are published under: the request id, or the source coordinates when there is none. */
    public static String outcomeKey(PipelineRecord envelope) {
        if (envelope.getRequest() != null) {
            return envelope.getRequest().getRequestId();
        }
        if (envelope.getRejection() != null && envelope.getRejection().getRequestId() != null) {
            return envelope.getRejection().getRequestId();
        }
        var s = envelope.getSource();
        return s.getTopic() + "/" + s.getPartition() + "/" + s.getOffset();
    }

    /**
     * A builder holding the envelope's fields as they are. Unlike {@code PipelineRecord.newBuilder(e)},
     * which deep-copies every field (the most expensive step of a stage once profiled), it shares
     * them: envelopes are never mutated, each stage sets new values on the builder.
     */
    public static PipelineRecord.Builder edit(PipelineRecord e) {
        return PipelineRecord.newBuilder()
                .setRequest(e.getRequest())
                .setSource(e.getSource())
                .setReceivedAt(e.getReceivedAt())
                .setConfigVersion(e.getConfigVersion())
                .setPrompt(e.getPrompt())
                .setClassification(e.getClassification())
                .setFindings(e.getFindings())
                .setRedactions(e.getRedactions())
                .setVault(e.getVault())
                .setOutputRedactions(e.getOutputRedactions())
                .setAllowedModels(e.getAllowedModels())
                .setRoute(e.getRoute())
                .setAwaitingApproval(e.getAwaitingApproval())
                .setApprovalExpiresAt(e.getApprovalExpiresAt())
                .setEscalation(e.getEscalation())
                .setEscalate(e.getEscalate())
                .setPriorCosts(e.getPriorCosts())
                .setReservation(e.getReservation())
                .setAttempt(e.getAttempt())
                .setCalls(e.getCalls())
                .setRetries(e.getRetries())
                .setNotBefore(e.getNotBefore())
                .setBatchJob(e.getBatchJob())
                .setErrors(e.getErrors())
                .setInference(e.getInference())
                .setCost(e.getCost())
                .setAudit(e.getAudit())
                .setRejection(e.getRejection());
    }

    /** Everything the request was billed: the answers escalated past and its last one. */
    public static long totalCostMicros(PipelineRecord envelope) {
        long total = envelope.getCost() == null ? 0 : envelope.getCost().getCostMicros();
        for (var prior : envelope.getPriorCosts()) {
            total += prior.getCostMicros();
        }
        return total;
    }

    /** Appends one audit event to the builder's trail. */
    public static PipelineRecord.Builder audit(PipelineRecord.Builder builder, String stage, String decision, String reason,
                                               Map<String, String> attributes, Instant now) {
        List<AuditEvent> trail = new ArrayList<>(builder.hasAudit() ? builder.getAudit() : List.of());
        String requestId = builder.getRequest() != null ? builder.getRequest().getRequestId()
                : builder.getRejection() != null ? builder.getRejection().getRequestId() : null;
        String tenant = builder.getRequest() != null ? builder.getRequest().getTenant()
                : builder.getRejection() != null ? builder.getRejection().getTenant() : null;
        var s = builder.getSource();
        String subject = requestId != null ? requestId : s.getTopic() + "/" + s.getPartition() + "/" + s.getOffset();
        trail.add(AuditEvent.newBuilder()
                .setEventId(subject + "#" + trail.size())
                .setRequestId(requestId)
                .setTenant(tenant)
                .setSequence(trail.size())
                .setStage(stage)
                .setDecision(decision)
                .setReason(reason)
                .setAttributes(attributes)
                .setConfigVersion(builder.getConfigVersion())
                .setSource(s)
                .setTimestamp(now)
                .build());
        return builder.setAudit(trail);
    }

    /** A copy of the envelope that ends here with a rejection, audited. */
    public static PipelineRecord reject(PipelineRecord envelope, RejectReason reason, String detail, String stage, Instant now) {
        PipelineRecord.Builder builder = edit(envelope);
        String requestId = envelope.getRequest() != null ? envelope.getRequest().getRequestId() : null;
        String tenant = envelope.getRequest() != null ? envelope.getRequest().getTenant() : null;
        builder.setRejection(new Rejection(requestId, tenant, reason, detail, stage, envelope.getSource(), now));
        return audit(builder, stage, "REJECTED", reason.name(), Map.of("detail", detail), now).build();
    }
}
