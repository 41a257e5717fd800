package dev.sluice.processors.route;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.schemas.avro.CostRecord;
import dev.sluice.schemas.avro.PipelineRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request whose answer validation doubted, sent back to infer on its escalation chain: the priced
 * answer is kept among the request's prior costs (it was billed), and the request starts over on the
 * next tier's chain without the model that gave that answer, once (route reserved for both).
 */
public final class Escalation {

    private Escalation() {
    }

    public static PipelineRecord next(PipelineRecord envelope, Instant now) {
        List<CostRecord> prior = new ArrayList<>(envelope.getPriorCosts());
        if (envelope.getCost() != null) {
            prior.add(envelope.getCost());
        }
        // the model that gave the doubtful answer is not asked again
        String doubted = envelope.getInference() == null ? null : envelope.getInference().getModel();
        var next = new dev.sluice.schemas.avro.Route(envelope.getEscalation().getTier(),
                envelope.getEscalation().getChain().stream().filter(m -> !m.equals(doubted)).toList());
        var builder = Envelopes.edit(envelope)
                .setPriorCosts(prior)
                .setCost(null)
                .setInference(null)
                .setEscalate(false)
                .setRoute(next)
                .setEscalation(null)
                .setAttempt(0)
                .setRetries(0)
                .setNotBefore(null)
                .setBatchJob(null);
        return Envelopes.audit(builder, RouteStage.NAME, "ESCALATED", null, Map.of(
                "tier", next.getTier(),
                "chain", String.join(",", next.getChain()),
                "priorCostMicros", Long.toString(prior.stream().mapToLong(CostRecord::getCostMicros).sum())), now).build();
    }

}
