package dev.sluice.processors.route;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.pipeline.Stage;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.Route;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Route stage: sets the model chain or rejects with NO_ROUTE. */
public final class RouteStage implements Stage {

    public static final String NAME = "route";
    private final Router router;

    public RouteStage(Router router) {
        this.router = router;
    }

    @Override
    public PipelineRecord apply(PipelineRecord envelope, Instant now) {
        Optional<Route> route = router.route(envelope.getClassification(), envelope.getAllowedModels(), envelope.getRequest().getModel(),
                envelope.getRequest().getUseCase());
        if (route.isEmpty()) {
            return Envelopes.reject(envelope, RejectReason.NO_ROUTE, "no configured tier offers a model that policy allows", NAME, now);
        }
        PipelineRecord.Builder builder = Envelopes.edit(envelope).setRoute(route.get()).setAttempt(0);
        return Envelopes.audit(builder, NAME, "ROUTED", null, Map.of(
                "tier", route.get().getTier(),
                "primary", route.get().getChain().get(0),
                "chain", String.join(",", route.get().getChain())), now).build();
    }
}
