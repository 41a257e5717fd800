package dev.sluice.processors.infer;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The port the infer stage calls providers through; connectors implement it. Implementations must
 * not block the caller: they start the calls and return one future per call, in batch order. A
 * future never completes exceptionally: failures are {@link CallOutcome.Failure} values.
 */
public interface ModelProvider {

    /** The provider name models refer to in configuration. */
    String name();

    List<CompletableFuture<CallOutcome>> call(ModelSpec model, List<ModelCall> batch);
}
