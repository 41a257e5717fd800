package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.LlmResult;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.Rejection;
import dev.sluice.schemas.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each stage seen through the whole topology on the test driver: what one stage decides shows as
 * its audit decision and, when it stops a request, as a rejection naming that stage. Poison pills
 * on the input topic are rejected and the next record still goes through.
 */
class StageTopologyTest {

    private static List<AuditEvent> trail(PipelineHarness h, String requestId) {
        return h.audit.readValuesToList().stream().filter(e -> requestId.equals(e.getRequestId())).toList();
    }

    @Test
    void admitShouldAuditTheAdmissionWithPrincipalAndPriority() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            h.send(PipelineHarness.request("a-1", "Summarise the refund ticket.").build());
            h.tick();
            AuditEvent admit = trail(h, "a-1").get(0);
            assertThat(admit.getStage()).isEqualTo("admit");
            assertThat(admit.getDecision()).isEqualTo("ADMITTED");
            assertThat(admit.getAttributes()).containsEntry("principal", "svc-batch").containsEntry("priority", "BATCH");
            assertThat(admit.getConfigVersion()).isEqualTo(h.config.version());
        }
    }

    @Test
    void classifyShouldRecordSensitivityDomainTierAndInjectionScore() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            h.send(PipelineHarness.request("c-1", "Card 4111 1111 1111 1111 paid invoice 7.").build());
            h.tick();
            AuditEvent classify = trail(h, "c-1").get(1);
            assertThat(classify.getStage()).isEqualTo("classify");
            assertThat(classify.getAttributes()).containsEntry("sensitivity", "RESTRICTED").containsEntry("domain", "finance")
                    .containsEntry("tier", "simple").containsKey("injectionScore");
            // recorded with two decimals; a benign payment line scores far below the policy threshold
            assertThat(classify.getAttributes().get("injectionScore")).matches("0\\.\\d\\d");
            assertThat(Double.parseDouble(classify.getAttributes().get("injectionScore"))).isLessThan(0.1);
        }
    }

    @Test
    void redactShouldCountReplacementsAndRouteRestrictedDataToInternalModels() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            h.send(PipelineHarness.request("r-1", "Card 4111 1111 1111 1111 paid invoice 7.").build());
            h.tick();
            List<AuditEvent> trail = trail(h, "r-1");
            assertThat(trail.get(2).getAttributes()).containsEntry("replaced", "1");
            assertThat(trail.get(3).getAttributes()).containsEntry("allowedModels", "llama-3.1-70b");
            assertThat(h.internal.calls).singleElement().satisfies(c ->
                    assertThat(c.messages().get(0).getContent()).isEqualTo("Card <CREDIT_CARD_1> paid invoice 7."));
            assertThat(h.openai.calls).isEmpty();
        }
    }

    @Test
    void policyAndRouteShouldRecordTheirDecisions() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            h.send(PipelineHarness.request("p-1", "Summarise the delivery complaint.").build());
            h.tick();
            List<AuditEvent> trail = trail(h, "p-1");
            assertThat(trail.get(3).getDecision()).isEqualTo("ALLOWED");
            assertThat(trail.get(4).getAttributes()).containsEntry("tier", "low-cost").containsEntry("primary", "gpt-4o-mini")
                    .containsEntry("chain", "gpt-4o-mini,gemini-flash,mistral-small,llama-3.1-70b");
        }
    }

    @Test
    void inferValidateAndCostShouldRecordTheAnswerAndItsPrice() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            h.send(PipelineHarness.request("i-1", "Summarise the delivery complaint.").build());
            h.tick();
            List<AuditEvent> trail = trail(h, "i-1");
            assertThat(trail.get(5).getAttributes()).containsEntry("model", "gpt-4o-mini").containsEntry("calls", "1");
            assertThat(trail.get(6).getDecision()).isEqualTo("VALID");
            assertThat(trail.get(7).getAttributes()).containsEntry("costMicros", "27").containsEntry("currency", "USD");
            assertThat(trail).extracting(AuditEvent::getSequence).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        }
    }

    @Test
    void shouldRejectPoisonPillsOnTheRequestsTopicAndGoOn() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            byte[] wrongSchema = AvroSerde.of(Rejection.class, h.registry).serialize("t", new Rejection("x", "acme", RejectReason.UNKNOWN,
                    "not a request", "admit", new dev.sluice.schemas.avro.SourceCoordinates("t", 0, 0L), PipelineHarness.START));
            h.requests.pipeInput("pill-garbage".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
            h.requests.pipeInput("pill-schema".getBytes(StandardCharsets.UTF_8), wrongSchema);
            h.requests.pipeInput("pill-big".getBytes(StandardCharsets.UTF_8), new byte[h.config.limits().maxRecordBytes() + 1]);
            h.requests.pipeInput("pill-empty".getBytes(StandardCharsets.UTF_8), (byte[]) null);
            h.send(PipelineHarness.request("after-pills", "Summarise the delivery complaint.").build());
            h.tick();

            List<Rejection> rejections = h.rejections.readValuesToList();
            assertThat(rejections).extracting(Rejection::getRequestId, Rejection::getReason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("pill-garbage", RejectReason.MALFORMED_RECORD),
                    org.assertj.core.groups.Tuple.tuple("pill-schema", RejectReason.MALFORMED_RECORD),
                    org.assertj.core.groups.Tuple.tuple("pill-big", RejectReason.RECORD_TOO_LARGE),
                    org.assertj.core.groups.Tuple.tuple("pill-empty", RejectReason.MALFORMED_RECORD));
            assertThat(rejections.get(1).getDetail()).contains("expected dev.sluice.schemas.avro.LlmRequest");
            assertThat(rejections).extracting(r -> r.getSource().getOffset()).containsExactly(0L, 1L, 2L, 3L);
            assertThat(h.results.readValuesToList()).extracting(LlmResult::getRequestId).containsExactly("after-pills");
        }
    }
}
