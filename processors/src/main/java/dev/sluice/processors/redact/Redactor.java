package dev.sluice.processors.redact;

import dev.sluice.schemas.avro.ChatMessage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces detected personal data with typed placeholders, consistently within one request: the
 * same value gets the same placeholder in every message ({@code <EMAIL_1>} is one address
 * throughout), different values of a type are numbered in order of first appearance.
 */
public final class Redactor {

    private static final java.util.regex.Pattern NOT_DIGIT = java.util.regex.Pattern.compile("[^0-9+]");
    private static final int PASSES = 3;
    private final PiiDetector detector;

    public Redactor(PiiDetector detector) {
        this.detector = detector;
    }

    public Redaction redact(List<ChatMessage> messages, String country) {
        List<List<PiiFinding>> findings = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            findings.add(detector.detect(message.getContent(), country));
        }
        return redact(messages, findings, country);
    }

    public PiiDetector detector() {
        return detector;
    }

    /** Redacts with findings made earlier (by classify): {@code findings.get(i)} are message i's, in order, not overlapping. */
    public Redaction redact(List<ChatMessage> messages, List<List<PiiFinding>> findingsByMessage, String country) {
        return redact(messages, findingsByMessage, "", country);
    }

    /**
     * Replaces the findings, then looks again at the redacted text and replaces what has become
     * visible (a number a neighbouring value hid, such as a phone number directly before a card
     * number), up to {@value #PASSES} passes, so that nothing detectable is left.
     *
     * @param marker inserted before the number, e.g. "OUT_" for values found in an answer: {@code <EMAIL_OUT_1>}
     */
    public Redaction redact(List<ChatMessage> messages, List<List<PiiFinding>> findingsByMessage, String marker, String country) {
        Map<String, String> placeholders = new HashMap<>();
        Map<String, String> mapping = new HashMap<>();
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        List<ChatMessage> out = new ArrayList<>(messages.size());
        int replaced = 0;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            List<PiiFinding> findings = findingsByMessage.get(i);
            if (findings.isEmpty()) {
                out.add(message);
                continue;
            }
            String text = message.getContent();
            for (int pass = 0; pass < PASSES && !findings.isEmpty(); pass++) {
                StringBuilder redacted = new StringBuilder(text.length());
                int at = 0;
                for (PiiFinding finding : findings) {
                    redacted.append(text, at, finding.start());
                    String key = finding.type() + "\u0000" + normalise(finding);
                    String placeholder = placeholders.get(key);
                    if (placeholder == null) {
                        int n = counts.merge(finding.type(), 1, Integer::sum);
                        placeholder = "<" + finding.type() + "_" + marker + n + ">";
                        placeholders.put(key, placeholder);
                        mapping.put(placeholder, finding.value());
                    }
                    redacted.append(placeholder);
                    at = finding.end();
                    replaced++;
                }
                redacted.append(text, at, text.length());
                text = redacted.toString();
                findings = detector.detect(text, country);
            }
            out.add(new ChatMessage(message.getRole(), text, message.getName(), message.getCacheControl()));
        }
        return new Redaction(out, replaced, counts, mapping);
    }

    private static String normalise(PiiFinding finding) {
        return switch (finding.type()) {
            case EMAIL -> finding.value().toLowerCase(java.util.Locale.ROOT);
            case PHONE, CREDIT_CARD, US_SSN -> NOT_DIGIT.matcher(finding.value()).replaceAll("");
            case IBAN -> finding.value().replace(" ", "");
            case IP, URL -> finding.value().toLowerCase(java.util.Locale.ROOT);
            case DATE, SECRET, PERSON, LOCATION, ORGANIZATION -> finding.value();
            case NATIONAL_ID, VAT_ID -> finding.value().replaceAll("[\\s.-]", "").toUpperCase(java.util.Locale.ROOT);
        };
    }
}
