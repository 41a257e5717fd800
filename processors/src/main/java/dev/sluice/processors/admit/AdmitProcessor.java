package dev.sluice.processors.admit;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.Rejection;
import dev.sluice.schemas.avro.SourceCoordinates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Admit stage adapter. Reads the raw bytes of the requests topic (so that no record, however
 * broken, can stop the pipeline), runs {@link Admitter}, then enforces idempotency with a window
 * store of request ids kept for the dedup window. Every record comes out as exactly one envelope,
 * keyed by request id (or by source coordinates when it could not be decoded).
 */
public final class AdmitProcessor implements Processor<byte[], byte[], String, PipelineRecord> {

    public static final String NAME = "admit";

    private final Admitter admitter;
    private final String storeName;
    private final Duration dedupWindow;
    private final String configVersion;
    private final Clock clock;
    private ProcessorContext<String, PipelineRecord> context;
    private WindowStore<String, Long> seen;

    public AdmitProcessor(Admitter admitter, String storeName, Duration dedupWindow, String configVersion, Clock clock) {
        this.admitter = admitter;
        this.storeName = storeName;
        this.dedupWindow = dedupWindow;
        this.configVersion = configVersion;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, PipelineRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Instant now = clock.instant();
        Optional<RecordMetadata> metadata = context.recordMetadata();
        SourceCoordinates source = new SourceCoordinates(
                metadata.map(RecordMetadata::topic).orElse("unknown"),
                metadata.map(RecordMetadata::partition).orElse(-1),
                metadata.map(RecordMetadata::offset).orElse(-1L));
        Admission admission = admitter.admit(record.key(), record.value(), now);
        PipelineRecord envelope;
        if (admission instanceof Admission.Refused refused) {
            envelope = refusedEnvelope(refused, source, now);
        } else {
            Admission.Accepted accepted = (Admission.Accepted) admission;
            String id = accepted.request().getRequestId();
            PipelineRecord.Builder builder = PipelineRecord.newBuilder()
                    .setRequest(accepted.request())
                    .setSource(source)
                    .setReceivedAt(now)
                    .setConfigVersion(configVersion)
                    .setPrompt(accepted.prompt());
            long ts = record.timestamp();
            Long firstOffset = firstSeen(id, ts);
            if (firstOffset != null) {
                envelope = Envelopes.reject(builder.build(), RejectReason.DUPLICATE_REQUEST,
                        "request id was already admitted (offset " + firstOffset + "); a replayed request never runs twice", NAME, now);
            } else {
                seen.put(id, source.getOffset(), ts);
                envelope = Envelopes.audit(builder, NAME, "ADMITTED", null, Map.of(
                        "principal", accepted.request().getPrincipal(),
                        "priority", accepted.request().getPriority().name()), now).build();
            }
        }
        context.forward(new Record<>(Envelopes.outcomeKey(envelope), envelope, record.timestamp()));
    }

    private Long firstSeen(String id, long timestamp) {
        try (WindowStoreIterator<Long> it = seen.fetch(id, Instant.ofEpochMilli(timestamp).minus(dedupWindow),
                Instant.ofEpochMilli(timestamp).plus(dedupWindow))) {
            return it.hasNext() ? it.next().value : null;
        }
    }

    private PipelineRecord refusedEnvelope(Admission.Refused refused, SourceCoordinates source, Instant now) {
        Rejection rejection = new Rejection(refused.requestId(), refused.tenant(), refused.reason(), refused.detail(), NAME, source, now);
        PipelineRecord.Builder builder = PipelineRecord.newBuilder()
                .setRequest(null)
                .setSource(source)
                .setReceivedAt(now)
                .setConfigVersion(configVersion)
                .setRejection(rejection);
        return Envelopes.audit(builder, NAME, "REJECTED", refused.reason().name(), Map.of("detail", refused.detail()), now).build();
    }
}
