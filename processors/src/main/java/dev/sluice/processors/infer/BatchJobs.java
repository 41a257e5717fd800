package dev.sluice.processors.infer;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Work for provider batch APIs: calls accumulate per model into a job until the job is full or
 * the accumulation window has passed; the job is created; its id is reported so the in-flight
 * entries can record it; the job is polled until it ends and each call's outcome is reported. After
 * a restart, {@link #resume} re-attaches calls to the job that already holds them, so they are polled,
 * not sent again. Driven by the infer stage's punctuator ({@link #tick}); provider answers arrive on
 * HTTP threads and are handed over through a queue. Not thread-safe otherwise: one per task.
 */
public final class BatchJobs {

    /** What the infer stage hears from the batch jobs, on the stream thread. */
    public interface Listener {
        void submitted(String provider, String jobId, Instant at, List<ModelCall> calls);

        void completed(ModelCall call, CallOutcome outcome);
    }

    private record Job(String provider, String jobId, Map<String, ModelCall> calls) {
    }

    private sealed interface Event {
    }

    private record Created(String provider, String jobId, List<ModelCall> calls) implements Event {
    }

    private record CreateFailed(List<ModelCall> calls, String error) implements Event {
    }

    private record Polled(String jobId, BatchApiProvider.JobStatus status, String error) implements Event {
    }

    private final Map<String, BatchApiProvider> providers;
    private final Duration window;
    private final Duration pollInterval;
    private final Map<String, List<ModelCall>> accumulating = new LinkedHashMap<>();
    private final Map<String, Instant> accumulatingSince = new HashMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Boolean> polling = new HashMap<>();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private Instant lastPoll = Instant.EPOCH;
    private long jobsCreated;

    public BatchJobs(Map<String, BatchApiProvider> providers, Duration window, Duration pollInterval) {
        this.providers = Map.copyOf(providers);
        this.window = window;
        this.pollInterval = pollInterval;
    }

    public boolean supports(String provider) {
        return providers.containsKey(provider);
    }

    public void submit(ModelCall call, Instant now) {
        String key = call.model().id();
        accumulating.computeIfAbsent(key, k -> new ArrayList<>()).add(call);
        accumulatingSince.putIfAbsent(key, now);
    }

    /** Re-attaches a call to the job that holds it (after a restart). */
    public void resume(String provider, String jobId, ModelCall call) {
        jobs.computeIfAbsent(jobId, id -> new Job(provider, id, new HashMap<>())).calls().put(BatchApiProvider.customId(call), call);
    }

    /** Creates due jobs, polls running ones, and reports what happened. */
    public void tick(Instant now, Listener listener) {
        for (Iterator<Map.Entry<String, List<ModelCall>>> it = accumulating.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<ModelCall>> group = it.next();
            List<ModelCall> calls = group.getValue();
            ModelSpec model = calls.get(0).model();
            BatchApiProvider provider = providers.get(model.provider());
            boolean due = !now.isBefore(accumulatingSince.get(group.getKey()).plus(window));
            while (calls.size() >= provider.maxJobSize() || (due && !calls.isEmpty())) {
                List<ModelCall> job = new ArrayList<>(calls.subList(0, Math.min(provider.maxJobSize(), calls.size())));
                calls.subList(0, job.size()).clear();
                create(provider, model, job);
            }
            if (calls.isEmpty()) {
                it.remove();
                accumulatingSince.remove(group.getKey());
            }
        }
        if (!now.isBefore(lastPoll.plus(pollInterval))) {
            lastPoll = now;
            for (Job job : jobs.values()) {
                if (polling.putIfAbsent(job.jobId(), Boolean.TRUE) == null) {
                    providers.get(job.provider()).poll(job.jobId()).whenComplete((status, error) ->
                            events.add(new Polled(job.jobId(), status, error == null ? null : error.toString())));
                }
            }
        }
        Event event;
        while ((event = events.poll()) != null) {
            if (event instanceof Created created) {
                Map<String, ModelCall> byId = new HashMap<>();
                created.calls().forEach(c -> byId.put(BatchApiProvider.customId(c), c));
                jobs.put(created.jobId(), new Job(created.provider(), created.jobId(), byId));
                listener.submitted(created.provider(), created.jobId(), now, created.calls());
            } else if (event instanceof CreateFailed failed) {
                failed.calls().forEach(c -> listener.completed(c, new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 0,
                        "batch job could not be created: " + failed.error())));
            } else if (event instanceof Polled polled) {
                polling.remove(polled.jobId());
                Job job = jobs.get(polled.jobId());
                if (job == null || polled.status() == null || !polled.status().ended()) {
                    continue; // still running, or the poll failed: poll again next interval
                }
                jobs.remove(polled.jobId());
                for (Map.Entry<String, ModelCall> entry : job.calls().entrySet()) {
                    CallOutcome outcome = polled.status().outcomes().getOrDefault(entry.getKey(),
                            new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 0, "batch job " + job.jobId() + " ended without a result for this call"));
                    listener.completed(entry.getValue(), outcome);
                }
            }
        }
    }

    private void create(BatchApiProvider provider, ModelSpec model, List<ModelCall> calls) {
        jobsCreated++;
        provider.submit(model, calls).whenComplete((jobId, error) -> events.add(error == null
                ? new Created(provider.name(), jobId, calls)
                : new CreateFailed(calls, error.getCause() != null ? error.getCause().toString() : error.toString())));
    }

    public int runningJobs() {
        return jobs.size();
    }

    public long jobsCreated() {
        return jobsCreated;
    }
}
