package dev.sluice.processors.pipeline;

import dev.sluice.schemas.avro.EvidenceSpan;
import dev.sluice.schemas.avro.InjectionEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What made an injection score, in words for a rejection's detail, an approver and the audit log: the message, the rules
 * with where they matched, the learned model's probability with the passage it read highest. Names and positions only:
 * a rejection or an approval request never carries the prompt's text.
 */
public final class Evidence {

    private Evidence() {
    }

    /**
     * "message 1: rules override-instructions (characters 0-33), reveal-prompt (characters 38-64); learned model 0.12";
     * "message 2: learned model 0.97 (characters 412-480)"; an empty string for null.
     */
    public static String describe(InjectionEvidence evidence) {
        return describe(evidence, Positions.AS_SENT);
    }

    /** Which positions a description gives. */
    public enum Positions {
        /** None. */
        NONE,
        /** Those of the prompt as sent: for the sender and the audit log. */
        AS_SENT,
        /** Those of the prompt as redacted, for an approver, who sees only that (a placeholder is not as long as its value); none where the redact stage has not placed them. */
        REDACTED
    }

    /** @param positions which positions to give of where each signal was read */
    public static String describe(InjectionEvidence evidence, Positions positions) {
        if (evidence == null) {
            return "";
        }
        List<String> rules = new ArrayList<>(evidence.getRules().size());
        for (String rule : evidence.getRules()) {
            rules.add(rule + where(evidence, rule, positions));
        }
        StringBuilder out = new StringBuilder();
        out.append(evidence.getMessage() < 0 ? "a template value" : "message " + evidence.getMessage());
        String separator = ": ";
        if (!rules.isEmpty()) {
            out.append(separator).append(rules.size() == 1 ? "rule " : "rules ").append(String.join(", ", rules));
            separator = "; ";
        }
        if (evidence.getModelProbability() != null) {
            out.append(separator).append(String.format(Locale.ROOT, "learned model %.2f", evidence.getModelProbability()))
                    .append(where(evidence, "model", positions));
        }
        return out.toString();
    }

    private static String where(InjectionEvidence evidence, String signal, Positions positions) {
        if (positions == Positions.NONE) {
            return "";
        }
        for (EvidenceSpan span : evidence.getSpans()) {
            if (span.getSignal().equals(signal)) {
                if (positions == Positions.AS_SENT) {
                    return " (characters " + span.getStart() + "-" + span.getEnd() + ")";
                }
                return span.getRedactedStart() == null ? "" : " (characters " + span.getRedactedStart() + "-" + span.getRedactedEnd() + ")";
            }
        }
        return "";
    }
}
