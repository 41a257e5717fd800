package dev.sluice.processors.cost;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.pipeline.Stage;
import dev.sluice.schemas.avro.CostRecord;
import dev.sluice.schemas.avro.Inference;
import dev.sluice.schemas.avro.PipelineRecord;
import java.time.Instant;
import java.util.Map;

/**
 * Cost stage: prices the answering call's usage. It runs after validate and also prices requests
 * that validation rejected, because the provider billed them all the same; only requests that
 * never got an answer cost nothing.
 */
public final class CostStage implements Stage {

    public static final String NAME = "cost";
    private final GatewayConfig config;

    public CostStage(GatewayConfig config) {
        this.config = config;
    }

    /** Prices the envelope if it carries an answer; returns it unchanged otherwise. */
    @Override
    public PipelineRecord apply(PipelineRecord envelope, Instant now) {
        Inference inference = envelope.getInference();
        if (inference == null || envelope.getCost() != null) {
            return envelope;
        }
        ModelSpec model = config.model(inference.getModel())
                .orElseThrow(() -> new IllegalStateException("answered by unconfigured model " + inference.getModel()));
        var request = envelope.getRequest();
        int discount = inference.getViaBatchApi() ? model.batchDiscountPercent() : 0;
        CostRecord cost = CostRecord.newBuilder()
                .setRequestId(request.getRequestId())
                .setTenant(request.getTenant())
                .setDepartment(request.getDepartment())
                .setUseCase(request.getUseCase())
                .setModel(model.id())
                .setUsage(inference.getUsage())
                .setCostMicros(Pricer.costMicros(model, inference.getUsage(), discount))
                .setBatchDiscountPercent(discount)
                .setCurrency(config.currency())
                .setPriceVersion(config.version())
                .setTimestamp(now)
                .build();
        PipelineRecord.Builder builder = Envelopes.edit(envelope).setCost(cost);
        var template = request.getTemplate();
        return Envelopes.audit(builder, NAME, "PRICED", null, Map.of(
                "model", model.id(),
                "inputTokens", Long.toString(inference.getUsage().getInputTokens()),
                "outputTokens", Long.toString(inference.getUsage().getOutputTokens()),
                "costMicros", Long.toString(cost.getCostMicros()),
                "currency", cost.getCurrency(),
                "department", request.getDepartment(),
                "useCase", request.getUseCase(),
                "template", template == null ? "" : template.getId() + "@" + (template.getVersion() == null ? "latest" : template.getVersion())), now).build();
    }
}
