package dev.sluice.processors.redact;

/**
 * One detected value: {@code text.substring(start, end)} is of {@code type}.
 *
 * @param confidence 0..1; checksum-validated values score higher than pattern-only ones
 * @param recognizer which recognizer fired and what it checked ("card: Luhn"), for people who inspect findings
 */
public record PiiFinding(PiiType type, int start, int end, String value, double confidence, String recognizer) {
    public PiiFinding {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("finding span must be non-empty: " + start + ".." + end);
        }
    }

    /** A finding whose recognizer is not known here (one passed on between stages as a span). */
    public PiiFinding(PiiType type, int start, int end, String value, double confidence) {
        this(type, start, end, value, confidence, "unspecified");
    }

    /**
     * Classify's spans as findings per message, in span order ({@code result.get(i)} are message i's):
     * positions into the unredacted prompt, which must still be at hand.
     */
    public static java.util.List<java.util.List<PiiFinding>> byMessage(java.util.List<dev.sluice.schemas.avro.ChatMessage> prompt,
                                                                      java.util.List<dev.sluice.schemas.avro.PiiSpan> spans) {
        java.util.List<java.util.List<PiiFinding>> out = new java.util.ArrayList<>(prompt.size());
        for (int i = 0; i < prompt.size(); i++) {
            out.add(new java.util.ArrayList<>());
        }
        for (var span : spans) {
            String text = prompt.get(span.getMessage()).getContent();
            out.get(span.getMessage()).add(new PiiFinding(PiiType.valueOf(span.getType()), span.getStart(), span.getEnd(),
                    text.substring(span.getStart(), span.getEnd()), span.getConfidence()));
        }
        return out;
    }

    boolean overlaps(PiiFinding other) {
        return start < other.end && other.start < end;
    }
}
