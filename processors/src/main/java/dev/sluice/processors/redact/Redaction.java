package dev.sluice.processors.redact;

import dev.sluice.schemas.avro.ChatMessage;
import java.util.List;
import java.util.Map;

/**
 * The redacted prompt and what was replaced.
 *
 * @param counts  replaced values per type (the same value twice counts once)
 * @param mapping placeholder to original value; it leaves the redact stage only sealed in a {@link Vault}
 */
public record Redaction(List<ChatMessage> messages, int replaced, Map<PiiType, Integer> counts, Map<String, String> mapping) {
    public Redaction {
        messages = List.copyOf(messages);
        counts = Map.copyOf(counts);
        mapping = Map.copyOf(mapping);
    }
}
