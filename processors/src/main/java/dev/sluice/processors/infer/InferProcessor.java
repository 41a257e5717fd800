package dev.sluice.processors.infer;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.schemas.avro.BatchJobRef;
import dev.sluice.schemas.avro.Inference;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
 * queued in the task's {@link Batcher}. A wall-clock punctuator dispatches retries whose backoff has
 * passed, sends due batches and handles completed calls:
 * <ul>
 *   <li>an answer is forwarded and its entry deleted (with exactly-once both commit with the input offsets);</li>
 *   <li>a retryable failure (5xx, 429, timeout) is retried on the same model after an exponential,
 *       jittered backoff (Resilience4j {@link IntervalFunction}) that is never shorter than the
 *       provider's Retry-After, up to {@code retriesPerModel} times; the wait is stored in the entry
 *       ({@code notBefore}), so it survives a restart;</li>
 *   <li>then, or at once for a permanent failure or an open breaker, the next model of the route is
 *       tried; models whose provider's breaker is open are skipped without a call;</li>
 *   <li>when the route is exhausted the request is rejected.</li>
 * </ul>
 * On start (and after a rebalance) everything in the store is dispatched again, so a crash makes
 * calls again but never loses or duplicates a result. Completions whose attempt and call sequence
 * no longer match the entry are stale and dropped. When the store holds {@code maxInflight} entries,
 * {@code process} handles completions until there is room: backpressure, not an unbounded queue.
 */
public final class InferProcessor implements Processor<String, PipelineRecord, String, PipelineRecord> {

    public static final String NAME = "infer";
    /** Kafka Streams metrics scope of the stage: provider-batches-total and provider-calls-total per task. */
    public static final String METRICS_SCOPE = "sluice-infer";

    private record Done(ModelCall call, CallOutcome outcome, boolean viaBatchApi) {
    }

    private record Due(Instant at, String key) {
    }

    private final GatewayConfig config;
    private final String storeName;
    private final Function<GatewayConfig, Batcher> batchers;
    private final Function<GatewayConfig, BatchJobs> batchJobFactory;
    private final Map<String, ProviderGuard> guards;
    private final Duration tick;
    private final Clock clock;
    private final IntervalFunction backoff;
    private final LinkedBlockingQueue<Done> completions = new LinkedBlockingQueue<>();
    private final PriorityQueue<Due> delayed = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private ProcessorContext<String, PipelineRecord> context;
    private KeyValueStore<String, PipelineRecord> inflight;
    private Batcher batcher;
    private BatchJobs batchJobs;
    private final BatchJobs.Listener jobListener = new BatchJobs.Listener() {
        @Override
        public void submitted(String provider, String jobId, Instant at, List<ModelCall> calls) {
            for (ModelCall call : calls) {
                PipelineRecord envelope = inflight.get(call.requestId());
                if (envelope != null && envelope.getAttempt() == call.attempt() && envelope.getCalls() == call.sequence()) {
                    inflight.put(call.requestId(), Envelopes.edit(envelope)
                            .setBatchJob(new BatchJobRef(provider, jobId, BatchApiProvider.customId(call), at)).build());
                }
            }
        }

        @Override
        public void completed(ModelCall call, CallOutcome outcome) {
            completions.add(new Done(call, outcome, true));
        }
    };
    private int inflightCount;
    private volatile boolean closed;
    private org.apache.kafka.common.metrics.Sensor batchesSensor;
    private org.apache.kafka.common.metrics.Sensor callsSensor;
    private long batchesRecorded;
    private long callsRecorded;

    /**
     * @param batchJobs batch-API work of the task; providers it does not support are called directly
     */
    public InferProcessor(GatewayConfig config, String storeName, Function<GatewayConfig, Batcher> batchers,
                          Function<GatewayConfig, BatchJobs> batchJobs, Map<String, ProviderGuard> guards, Duration tick, Clock clock) {
        this(config, storeName, batchers, batchJobs, guards, tick, clock, new dev.sluice.processors.config.PolicyBook(config));
    }

    /** @param policies the policy versions in force (raw text for internal models) */
    public InferProcessor(GatewayConfig config, String storeName, Function<GatewayConfig, Batcher> batchers,
                          Function<GatewayConfig, BatchJobs> batchJobs, Map<String, ProviderGuard> guards, Duration tick, Clock clock,
                          dev.sluice.processors.config.PolicyBook policies) {
        this.policies = policies;
        this.config = config;
        this.storeName = storeName;
        this.batchers = batchers;
        this.batchJobFactory = batchJobs;
        this.guards = Map.copyOf(guards);
        this.tick = tick;
        this.clock = clock;
        var r = config.resilience();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(r.backoffInitial(), r.backoffMultiplier(), r.backoffJitter(), r.backoffMax());
    }

    @Override
    public void init(ProcessorContext<String, PipelineRecord> context) {
        this.context = context;
        this.inflight = context.getStateStore(storeName);
        this.batcher = batchers.apply(config);
        this.batchJobs = batchJobFactory.apply(config);
        String task = context.taskId().toString();
        this.batchesSensor = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "provider-batches",
                org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
        this.callsSensor = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "provider-calls",
                org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
        Instant now = clock.instant();
        int count = 0;
        try (KeyValueIterator<String, PipelineRecord> it = inflight.all()) {
            while (it.hasNext()) {
                KeyValue<String, PipelineRecord> entry = it.next();
                count++;
                BatchJobRef job = entry.value.getBatchJob();
                if (job != null && batchJobs.supports(job.getProvider())) {
                    batchJobs.resume(job.getProvider(), job.getJobId(), callFor(entry.value, entry.value.getAttempt()));
                    continue; // the job holds the call: poll it, do not call again
                }
                Instant at = entry.value.getNotBefore() != null && entry.value.getNotBefore().isAfter(now) ? entry.value.getNotBefore() : now;
                delayed.add(new Due(at, entry.key));
            }
        }
        inflightCount = count;
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
        dispatch(record.key(), envelope, now);
        batcher.flushDue(now);
    }

    /** Backpressure: wait for one completion (sending due batches meanwhile) and handle it. */
    private void awaitCompletion() {
        dispatchDue(clock.instant());
        batcher.flushDue(clock.instant());
        batchJobs.tick(clock.instant(), jobListener);
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
        Instant now = clock.instant();
        dispatchDue(now);
        batcher.flushDue(now);
        batchJobs.tick(now, jobListener);
        recordMetrics();
        Done done;
        while ((done = completions.poll()) != null) {
            handle(done);
        }
    }

    private void recordMetrics() {
        long batches = batcher.batchesSent();
        long calls = batcher.callsSent();
        // a rate-total sensor counts record() calls, so each batch and each call is one record()
        for (; batchesRecorded < batches; batchesRecorded++) {
            batchesSensor.record();
        }
        for (; callsRecorded < calls; callsRecorded++) {
            callsSensor.record();
        }
    }

    private void dispatchDue(Instant now) {
        Due due;
        while ((due = delayed.peek()) != null && !due.at().isAfter(now)) {
            delayed.poll();
            PipelineRecord envelope = inflight.get(due.key());
            if (envelope != null && (envelope.getNotBefore() == null || !envelope.getNotBefore().isAfter(now))) {
                dispatch(due.key(), envelope, now);
            }
        }
    }

    /** Queues the call of the envelope's current attempt, skipping models whose breaker is open. */
    private void dispatch(String key, PipelineRecord envelope, Instant now) {
        var chain = envelope.getRoute().getChain();
        int attempt = envelope.getAttempt();
        List<String> skipped = new ArrayList<>();
        while (attempt < chain.size() && breakerOpen(chain.get(attempt))) {
            skipped.add(chain.get(attempt));
            attempt++;
        }
        if (!skipped.isEmpty()) {
            PipelineRecord.Builder builder = Envelopes.edit(envelope).setAttempt(attempt).setRetries(0);
            envelope = Envelopes.audit(builder, NAME, "SKIPPED", "CIRCUIT_OPEN", Map.of("models", String.join(",", skipped)), now).build();
            if (attempt >= chain.size()) {
                finish(key, Envelopes.reject(envelope, RejectReason.PROVIDER_UNAVAILABLE,
                        "the circuit breakers of every provider in the route are open: " + String.join(",", skipped), NAME, now), now);
                return;
            }
            inflight.put(key, envelope);
        }
        ModelCall call = callFor(envelope, attempt);
        if (call.priority() == Priority.BATCH && config.limitsOf(call.model().provider()).batchApi() && batchJobs.supports(call.model().provider())) {
            batchJobs.submit(call, now);
            return;
        }
        batcher.submit(call, now, (c, outcome) -> {
            if (!closed) {
                completions.add(new Done(c, outcome, false));
            }
        });
    }

    private ModelCall callFor(PipelineRecord envelope, int attempt) {
        var chain = envelope.getRoute().getChain();
        ModelSpec model = config.model(chain.get(attempt))
                .orElseThrow(() -> new IllegalStateException("route names unconfigured model " + chain.get(attempt)));
        var request = envelope.getRequest();
        return new ModelCall(request.getRequestId(), request.getTenant(), attempt, envelope.getCalls(), model, prompt(envelope, model),
                request.getParameters(), request.getResponseSchema(), request.getPriority(),
                estimatedTokens(envelope),
                config.resilience().timeoutFor(request.getUseCase()));
    }

    /**
     * Tokens charged against the provider's tokens-per-minute limit: the input as route's tokenizer
     * counted it for the reservation (cl100k, with margin), else counted now, plus the maximum output.
     */
    private static long estimatedTokens(PipelineRecord envelope) {
        long input = envelope.getReservation() != null ? envelope.getReservation().getInputTokens()
                : dev.sluice.processors.budget.TokenEstimator.count(envelope.getPrompt());
        return input + envelope.getRequest().getParameters().getMaxOutputTokens();
    }

    /** Whether policy lets this request's prompt go unredacted to {@code model}: an internal model, a domain the policy names, a sealed mapping to restore from. */
    private final dev.sluice.processors.config.PolicyBook policies;

    private boolean rawText(PipelineRecord envelope, ModelSpec model) {
        return model.hosting() == GatewayConfig.Hosting.INTERNAL && envelope.getVault() != null && envelope.getClassification() != null
                && policies.at(clock.instant()).rules().rawTextForInternal(envelope.getClassification().getDomain());
    }

    /**
     * The prompt the model gets: the redacted one, or for an internal model that policy lets see the
     * raw text, the prompt restored from the request's sealed mapping (opened here, in memory, for the call only).
     */
    private java.util.List<dev.sluice.schemas.avro.ChatMessage> prompt(PipelineRecord envelope, ModelSpec model) {
        if (!rawText(envelope, model)) {
            return envelope.getPrompt();
        }
        Map<String, String> mapping = dev.sluice.processors.redact.Vault.open(envelope.getVault(), envelope.getRequest().getRequestId(),
                config.redaction().vaultKeys());
        java.util.List<dev.sluice.schemas.avro.ChatMessage> raw = new java.util.ArrayList<>();
        for (var message : envelope.getPrompt()) {
            raw.add(new dev.sluice.schemas.avro.ChatMessage(message.getRole(), dev.sluice.processors.redact.Vault.restore(message.getContent(), mapping),
                    message.getName(), message.getCacheControl()));
        }
        return raw;
    }

    private boolean breakerOpen(String modelId) {
        ProviderGuard guard = config.model(modelId).map(m -> guards.get(m.provider())).orElse(null);
        return guard != null && guard.isOpen();
    }

    private void handle(Done done) {
        String key = done.call().requestId();
        PipelineRecord envelope = inflight.get(key);
        if (envelope == null || envelope.getAttempt() != done.call().attempt() || envelope.getCalls() != done.call().sequence()) {
            return; // stale: finished, superseded by a later call, or timed out before it answered
        }
        Instant now = clock.instant();
        ModelSpec model = done.call().model();
        boolean called = !(done.outcome() instanceof CallOutcome.Failure f && f.kind() == CallOutcome.Kind.CIRCUIT_OPEN);
        PipelineRecord.Builder builder = Envelopes.edit(envelope).setCalls(envelope.getCalls() + (called ? 1 : 0))
                .setNotBefore(null).setBatchJob(null);
        if (done.outcome() instanceof CallOutcome.Success success) {
            builder.setInference(new Inference(model.id(), model.provider(), success.content(), success.finishReason(),
                    success.usage(), success.latencyMs(), done.viaBatchApi()));
            finish(key, Envelopes.audit(builder, NAME, "COMPLETED", null, Map.of(
                    "model", model.id(),
                    "provider", model.provider(),
                    "providerModel", model.providerModel(),
                    "via", done.viaBatchApi() ? "batch-api" : "direct",
                    "calls", Integer.toString(envelope.getCalls() + 1),
                    "latencyMs", Long.toString(success.latencyMs()),
                    "prompt", rawText(envelope, model) ? "raw (internal model; policy allows raw text for domain " + envelope.getClassification().getDomain() + ")"
                            : "redacted"), now).build(), now);
            return;
        }
        CallOutcome.Failure failure = (CallOutcome.Failure) done.outcome();
        List<String> errors = new ArrayList<>(envelope.getErrors());
        errors.add(model.id() + ": " + failure.kind() + " " + failure.message());
        builder.setErrors(errors);
        if (failure.retryable() && envelope.getRetries() < config.resilience().retriesPerModel()) {
            long backoffMillis = backoff.apply(envelope.getRetries() + 1);
            long waitMillis = failure.retryAfter() == null ? backoffMillis : Math.max(backoffMillis, failure.retryAfter().toMillis());
            Instant notBefore = now.plusMillis(waitMillis);
            builder.setRetries(envelope.getRetries() + 1).setNotBefore(notBefore);
            PipelineRecord retried = Envelopes.audit(builder, NAME, "RETRY", failure.kind().name(), Map.of(
                    "model", model.id(), "status", Integer.toString(failure.status()), "error", failure.message(),
                    "waitMs", Long.toString(waitMillis)), now).build();
            inflight.put(key, retried);
            delayed.add(new Due(notBefore, key));
            return;
        }
        int next = done.call().attempt() + 1;
        var chain = envelope.getRoute().getChain();
        if (next < chain.size()) {
            builder.setAttempt(next).setRetries(0);
            PipelineRecord fallback = Envelopes.audit(builder, NAME, "FALLBACK", failure.kind().name(),
                    Map.of("failedModel", model.id(), "status", Integer.toString(failure.status()), "nextModel", chain.get(next),
                            "error", failure.message()), now).build();
            inflight.put(key, fallback);
            dispatch(key, fallback, now);
            return;
        }
        RejectReason reason = failure.kind() == CallOutcome.Kind.PERMANENT ? RejectReason.PROVIDER_REJECTED : RejectReason.PROVIDER_UNAVAILABLE;
        finish(key, Envelopes.reject(builder.build(), reason, "every model in the route failed: " + String.join("; ", errors), NAME, now), now);
    }

    private void finish(String key, PipelineRecord envelope, Instant now) {
        inflight.delete(key);
        inflightCount--;
        context.forward(new Record<>(key, envelope, now.toEpochMilli()));
    }

    /** Requests this task holds in flight (for metrics and tests). */
    public int inflight() {
        return inflightCount;
    }

    @Override
    public void close() {
        closed = true;
        completions.clear();
    }
}
