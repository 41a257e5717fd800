package dev.sluice.processors.approval;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.schemas.avro.ApprovalDecision;
import dev.sluice.schemas.avro.ApprovalRequest;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The human approval path's decisions (DESIGN.md, "approval wait"): a request the policy names waits,
 * a person approves or rejects it by name, and one nobody decides on expires with a clear outcome.
 * Each step is audited with who decided.
 */
public final class Approvals {

    public static final String NAME = "approval";

    private Approvals() {
    }

    /** The request, marked as waiting until {@code now + expiry}, audited with the rule that asked for approval. */
    public static PipelineRecord waiting(PipelineRecord envelope, String rule, Duration expiry, Instant now) {
        Instant expires = now.plus(expiry);
        var builder = Envelopes.edit(envelope).setAwaitingApproval(true).setApprovalExpiresAt(expires);
        return Envelopes.audit(builder, NAME, "AWAITING_APPROVAL", null, Map.of("rule", rule, "expiresAt", expires.toString()), now).build();
    }

    /**
     * What an approver sees: who asks, why it needs approval, and the redacted prompt.
     *
     * @param injectionReview whether it waits because its injection score is in the review band (then the approver is told
     *                        what made the score)
     */
    public static ApprovalRequest request(PipelineRecord envelope, String rule, boolean injectionReview) {
        var request = envelope.getRequest();
        String evidence = dev.sluice.processors.pipeline.Evidence.describe(envelope.getClassification().getInjectionEvidence(),
                dev.sluice.processors.pipeline.Evidence.Positions.REDACTED);
        if (injectionReview && !evidence.isEmpty()) {
            // what made the score, so the approver knows what to look for, with where it lies in the prompt as the approver
            // sees it: redacted (the redact stage placed the spans there)
            rule = rule + "; " + evidence;
        }
        String prompt = envelope.getPrompt().stream().map(m -> m.getRole() + ": " + m.getContent()).collect(Collectors.joining("\n"));
        Instant requestedAt = envelope.getAudit().get(envelope.getAudit().size() - 1).getTimestamp();
        return new ApprovalRequest(request.getRequestId(), request.getTenant(), request.getDepartment(), request.getUseCase(), request.getPrincipal(),
                envelope.getClassification().getDomain(), envelope.getClassification().getSensitivity().name(), rule, prompt, requestedAt,
                envelope.getApprovalExpiresAt());
    }

    /** The person's decision: the request goes on, or ends rejected with their name and reason. */
    public static PipelineRecord decided(PipelineRecord envelope, ApprovalDecision decision, Instant now) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("approver", decision.getApprover());
        if (decision.getReason() != null) {
            attributes.put("reason", decision.getReason());
        }
        attributes.put("decidedAt", decision.getDecidedAt().toString());
        var builder = Envelopes.edit(envelope).setAwaitingApproval(false).setApprovalExpiresAt(null);
        if (decision.getApproved()) {
            return Envelopes.audit(builder, NAME, "APPROVED", null, attributes, now).build();
        }
        PipelineRecord audited = Envelopes.audit(builder, NAME, "REJECTED_BY_APPROVER", null, attributes, now).build();
        return Envelopes.reject(audited, RejectReason.APPROVAL_REJECTED, "rejected by " + decision.getApprover()
                + (decision.getReason() == null ? "" : ": " + decision.getReason()), NAME, now);
    }

    /** Nobody decided in time. */
    public static PipelineRecord expired(PipelineRecord envelope, Instant now) {
        var builder = Envelopes.edit(envelope).setAwaitingApproval(false);
        return Envelopes.reject(builder.build(), RejectReason.APPROVAL_EXPIRED, "nobody approved or rejected the request before "
                + envelope.getApprovalExpiresAt() + "; submit it again to ask anew", NAME, now);
    }
}
