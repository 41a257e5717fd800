package dev.sluice.processors.redact;

import dev.sluice.schemas.avro.ChatMessage;
import java.util.List;
import java.util.Map;

/**
 * The redacted prompt and what was replaced. The placeholder-to-value mapping is deliberately not
 * kept here: it never travels with the request.
 *
 * @param counts replaced values per type (the same value twice counts once)
 */
public record Redaction(List<ChatMessage> messages, int replaced, Map<PiiType, Integer> counts) {
    public Redaction {
        messages = List.copyOf(messages);
        counts = Map.copyOf(counts);
    }
}
