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
import org.apache.kafka.streams.state.KeyValueStore;
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
    private final StoreStage<Object> stage;
    private final String storeName;
    private final Clock clock;
    private final boolean seesRejected;
    private FixedKeyProcessorContext<String, PipelineRecord> context;
    private KeyedState<Object> store;

    @SuppressWarnings("unchecked")
    private StageProcessor(String name, StoreStage<?> stage, String storeName, Clock clock, boolean seesRejected) {
        this.name = name;
        this.stage = (StoreStage<Object>) stage;
        this.storeName = storeName;
        this.clock = clock;
        this.seesRejected = seesRejected;
    }

    /** A stage that only sees requests still on their way. */
    public static FixedKeyProcessorSupplier<String, PipelineRecord, PipelineRecord> supplier(String name, Stage stage, Clock clock) {
        return () -> new StageProcessor(name, stateless(stage), null, clock, false);
    }

    /** A stage that also sees rejected requests (cost: a rejected answer was still billed). */
    public static FixedKeyProcessorSupplier<String, PipelineRecord, PipelineRecord> seeingRejected(String name, Stage stage, Clock clock) {
        return () -> new StageProcessor(name, stateless(stage), null, clock, true);
    }

    /**
     * A stage with a store of its own, keyed by the record key; connect the store to the processor
     * ({@code processValues(supplier, named, storeName)}).
     *
     * @param seesRejected whether rejected requests are passed to the stage too
     */
    public static <V> FixedKeyProcessorSupplier<String, PipelineRecord, PipelineRecord> withStore(String name, StoreStage<V> stage, String storeName,
                                                                                                 Clock clock, boolean seesRejected) {
        return () -> new StageProcessor(name, stage, storeName, clock, seesRejected);
    }

    private static StoreStage<Object> stateless(Stage stage) {
        return (key, envelope, now, store) -> stage.apply(envelope, now);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, PipelineRecord> context) {
        this.context = context;
        if (storeName != null) {
            KeyValueStore<String, Object> kv = context.getStateStore(storeName);
            this.store = new KeyedState<>() {
                @Override
                public Object get(String key) {
                    return kv.get(key);
                }

                @Override
                public void put(String key, Object value) {
                    kv.put(key, value);
                }
            };
        }
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
            out = stage.apply(record.key(), envelope, now, store);
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("stage {} failed on request {}; rejecting it with INTERNAL_ERROR", name, record.key(), e);
            out = Envelopes.reject(envelope, RejectReason.INTERNAL_ERROR, "stage " + name + " failed: " + e.getClass().getSimpleName(), name, now);
        }
        context.forward(record.withValue(out));
    }
}
