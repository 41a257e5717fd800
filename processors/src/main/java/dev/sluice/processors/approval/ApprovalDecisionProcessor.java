package dev.sluice.processors.approval;

import dev.sluice.schemas.avro.ApprovalDecision;
import dev.sluice.schemas.avro.PipelineRecord;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a person's decision to the request waiting for it: approved, it goes on to route; rejected,
 * it ends with APPROVAL_REJECTED. A decision for a request that is not waiting (unknown, already
 * decided, expired) changes nothing and is logged.
 */
public final class ApprovalDecisionProcessor implements Processor<String, ApprovalDecision, String, PipelineRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalDecisionProcessor.class);
    private final String storeName;
    private final Clock clock;
    private ProcessorContext<String, PipelineRecord> context;
    private KeyValueStore<String, PipelineRecord> pending;

    public ApprovalDecisionProcessor(String storeName, Clock clock) {
        this.storeName = storeName;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, PipelineRecord> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ApprovalDecision> record) {
        ApprovalDecision decision = record.value();
        if (decision == null) {
            return;
        }
        PipelineRecord envelope = pending.get(record.key());
        if (envelope == null) {
            LOG.warn("decision by {} on request {} ignored: it is not waiting for approval (unknown, decided or expired)",
                    decision.getApprover(), record.key());
            return;
        }
        pending.delete(record.key());
        context.forward(new Record<>(record.key(), Approvals.decided(envelope, decision, clock.instant()), record.timestamp()));
    }
}
