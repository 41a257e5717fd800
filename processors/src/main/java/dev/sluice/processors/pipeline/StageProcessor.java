package dev.sluice.processors.pipeline;

import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams adapter for a {@link Stage}: rejected envelopes pass by untouched; otherwise the
 * stage's output is forwarded. A stage that throws is a bug for this one record, not a reason to
 * stop the pipeline: the request is rejected with INTERNAL_ERROR and the next record proceeds.
 * Kafka's own exceptions (stores, producers) are rethrown so the instance restarts.
 */
public final class StageProcessor implements FixedKeyProcessor<String, PipelineRecord, PipelineRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(StageProcessor.class);

    private final String name;
    private final Stage stage;
    private final Clock clock;
    private final boolean seesRejected;
    private FixedKeyProcessorContext<String, PipelineRecord> context;

    private StageProcessor(String name, Stage stage, Clock clock, boolean seesRejected) {
        this.name = name;
        this.stage = stage;
        this.clock = clock;
        this.seesRejected = seesRejected;
    }

    /** A stage that only sees requests still on their way. */
    public static FixedKeyProcessorSupplier<String, PipelineRecord, PipelineRecord> supplier(String name, Stage stage, Clock clock) {
        return () -> new StageProcessor(name, stage, clock, false);
    }

    /** A stage that also sees rejected requests (cost: a rejected answer was still billed). */
    public static FixedKeyProcessorSupplier<String, PipelineRecord, PipelineRecord> seeingRejected(String name, Stage stage, Clock clock) {
        return () -> new StageProcessor(name, stage, clock, true);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, PipelineRecord> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, PipelineRecord> record) {
        PipelineRecord envelope = record.value();
        if (envelope.getRejection() != null && !seesRejected) {
            context.forward(record);
            return;
        }
        Instant now = clock.instant();
        PipelineRecord out;
        try {
            out = stage.apply(envelope, now);
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("stage {} failed on request {}; rejecting it with INTERNAL_ERROR", name, record.key(), e);
            out = Envelopes.reject(envelope, RejectReason.INTERNAL_ERROR, "stage " + name + " failed: " + e.getClass().getSimpleName(), name, now);
        }
        context.forward(record.withValue(out));
    }
}
