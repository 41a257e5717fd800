package dev.sluice.ops;

import dev.sluice.processors.admit.RequestSigner;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.json.AvroJson;
import dev.sluice.schemas.json.AvroJsonException;
import dev.sluice.schemas.serde.AvroSerde;
import dev.sluice.schemas.serde.SchemaRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes JSON-lines requests to the requests topic as Avro in the Confluent wire format, keyed
 * by request id. A request without a signature is signed with its tenant's key when the gateway
 * configuration knows it. A line that is not a valid request is published as it is, so that the
 * gateway records its rejection: nothing a caller submits is dropped silently.
 */
public final class Submitter {

    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([^\"]+)\"");

    /** What was published: all records, and how many were sent raw because they were not valid requests. */
    public record Summary(int published, int raw, List<String> problems) {
    }

    private Submitter() {
    }

    public static Summary submit(Path file, String bootstrapServers, String topic, SchemaRegistry registry, GatewayConfig gateway,
                                 boolean sign) throws IOException {
        AvroSerde<LlmRequest> serde = AvroSerde.of(LlmRequest.class, registry);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int published = 0;
        int raw = 0;
        List<String> problems = new java.util.ArrayList<>();
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("//")) {
                    continue;
                }
                byte[] key;
                byte[] value;
                try {
                    LlmRequest request = AvroJson.fromJson(line, LlmRequest.class);
                    if (sign && request.getSignature() == null) {
                        var tenant = gateway.tenant(request.getTenant());
                        if (tenant.isPresent()) {
                            request = RequestSigner.signed(request, tenant.get().signingKey());
                        }
                    }
                    key = request.getRequestId().getBytes(StandardCharsets.UTF_8);
                    value = serde.serialize(topic, request);
                } catch (AvroJsonException e) {
                    Matcher m = REQUEST_ID.matcher(line);
                    key = m.find() ? m.group(1).getBytes(StandardCharsets.UTF_8) : null;
                    value = line.getBytes(StandardCharsets.UTF_8);
                    raw++;
                    problems.add("line " + (i + 1) + ": " + e.getMessage() + " (sent as is; the gateway will reject it)");
                }
                producer.send(new ProducerRecord<>(topic, key, value));
                published++;
            }
            producer.flush();
        }
        return new Summary(published, raw, problems);
    }
}
