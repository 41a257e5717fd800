package dev.sluice.topology;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.processors.infer.ModelProvider;
import dev.sluice.schemas.avro.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider for topology tests that answers at once on the calling thread: models in
 * {@code failing} answer HTTP 503, others answer with a fixed text (or {@code json} when the call
 * carries a response schema). Records every call.
 */
final class ScriptedProvider implements ModelProvider {
    final String name;
    final Set<String> failing;
    final String json;
    final List<ModelCall> calls = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    /** When set, decides each call's outcome instead of the defaults. */
    volatile java.util.function.Function<ModelCall, CallOutcome> script;

    ScriptedProvider(String name, Set<String> failing, String json) {
        this.name = name;
        this.failing = failing;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<CompletableFuture<CallOutcome>> call(ModelSpec model, List<ModelCall> batch) {
        batchSizes.add(batch.size());
        List<CompletableFuture<CallOutcome>> out = new ArrayList<>();
        for (ModelCall call : batch) {
            calls.add(call);
            CallOutcome outcome = script != null ? script.apply(call) : failing.contains(model.id())
                    ? new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 503, "server_error: overloaded")
                    : new CallOutcome.Success(call.responseSchema() != null ? json : "answer from " + model.id(), "stop",
                            new Usage(100L, 20L, 0L, 0L, 0L), 5L);
            out.add(CompletableFuture.completedFuture(outcome));
        }
        return out;
    }
}
