package dev.sluice.processors.infer;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.schemas.avro.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Groups calls per model into batches and sends them within each provider's limits.
 *
 * <ul>
 *   <li><b>Priority lanes.</b> INTERACTIVE groups are served before BATCH groups at every flush, so
 *       they get bulkhead slots and rate budget first: batch work never starves interactive work.</li>
 *   <li><b>Adaptive window.</b> A group waits for more calls only when the recent arrival rate says
 *       the batch would fill within the lane's window; under light load it goes after a tenth of
 *       the window (INTERACTIVE default 5–50 ms, BATCH 50–500 ms). A full group goes at once.</li>
 *   <li><b>Fair sharing.</b> Within a group each tenant has its own queue and batches take from them
 *       in turn, the tenant served first rotating, so one tenant's flood cannot starve another.</li>
 *   <li><b>Limits.</b> Before a call is sent: an open breaker fails it at once (CIRCUIT_OPEN); the
 *       task's share of requests- and tokens-per-minute and a bulkhead slot must be available, or
 *       the call waits in its queue.</li>
 *   <li><b>Time limit.</b> A sent call not answered within its timeout completes as TIMEOUT; the late
 *       answer is ignored.</li>
 * </ul>
 *
 * Owns no thread: the infer stage's punctuator calls {@link #flushDue}, so batching, budgets and
 * time limits follow the stream's clock and are deterministic under test. Not thread-safe (one per
 * task) except that completions may arrive on any thread.
 */
public final class Batcher {

    private static final class Pending {
        final ModelCall call;
        final BiConsumer<ModelCall, CallOutcome> onDone;
        final AtomicBoolean finished = new AtomicBoolean();
        Instant deadline;

        Pending(ModelCall call, BiConsumer<ModelCall, CallOutcome> onDone) {
            this.call = call;
            this.onDone = onDone;
        }

        void finish(CallOutcome outcome) {
            if (finished.compareAndSet(false, true)) {
                onDone.accept(call, outcome);
            }
        }
    }

    private static final class Group {
        final ModelSpec model;
        final LinkedHashMap<String, ArrayDeque<Pending>> byTenant = new LinkedHashMap<>();
        int size;
        Instant oldest;
        Instant lastArrival;
        double meanGapMillis = Double.NaN;

        Group(ModelSpec model) {
            this.model = model;
        }
    }

    /** Per provider: the task's share of requests and tokens per minute. */
    public record Budget(TokenBucket requests, TokenBucket tokens) {
    }

    private final Map<String, ModelProvider> providers;
    private final Map<String, ProviderGuard> guards;
    private final Map<String, Budget> budgets;
    private final Duration interactiveWindow;
    private final Duration batchWindow;
    private final int maxBatchSize;
    private final Map<String, Group> interactive = new LinkedHashMap<>();
    private final Map<String, Group> batch = new LinkedHashMap<>();
    private final PriorityQueue<Pending> sent = new PriorityQueue<>((a, b) -> a.deadline.compareTo(b.deadline));
    private long batchesSent;
    private long callsSent;

    public Batcher(Map<String, ModelProvider> providers, Map<String, ProviderGuard> guards, Map<String, Budget> budgets,
                   Duration interactiveWindow, Duration batchWindow, int maxBatchSize) {
        this.providers = Map.copyOf(providers);
        this.guards = Map.copyOf(guards);
        this.budgets = Map.copyOf(budgets);
        this.interactiveWindow = interactiveWindow;
        this.batchWindow = batchWindow;
        this.maxBatchSize = maxBatchSize;
    }

    /** A batcher without limits (tests, tools). */
    public Batcher(Map<String, ModelProvider> providers, Duration interactiveWindow, Duration batchWindow, int maxBatchSize) {
        this(providers, Map.of(), Map.of(), interactiveWindow, batchWindow, maxBatchSize);
    }

    /** Queues a call; {@code onDone} runs once, on whatever thread completes the call. */
    public void submit(ModelCall call, Instant now, BiConsumer<ModelCall, CallOutcome> onDone) {
        Map<String, Group> lane = call.priority() == Priority.INTERACTIVE ? interactive : batch;
        Group group = lane.computeIfAbsent(call.model().id(), k -> new Group(call.model()));
        if (group.lastArrival != null) {
            double gap = Math.max(0, Duration.between(group.lastArrival, now).toMillis());
            group.meanGapMillis = Double.isNaN(group.meanGapMillis) ? gap : 0.8 * group.meanGapMillis + 0.2 * gap;
        }
        group.lastArrival = now;
        if (group.size == 0) {
            group.oldest = now;
        }
        group.byTenant.computeIfAbsent(call.tenant(), t -> new ArrayDeque<>()).add(new Pending(call, onDone));
        group.size++;
    }

    /** Expires overdue calls, then sends what is due, interactive lane first; returns the batches sent. */
    public int flushDue(Instant now) {
        expire(now);
        return flushLane(interactive, interactiveWindow, now) + flushLane(batch, batchWindow, now);
    }

    private int flushLane(Map<String, Group> lane, Duration maxWindow, Instant now) {
        int batches = 0;
        for (Group group : lane.values()) {
            while (group.size > 0 && (group.size >= maxBatchSize || !now.isBefore(group.oldest.plus(window(group, maxWindow))))) {
                List<Pending> taken = take(group, now);
                if (taken.isEmpty()) {
                    break; // held by the provider's limits; tried again at the next flush
                }
                send(group.model, taken, now);
                batches++;
            }
        }
        return batches;
    }

    /** How long a group may wait: long enough to fill at the recent arrival rate, if that fits the lane's window. */
    Duration window(Group group, Duration maxWindow) {
        Duration min = maxWindow.dividedBy(10);
        if (Double.isNaN(group.meanGapMillis)) {
            return min;
        }
        double fillMillis = (maxBatchSize - group.size) * group.meanGapMillis;
        if (fillMillis > maxWindow.toMillis()) {
            return min;
        }
        return Duration.ofMillis(Math.max(min.toMillis(), (long) fillMillis));
    }

    private List<Pending> take(Group group, Instant now) {
        String provider = group.model.provider();
        ProviderGuard guard = guards.get(provider);
        Budget budget = budgets.get(provider);
        List<Pending> taken = new ArrayList<>();
        boolean held = false;
        while (taken.size() < maxBatchSize && group.size > 0 && !held) {
            boolean tookAny = false;
            for (Iterator<Map.Entry<String, ArrayDeque<Pending>>> it = group.byTenant.entrySet().iterator();
                 it.hasNext() && taken.size() < maxBatchSize; ) {
                ArrayDeque<Pending> queue = it.next().getValue();
                Pending next = queue.peek();
                if (next == null) {
                    it.remove();
                    continue;
                }
                if (budget != null && !(budget.requests().canTake(1) && budget.tokens().canTake(next.call.estimatedTokens()))) {
                    held = true;
                    break;
                }
                ProviderGuard.Permit permit = guard == null ? ProviderGuard.Permit.GRANTED : guard.tryAcquire();
                if (permit == ProviderGuard.Permit.BUSY) {
                    held = true;
                    break;
                }
                queue.poll();
                group.size--;
                tookAny = true;
                if (permit == ProviderGuard.Permit.OPEN) {
                    next.finish(new CallOutcome.Failure(CallOutcome.Kind.CIRCUIT_OPEN, 0, "circuit breaker of provider '" + provider + "' is open"));
                    continue;
                }
                if (budget != null) {
                    budget.requests().take(1);
                    budget.tokens().take(next.call.estimatedTokens());
                }
                taken.add(next);
            }
            if (!tookAny) {
                break;
            }
        }
        // rotate: the tenant served first this time goes last next time
        if (!group.byTenant.isEmpty()) {
            Map.Entry<String, ArrayDeque<Pending>> first = group.byTenant.entrySet().iterator().next();
            group.byTenant.remove(first.getKey());
            if (!first.getValue().isEmpty()) {
                group.byTenant.put(first.getKey(), first.getValue());
            }
        }
        return taken;
    }

    private void send(ModelSpec model, List<Pending> batch, Instant now) {
        ModelProvider provider = providers.get(model.provider());
        ProviderGuard guard = guards.get(model.provider());
        batchesSent++;
        callsSent += batch.size();
        if (provider == null) {
            CallOutcome failure = new CallOutcome.Failure(CallOutcome.Kind.PERMANENT, 0, "no connector for provider '" + model.provider() + "'");
            batch.forEach(p -> {
                if (guard != null) {
                    guard.complete(failure, 0);
                }
                p.finish(failure);
            });
            return;
        }
        long started = System.nanoTime();
        List<CompletableFuture<CallOutcome>> futures;
        try {
            futures = provider.call(model, batch.stream().map(p -> p.call).toList());
        } catch (RuntimeException e) {
            CallOutcome failure = new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 0, "connector failed to start the call: " + e);
            batch.forEach(p -> {
                if (guard != null) {
                    guard.complete(failure, 0);
                }
                p.finish(failure);
            });
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            pending.deadline = now.plus(pending.call.timeout());
            sent.add(pending);
            futures.get(i).whenComplete((outcome, error) -> {
                CallOutcome result = error == null ? outcome : new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 0, "call failed: " + error);
                if (guard != null) {
                    guard.complete(result, (System.nanoTime() - started) / 1_000_000);
                }
                pending.finish(result);
            });
        }
    }

    private void expire(Instant now) {
        Pending head;
        while ((head = sent.peek()) != null && (head.finished.get() || !head.deadline.isAfter(now))) {
            sent.poll();
            head.finish(new CallOutcome.Failure(CallOutcome.Kind.TIMEOUT, 0, "no answer within " + head.call.timeout().toMillis() + " ms"));
        }
    }

    /** Calls queued and not yet sent. */
    public int queued() {
        return interactive.values().stream().mapToInt(g -> g.size).sum() + batch.values().stream().mapToInt(g -> g.size).sum();
    }

    public long batchesSent() {
        return batchesSent;
    }

    public long callsSent() {
        return callsSent;
    }
}
