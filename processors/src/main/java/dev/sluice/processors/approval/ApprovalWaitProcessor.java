package dev.sluice.processors.approval;

import dev.sluice.schemas.avro.PipelineRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Parks a request the policy sends for approval in the changelogged pending store and forwards it
 * once, marked waiting (the topology publishes it to the pending approvals topic); a wall-clock
 * punctuator ends the ones nobody decided on in time as APPROVAL_EXPIRED.
 */
public final class ApprovalWaitProcessor implements Processor<String, PipelineRecord, String, PipelineRecord> {

    private final dev.sluice.processors.config.PolicyBook policies;
    private final String storeName;
    private final Duration tick;
    private final Clock clock;
    private ProcessorContext<String, PipelineRecord> context;
    private KeyValueStore<String, PipelineRecord> pending;

    public ApprovalWaitProcessor(dev.sluice.processors.config.PolicyBook policies, String storeName, Duration tick, Clock clock) {
        this.policies = policies;
        this.storeName = storeName;
        this.tick = tick;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, PipelineRecord> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, ignored -> expire());
    }

    @Override
    public void process(Record<String, PipelineRecord> record) {
        PipelineRecord envelope = record.value();
        var policy = policies.at(clock.instant()).rules();
        String rule = policy.approvalRule(envelope.getClassification().getDomain(), envelope.getRequest().getUseCase(),
                envelope.getClassification().getInjectionScore());
        PipelineRecord waiting = Approvals.waiting(envelope, rule, policy.approvalExpiry(), clock.instant());
        pending.put(record.key(), waiting);
        context.forward(record.withValue(waiting));
    }

    private void expire() {
        var now = clock.instant();
        List<String> due = new ArrayList<>();
        try (var all = pending.all()) {
            all.forEachRemaining(entry -> {
                if (!entry.value.getApprovalExpiresAt().isAfter(now)) {
                    due.add(entry.key);
                }
            });
        }
        for (String key : due) {
            PipelineRecord envelope = pending.get(key);
            pending.delete(key);
            context.forward(new Record<>(key, Approvals.expired(envelope, now), now.toEpochMilli()));
        }
    }
}
