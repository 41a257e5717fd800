package dev.sluice.processors.audit;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.PipelineRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Links audit events into their partition's hash chain. Trails (a request's events, or one control
 * change) arrive keyed by the audit partition their events will be written to (so one task holds each partition's chain head, in a
 * changelogged store: a crash never forks a chain under exactly-once); events leave keyed by their
 * subject (request id, or source coordinates), which the producer's partitioner sends to that same
 * partition ({@link #partition}).
 */
public final class AuditChainProcessor implements Processor<String, PipelineRecord, String, AuditEvent> {

    private final String storeName;
    private final String keyId;
    private final byte[] key;
    private ProcessorContext<String, AuditEvent> context;
    private KeyValueStore<String, String> heads;

    /** @param keyId the signing key's id ("" with no key: events are hashed but not signed) */
    public AuditChainProcessor(String storeName, String keyId, byte[] key) {
        this.storeName = storeName;
        this.keyId = keyId == null ? "" : keyId;
        this.key = key;
    }

    /** The subject an event is keyed by on the audit topic. */
    public static String subject(AuditEvent e) {
        return e.getRequestId() != null ? e.getRequestId()
                : e.getSource().getTopic() + "/" + e.getSource().getPartition() + "/" + e.getSource().getOffset();
    }

    /** The audit partition the producer's default partitioner gives {@code subject} among {@code partitions}. */
    public static int partition(String subject, int partitions) {
        return Utils.toPositive(Utils.murmur2(subject.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void init(ProcessorContext<String, AuditEvent> context) {
        this.context = context;
        this.heads = context.getStateStore(storeName);
    }

    /** Links a request's trail (the envelope's audit events, in order) into the partition's chain. */
    @Override
    public void process(Record<String, PipelineRecord> record) {
        String head = heads.get(record.key());
        long sequence = 0;
        String prevHash = "";
        if (head != null) {
            int space = head.indexOf(' ');
            sequence = Long.parseLong(head.substring(0, space)) + 1;
            prevHash = head.substring(space + 1);
        }
        for (AuditEvent event : record.value().getAudit()) {
            AuditEvent linked = key == null ? unsigned(event, sequence, prevHash) : AuditChain.link(event, sequence, prevHash, keyId, key);
            context.forward(new Record<>(subject(linked), linked, record.timestamp()));
            prevHash = linked.getHash();
            sequence++;
        }
        if (!record.value().getAudit().isEmpty()) {
            heads.put(record.key(), (sequence - 1) + " " + prevHash);
        }
    }

    private static AuditEvent unsigned(AuditEvent event, long sequence, String prevHash) {
        AuditEvent linked = AuditEvent.newBuilder(event).setChainSequence(sequence).setPrevHash(prevHash).setKeyId("").setHash("").setSignature("").build();
        return AuditEvent.newBuilder(linked).setHash(AuditChain.hash(linked)).build();
    }
}
