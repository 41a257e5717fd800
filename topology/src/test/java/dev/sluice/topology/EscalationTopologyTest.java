package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.avro.LlmResult;
import dev.sluice.schemas.avro.Usage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A tier up when validation doubts the answer: gpt-4o-mini (low-cost) answers cut at the token limit,
 * the request is priced, then called again on the standard tier without gpt-4o-mini, where
 * gemini-flash answers. Both answers are billed, counted in the request's cost, its budget and the
 * aggregates of each model. Scripted usage: 100 input and 20 output tokens (27 micro-USD on
 * gpt-4o-mini, 80 on gemini-flash).
 */
class EscalationTopologyTest {

    private static final String SIMPLE = "Summarise the delivery complaint.";

    @Test
    void aTruncatedAnswerShouldBeAskedAgainOneTierUpAndBothBeBilled() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            h.openai.script = call -> new CallOutcome.Success("The complaint concerns a late deli", "length", new Usage(100L, 20L, 0L, 0L, 0L), 5L);
            h.send(PipelineHarness.request("e-1", SIMPLE).build());
            h.tick();
            h.tick();

            LlmResult result = h.results.readValuesToList().stream().filter(r -> r.getRequestId().equals("e-1")).findFirst().orElseThrow();
            assertThat(result.getModel()).isEqualTo("gemini-flash");
            assertThat(result.getCostMicros()).isEqualTo(27L + 80L);

            List<AuditEvent> trail = h.audit.readValuesToList().stream().filter(e -> "e-1".equals(e.getRequestId())).toList();
            assertThat(trail).extracting(e -> e.getStage() + ":" + e.getDecision()).containsSubsequence(
                    "route:ROUTED", "infer:COMPLETED", "validate:ESCALATING", "cost:PRICED", "route:ESCALATED", "infer:COMPLETED",
                    "validate:VALID", "cost:PRICED", "settle:SETTLED");
            AuditEvent escalating = trail.stream().filter(e -> e.getDecision().equals("ESCALATING")).findFirst().orElseThrow();
            assertThat(escalating.getReason()).isEqualTo("TRUNCATED");
            assertThat(escalating.getAttributes()).containsEntry("confidence", "0.4").containsEntry("model", "gpt-4o-mini").containsEntry("nextTier", "standard");
            AuditEvent escalated = trail.stream().filter(e -> e.getDecision().equals("ESCALATED")).findFirst().orElseThrow();
            assertThat(escalated.getAttributes()).containsEntry("chain", "gemini-flash,mistral-large,llama-3.1-70b").containsEntry("priorCostMicros", "27");
            AuditEvent settled = trail.get(trail.size() - 1);
            assertThat(settled.getAttributes()).containsEntry("costMicros", "107").containsEntry("overrunMicros", "0");

            Map<String, CostAggregate> costs = h.costs.readKeyValuesToMap();
            assertThat(costs.get("acme/finance/invoice-triage/gpt-4o-mini/2026-11-23").getCostMicros()).isEqualTo(27L);
            assertThat(costs.get("acme/finance/invoice-triage/gemini-flash/2026-11-23").getCostMicros()).isEqualTo(80L);
        }
    }

    @Test
    void anAnswerStillDoubtedAfterTheEscalationShouldBeReturnedWithItsConfidence() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            var truncated = new CallOutcome.Success("Cut", "length", new Usage(100L, 20L, 0L, 0L, 0L), 5L);
            h.openai.script = call -> truncated;
            h.gemini.script = call -> truncated;
            h.send(PipelineHarness.request("e-2", SIMPLE).build());
            h.tick();
            h.tick();
            assertThat(h.results.readValuesToList()).singleElement().satisfies(r -> {
                assertThat(r.getModel()).isEqualTo("gemini-flash");
                assertThat(r.getCostMicros()).isEqualTo(107L);
            });
            AuditEvent valid = h.audit.readValuesToList().stream().filter(e -> "VALID".equals(e.getDecision())).findFirst().orElseThrow();
            assertThat(valid.getReason()).isEqualTo("TRUNCATED");
            assertThat(valid.getAttributes()).containsEntry("confidence", "0.4");
        }
    }
}
