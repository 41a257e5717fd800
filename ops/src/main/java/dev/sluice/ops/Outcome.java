package dev.sluice.ops;

import dev.sluice.schemas.avro.LlmResult;
import dev.sluice.schemas.avro.Rejection;
import dev.sluice.schemas.avro.SourceCoordinates;
import dev.sluice.topology.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A terminal outcome read back from the results or rejections topic. */
public record Outcome(String key, LlmResult result, Rejection rejection) {

    public SourceCoordinates source() {
        return result != null ? result.getSource() : rejection.getSource();
    }

    /** "OK" for a result, the rejection reason otherwise. */
    public String reason() {
        return result != null ? "OK" : rejection.getReason().name();
    }

    public static List<Outcome> decode(List<ConsumerRecord<byte[], byte[]>> records, Topics topics) {
        List<Outcome> out = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
            if (r.topic().equals(topics.results().name())) {
                out.add(new Outcome(key, topics.results().valueSerde().deserializer().deserialize(r.topic(), r.value()), null));
            } else {
                out.add(new Outcome(key, null, topics.rejections().valueSerde().deserializer().deserialize(r.topic(), r.value())));
            }
        }
        return out;
    }
}
