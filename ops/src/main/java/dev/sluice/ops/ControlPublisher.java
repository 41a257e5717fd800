package dev.sluice.ops;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.topology.Topic;
import dev.sluice.topology.Topics;
import dev.sluice.topology.config.SluiceConfig;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a control record (a price table, template or policy version) and the audit event that
 * records the change in one Kafka transaction: the change and its audit trail land together or not at
 * all. The audit event goes to the audit inbox, from where the pipeline links it into the hash chain.
 */
final class ControlPublisher {

    private ControlPublisher() {
    }

    /** Who makes a control change and why: the options every publishing command takes. */
    static final class Change {
        @picocli.CommandLine.Option(names = "--changed-by", required = true, description = "Who makes the change (recorded and audited).")
        String changedBy;

        @picocli.CommandLine.Option(names = "--note", description = "Why, for the audit trail.")
        String note;
    }

    /** The audit event of a control change: stage {@code control}, no request, its source the control topic. */
    static AuditEvent audit(String eventId, String decision, java.util.Map<String, String> attributes, String topic, String configVersion,
                            java.time.Instant at) {
        return AuditEvent.newBuilder().setEventId(eventId + "@" + at.toEpochMilli()).setRequestId(null).setTenant(null).setSequence(0)
                .setStage("control").setDecision(decision).setReason(null).setAttributes(attributes).setConfigVersion(configVersion)
                .setSource(new dev.sluice.schemas.avro.SourceCoordinates(topic, -1, -1L)).setTimestamp(at).build();
    }

    /** The latest value of every key of a control topic (tombstones remove), from the broker {@link Broker} finds. */
    static <V> java.util.Map<String, V> latest(SluiceCli.Common common, SluiceConfig config, Topic<String, V> topic) throws Exception {
        java.util.Map<String, V> out = new java.util.TreeMap<>();
        try (Broker broker = Broker.open(common, config, System.err);
             TopicReader reader = new TopicReader(broker.bootstrapServers(), java.util.List.of(topic.name()))) {
            reader.readToEnd(java.time.Duration.ofSeconds(30)).forEach(r -> {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (r.value() == null) {
                    out.remove(key);
                } else {
                    out.put(key, topic.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                }
            });
        }
        return out;
    }

    /** The version in force at {@code now}: the latest effectiveFrom not after it; null when none is. */
    static <V> V inForce(java.util.Collection<V> versions, java.util.function.Function<V, java.time.Instant> effectiveFrom, java.time.Instant now) {
        return versions.stream().filter(v -> !effectiveFrom.apply(v).isAfter(now)).max(java.util.Comparator.comparing(effectiveFrom)).orElse(null);
    }

    static <V> void publish(SluiceCli.Common common, SluiceConfig config, Topics topics, Topic<String, V> topic, String key, V value,
                            AuditEvent audit) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, common.clientBootstrap(config));
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sluice-control-" + UUID.randomUUID());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.putAll(config.originalsWithPrefix(SluiceConfig.KAFKA_PREFIX));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), topic.valueSerde().serializer().serialize(topic.name(), value)));
            producer.send(new ProducerRecord<>(topics.auditInbox().name(), (topic.name() + "/" + key).getBytes(StandardCharsets.UTF_8),
                    topics.auditInbox().valueSerde().serializer().serialize(topics.auditInbox().name(), audit)));
            producer.commitTransaction();
        }
    }
}
