package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.ApprovalDecision;
import dev.sluice.schemas.avro.ApprovalRequest;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.RejectReason;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/**
 * The human approval path: legal requests wait for a person (policy.approvalDomains: [legal]); an
 * approval lets the request go on, a rejection ends it with the approver's name, and nobody deciding
 * within 30 minutes ends it as APPROVAL_EXPIRED. mistral-large, the primary model of legal requests,
 * is down, so an approved request also falls back.
 */
class ApprovalTopologyTest {

    /** Complex enough for the premium tier, where mistral-large (down) comes before the internal fallback. */
    private static final String LEGAL = "Analyse step by step and compare the indemnity clause of the contract with our supplier, then assess the trade-offs.";

    private static PipelineHarness harness() throws Exception {
        return new PipelineHarness(Set.of("mistral-large"),
                RawTextPolicyTest.withPolicy("  approvalDomains: [legal]\n  approvalExpiryMinutes: 30"));
    }

    private static TestInputTopic<String, ApprovalDecision> decisions(PipelineHarness h) {
        return h.driver.createInputTopic(h.topics.approvalDecisions().name(), Serdes.String().serializer(), h.topics.approvalDecisions().valueSerde().serializer());
    }

    private static TestOutputTopic<String, ApprovalRequest> pending(PipelineHarness h) {
        return h.driver.createOutputTopic(h.topics.approvalsPending().name(), Serdes.String().deserializer(), h.topics.approvalsPending().valueSerde().deserializer());
    }

    @Test
    void anApprovedRequestShouldGoOnAndItsTrailShowEveryStepInOrder() throws Exception {
        try (PipelineHarness h = harness()) {
            var pending = pending(h);
            h.send(PipelineHarness.request("l-1", LEGAL).build());
            h.tick();
            assertThat(h.results.isEmpty()).as("nothing is called before approval").isTrue();
            assertThat(pending.readValuesToList()).singleElement().satisfies(p -> {
                assertThat(p.getRequestId()).isEqualTo("l-1");
                assertThat(p.getDomain()).isEqualTo("legal");
                assertThat(p.getWhy()).isEqualTo("policy.approvalDomains includes legal");
                assertThat(p.getExpiresAt()).isEqualTo(p.getRequestedAt().plus(Duration.ofMinutes(30)));
            });

            decisions(h).pipeInput("l-1", new ApprovalDecision("l-1", true, "alice@acme.example", "standard supplier terms", h.clock.instant()));
            for (int i = 0; i < 10 && h.results.isEmpty(); i++) {
                h.tick();
            }
            assertThat(h.results.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getModel()).isEqualTo("llama-3.1-70b"));
            List<AuditEvent> trail = h.audit.readValuesToList().stream().filter(e -> "l-1".equals(e.getRequestId())).toList();
            assertThat(trail).extracting(e -> e.getStage() + ":" + e.getDecision()).containsSubsequence(
                    "admit:ADMITTED", "classify:CLASSIFIED", "redact:REDACTED", "policy:ALLOWED", "approval:AWAITING_APPROVAL", "approval:APPROVED",
                    "route:ROUTED", "infer:FALLBACK", "infer:COMPLETED", "validate:VALID", "cost:PRICED", "settle:SETTLED");
            assertThat(trail).extracting(AuditEvent::getSequence).isSorted();
            assertThat(trail.stream().filter(e -> e.getDecision().equals("APPROVED")).findFirst().orElseThrow().getAttributes())
                    .containsEntry("approver", "alice@acme.example").containsEntry("reason", "standard supplier terms");
        }
    }

    @Test
    void aRejectedRequestShouldEndWithTheApproversNameAndALateDecisionChangeNothing() throws Exception {
        try (PipelineHarness h = harness()) {
            h.send(PipelineHarness.request("l-2", LEGAL).build());
            decisions(h).pipeInput("l-2", new ApprovalDecision("l-2", false, "bob@acme.example", "needs counsel first", h.clock.instant()));
            assertThat(h.rejections.readValuesToList()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.APPROVAL_REJECTED);
                assertThat(r.getDetail()).isEqualTo("rejected by bob@acme.example: needs counsel first");
            });
            decisions(h).pipeInput("l-2", new ApprovalDecision("l-2", true, "mallory@acme.example", null, h.clock.instant()));
            decisions(h).pipeInput("nobody", new ApprovalDecision("nobody", true, "mallory@acme.example", null, h.clock.instant()));
            h.tick();
            assertThat(h.results.isEmpty()).isTrue();
            assertThat(h.rejections.isEmpty()).isTrue();
        }
    }

    @Test
    void aRequestNobodyDecidesOnShouldExpire() throws Exception {
        try (PipelineHarness h = harness()) {
            h.send(PipelineHarness.request("l-3", LEGAL).build());
            h.send(PipelineHarness.request("f-3", "Reconcile the invoice against the ledger.").build());
            h.tick();
            assertThat(h.results.readValuesToList()).extracting(r -> r.getRequestId()).containsExactly("f-3");
            h.clock.advance(Duration.ofMinutes(30));
            h.tick();
            assertThat(h.rejections.readValuesToList()).singleElement().satisfies(r -> {
                assertThat(r.getRequestId()).isEqualTo("l-3");
                assertThat(r.getReason()).isEqualTo(RejectReason.APPROVAL_EXPIRED);
                assertThat(r.getDetail()).contains("nobody approved or rejected the request before");
            });
        }
    }
}
