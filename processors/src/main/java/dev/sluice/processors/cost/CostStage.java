package dev.sluice.processors.cost;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.price.PriceBook;
import dev.sluice.processors.price.Prices;
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
    private final PriceBook prices;

    public CostStage(GatewayConfig config) {
        this(config, new PriceBook(config));
    }

    /** @param prices the price table versions in force: the one at the answer's time prices it, and is recorded */
    public CostStage(GatewayConfig config, PriceBook prices) {
        this.config = config;
        this.prices = prices;
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
        PriceBook.Priced priced = prices.at(model.id(), now);
        int discount = inference.getViaBatchApi() ? priced.price().getBatchDiscountPercent() : 0;
        CostRecord cost = CostRecord.newBuilder()
                .setRequestId(request.getRequestId())
                .setTenant(request.getTenant())
                .setDepartment(request.getDepartment())
                .setUseCase(request.getUseCase())
                .setModel(model.id())
                .setUsage(inference.getUsage())
                .setCostMicros(Prices.costMicros(priced.price(), inference.getUsage(), discount))
                .setBatchDiscountPercent(discount)
                .setCurrency(config.currency())
                .setPriceVersion(priced.version())
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
                "priceVersion", priced.version(),
                "department", request.getDepartment(),
                "useCase", request.getUseCase(),
                "template", template == null ? "" : template.getId() + "@" + (template.getVersion() == null ? "latest" : template.getVersion())), now).build();
    }
}
