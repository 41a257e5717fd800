package dev.sluice.processors.infer;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.schemas.avro.Inference;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Infer stage adapter: calls providers without ever blocking the stream thread on one.
 *
 * <p>Each accepted envelope is written to the changelogged {@code inflight} store and its call is
 * queued in the task's {@link Batcher}. A wall-clock punctuator sends due batches and handles the
 * completed calls: an answer is forwarded and its entry deleted (with exactly-once both commit with
 * the input offsets); a retryable failure (429, 5xx, timeout) is retried once on the same model, then
 * the request moves to the next model of its route chain, and is rejected when the chain is exhausted. On start (and after a rebalance) everything in the store is
 * dispatched again, so a crash makes calls again but never loses or duplicates a result. Completions
 * for entries that are gone or for an earlier attempt are stale and dropped. When the store holds
 * {@code maxInflight} entries, {@code process} handles completions until there is room: backpressure
 * instead of an unbounded queue.
 */
public final class InferProcessor implements Processor<String, PipelineRecord, String, PipelineRecord> {

    public static final String NAME = "infer";
    /** A retryable failure is retried once on the same model before the next model is tried. */
    static final int RETRIES_PER_MODEL = 1;

    private record Done(ModelCall call, CallOutcome outcome) {
    }

    private final GatewayConfig config;
    private final String storeName;
    private final Function<GatewayConfig, Batcher> batchers;
    private final Duration tick;
    private final Clock clock;
    private final LinkedBlockingQueue<Done> completions = new LinkedBlockingQueue<>();
    private ProcessorContext<String, PipelineRecord> context;
    private KeyValueStore<String, PipelineRecord> inflight;
    private Batcher batcher;
    private int inflightCount;
    private volatile boolean closed;

    public InferProcessor(GatewayConfig config, String storeName, Function<GatewayConfig, Batcher> batchers, Duration tick, Clock clock) {
        this.config = config;
        this.storeName = storeName;
        this.batchers = batchers;
        this.tick = tick;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, PipelineRecord> context) {
        this.context = context;
        this.inflight = context.getStateStore(storeName);
        this.batcher = batchers.apply(config);
        Instant now = clock.instant();
        List<PipelineRecord> pending = new ArrayList<>();
        try (KeyValueIterator<String, PipelineRecord> it = inflight.all()) {
            while (it.hasNext()) {
                KeyValue<String, PipelineRecord> entry = it.next();
                pending.add(entry.value);
            }
        }
        inflightCount = pending.size();
        pending.forEach(envelope -> dispatch(envelope, now));
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, ts -> punctuate());
    }

    @Override
    public void process(Record<String, PipelineRecord> record) {
        PipelineRecord envelope = record.value();
        if (envelope.getRejection() != null) {
            context.forward(record);
            return;
        }
        Instant now = clock.instant();
        var deadline = envelope.getRequest().getDeadline();
        if (deadline != null && !deadline.isAfter(now)) {
            context.forward(record.withValue(Envelopes.reject(envelope, RejectReason.DEADLINE_EXCEEDED,
                    "deadline " + deadline + " passed before the provider call", NAME, now)));
            return;
        }
        while (inflightCount >= config.limits().maxInflight()) {
            awaitCompletion();
        }
        inflight.put(record.key(), envelope);
        inflightCount++;
        dispatch(envelope, now);
        batcher.flushDue(now);
    }

    /** Backpressure: wait for one completion (sending due batches meanwhile) and handle it. */
    private void awaitCompletion() {
        batcher.flushDue(clock.instant());
        try {
            Done done = completions.poll(tick.toMillis(), TimeUnit.MILLISECONDS);
            if (done != null) {
                handle(done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.streams.errors.StreamsException("interrupted while waiting for provider completions", e);
        }
    }

    private void punctuate() {
        batcher.flushDue(clock.instant());
        Done done;
        while ((done = completions.poll()) != null) {
            handle(done);
        }
    }

    private void dispatch(PipelineRecord envelope, Instant now) {
        var chain = envelope.getRoute().getChain();
        ModelSpec model = config.model(chain.get(envelope.getAttempt()))
                .orElseThrow(() -> new IllegalStateException("route names unconfigured model " + chain.get(envelope.getAttempt())));
        var request = envelope.getRequest();
        ModelCall call = new ModelCall(request.getRequestId(), envelope.getAttempt(), model, envelope.getPrompt(),
                request.getParameters(), request.getResponseSchema(), request.getPriority());
        batcher.submit(call, now, (c, outcome) -> {
            if (!closed) {
                completions.add(new Done(c, outcome));
            }
        });
    }

    private void handle(Done done) {
        String key = done.call().requestId();
        PipelineRecord envelope = inflight.get(key);
        if (envelope == null || envelope.getAttempt() != done.call().attempt()) {
            return; // stale: already finished, or superseded by a later attempt
        }
        Instant now = clock.instant();
        ModelSpec model = done.call().model();
        PipelineRecord.Builder builder = PipelineRecord.newBuilder(envelope).setCalls(envelope.getCalls() + 1);
        if (done.outcome() instanceof CallOutcome.Success success) {
            builder.setInference(new Inference(model.id(), model.provider(), success.content(), success.finishReason(),
                    success.usage(), success.latencyMs()));
            PipelineRecord answered = Envelopes.audit(builder, NAME, "COMPLETED", null, Map.of(
                    "model", model.id(),
                    "provider", model.provider(),
                    "calls", Integer.toString(envelope.getCalls() + 1),
                    "latencyMs", Long.toString(success.latencyMs())), now).build();
            finish(key, answered, now);
            return;
        }
        CallOutcome.Failure failure = (CallOutcome.Failure) done.outcome();
        List<String> errors = new ArrayList<>(envelope.getErrors());
        errors.add(model.id() + ": " + failure.message());
        builder.setErrors(errors);
        if (failure.retryable() && envelope.getRetries() < RETRIES_PER_MODEL) {
            builder.setRetries(envelope.getRetries() + 1);
            PipelineRecord retried = Envelopes.audit(builder, NAME, "RETRY", "PROVIDER_ERROR",
                    Map.of("model", model.id(), "status", Integer.toString(failure.status()), "error", failure.message()), now).build();
            inflight.put(key, retried);
            dispatch(retried, now);
            return;
        }
        int next = envelope.getAttempt() + 1;
        var chain = envelope.getRoute().getChain();
        if (next < chain.size()) {
            builder.setAttempt(next).setRetries(0);
            PipelineRecord retried = Envelopes.audit(builder, NAME, "FALLBACK", failure.retryable() ? "PROVIDER_ERROR" : "PROVIDER_REJECTED",
                    Map.of("failedModel", model.id(), "status", Integer.toString(failure.status()), "nextModel", chain.get(next),
                            "error", failure.message()), now).build();
            inflight.put(key, retried);
            dispatch(retried, now);
            return;
        }
        RejectReason reason = failure.retryable() ? RejectReason.PROVIDER_UNAVAILABLE : RejectReason.PROVIDER_REJECTED;
        finish(key, Envelopes.reject(builder.build(), reason, "every model in the route failed: " + String.join("; ", errors), NAME, now), now);
    }

    private void finish(String key, PipelineRecord envelope, Instant now) {
        inflight.delete(key);
        inflightCount--;
        context.forward(new Record<>(key, envelope, now.toEpochMilli()));
    }

    @Override
    public void close() {
        closed = true;
        completions.clear();
    }
}
