package dev.sluice.processors.infer;

import dev.sluice.schemas.avro.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Groups calls per model and priority and hands each group to its provider as one batch once the
 * group is full or its oldest call has waited out the window (short for INTERACTIVE, longer for
 * BATCH). Owns no thread: the infer stage's punctuator calls {@link #flushDue}, so batching is driven
 * by the stream thread's clock and is deterministic under test. Not thread-safe; one per task.
 */
public final class Batcher {

    private record Pending(ModelCall call, BiConsumer<ModelCall, CallOutcome> onDone) {
    }

    private static final class Group {
        final List<Pending> calls = new ArrayList<>();
        Instant oldest;
    }

    private final Map<String, ModelProvider> providers;
    private final Duration interactiveWindow;
    private final Duration batchWindow;
    private final int maxBatchSize;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private long batchesSent;
    private long callsSent;

    public Batcher(Map<String, ModelProvider> providers, Duration interactiveWindow, Duration batchWindow, int maxBatchSize) {
        this.providers = Map.copyOf(providers);
        this.interactiveWindow = interactiveWindow;
        this.batchWindow = batchWindow;
        this.maxBatchSize = maxBatchSize;
    }

    /** Queues a call; {@code onDone} runs once, on whatever thread completes the call. */
    public void submit(ModelCall call, Instant now, BiConsumer<ModelCall, CallOutcome> onDone) {
        Group group = groups.computeIfAbsent(call.model().id() + '|' + call.priority(), k -> new Group());
        if (group.calls.isEmpty()) {
            group.oldest = now;
        }
        group.calls.add(new Pending(call, onDone));
    }

    /** Sends every group that is full or whose window has passed; returns the number of batches sent. */
    public int flushDue(Instant now) {
        int sent = 0;
        for (Iterator<Map.Entry<String, Group>> it = groups.entrySet().iterator(); it.hasNext(); ) {
            Group group = it.next().getValue();
            if (group.calls.isEmpty()) {
                it.remove();
                continue;
            }
            Priority priority = group.calls.get(0).call().priority();
            Duration window = priority == Priority.INTERACTIVE ? interactiveWindow : batchWindow;
            boolean due = !now.isBefore(group.oldest.plus(window));
            while (group.calls.size() >= maxBatchSize || (due && !group.calls.isEmpty())) {
                List<Pending> batch = new ArrayList<>(group.calls.subList(0, Math.min(maxBatchSize, group.calls.size())));
                group.calls.subList(0, batch.size()).clear();
                send(batch);
                sent++;
            }
        }
        return sent;
    }

    /** Calls queued and not yet sent. */
    public int queued() {
        return groups.values().stream().mapToInt(g -> g.calls.size()).sum();
    }

    public long batchesSent() {
        return batchesSent;
    }

    public long callsSent() {
        return callsSent;
    }

    private void send(List<Pending> batch) {
        ModelCall first = batch.get(0).call();
        ModelProvider provider = providers.get(first.model().provider());
        batchesSent++;
        callsSent += batch.size();
        if (provider == null) {
            CallOutcome failure = new CallOutcome.Failure(false, 0, "no connector for provider '" + first.model().provider() + "'");
            batch.forEach(p -> p.onDone().accept(p.call(), failure));
            return;
        }
        List<CompletableFuture<CallOutcome>> futures;
        try {
            futures = provider.call(first.model(), batch.stream().map(Pending::call).toList());
        } catch (RuntimeException e) {
            CallOutcome failure = new CallOutcome.Failure(true, 0, "connector failed to start the call: " + e);
            batch.forEach(p -> p.onDone().accept(p.call(), failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            futures.get(i).whenComplete((outcome, error) -> pending.onDone().accept(pending.call(),
                    error == null ? outcome : new CallOutcome.Failure(true, 0, "call failed: " + error)));
        }
    }
}
