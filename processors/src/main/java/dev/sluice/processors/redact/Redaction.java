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
 * @param placed       per message, the placeholders of the redacted text in order, with the span of the original each stands
 *                     for; between them the redacted text is the original's, character for character
 */
public record Redaction(List<ChatMessage> messages, int replaced, Map<PiiType, Integer> counts, Map<String, String> mapping,
                        List<List<Replacement>> replacements, List<List<Placed>> placed) {
    public Redaction {
        messages = List.copyOf(messages);
        counts = Map.copyOf(counts);
        mapping = Map.copyOf(mapping);
        replacements = replacements.stream().map(List::copyOf).toList();
        placed = placed.stream().map(List::copyOf).toList();
    }

    /**
     * Where {@code [start, end)} of message {@code message}'s original text lies in its redacted text: a position between
     * placeholders moves by what the placeholders before it added or took away; a position inside a replaced value moves to
     * the edge of its placeholder, so the span covers the whole placeholder.
     *
     * @return the start and end in the redacted text
     */
    public int[] redactedSpan(int message, int start, int end) {
        List<Placed> here = placed.get(message);
        int newStart = start;
        int newEnd = end;
        for (Placed p : here) {
            if (p.originEnd() <= start) {
                newStart = p.end() + (start - p.originEnd());
            } else if (p.originStart() <= start) {
                newStart = p.start();
            }
            if (p.originEnd() <= end) {
                newEnd = p.end() + (end - p.originEnd());
            } else if (p.originStart() < end) {
                newEnd = p.end();
            }
        }
        return new int[] {newStart, Math.max(newStart, newEnd)};
    }

    /** A placeholder at {@code [start, end)} of the redacted text that stands for {@code [originStart, originEnd)} of the original. */
    public record Placed(int start, int end, int originStart, int originEnd) {
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
