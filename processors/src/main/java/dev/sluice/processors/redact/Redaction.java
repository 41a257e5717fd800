package dev.sluice.processors.redact;

import dev.sluice.schemas.avro.ChatMessage;
import java.util.List;
import java.util.Map;

/**
 * The redacted prompt and what was replaced.
 *
 * @param counts  replaced values per type (the same value twice counts once)
 * @param mapping      placeholder to original value; it leaves the redact stage only sealed in a {@link Vault}
 * @param replacements per message, every value replaced, with its offsets into the original message
 *                     text and its placeholder, in the order they were found
 */
public record Redaction(List<ChatMessage> messages, int replaced, Map<PiiType, Integer> counts, Map<String, String> mapping,
                        List<List<Replacement>> replacements) {
    public Redaction {
        messages = List.copyOf(messages);
        counts = Map.copyOf(counts);
        mapping = Map.copyOf(mapping);
        replacements = replacements.stream().map(List::copyOf).toList();
    }

    /**
     * One replaced value.
     *
     * @param finding     what was found, {@code start} and {@code end} into the original message text
     *                    (a value found only once its neighbour was replaced is mapped back to the original)
     * @param placeholder what replaced it
     */
    public record Replacement(PiiFinding finding, String placeholder) {
    }
}
