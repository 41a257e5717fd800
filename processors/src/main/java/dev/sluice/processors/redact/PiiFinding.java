package dev.sluice.processors.redact;

/**
 * One detected value: {@code text.substring(start, end)} is of {@code type}.
 *
 * @param confidence 0..1; checksum-validated values score higher than pattern-only ones
 */
public record PiiFinding(PiiType type, int start, int end, String value, double confidence) {
    public PiiFinding {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("finding span must be non-empty: " + start + ".." + end);
        }
    }

    boolean overlaps(PiiFinding other) {
        return start < other.end && other.start < end;
    }
}
