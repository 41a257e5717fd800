package dev.sluice.processors.classify;

import dev.sluice.processors.config.GatewayConfig.ClassifierRules;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.processors.redact.PiiFinding;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Classification;
import dev.sluice.schemas.avro.PiiSpan;
import java.util.ArrayList;
import dev.sluice.schemas.avro.Sensitivity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The classify stage's core: sensitivity, domain, complexity tier and injection score of a prompt.
 *
 * <ul>
 *   <li>Sensitivity is the highest of: the caller's label, RESTRICTED for financial or national
 *       identifiers (card, IBAN, SSN), CONFIDENTIAL for contact data or configured sensitive terms,
 *       and INTERNAL otherwise. Sluice never classifies below the caller's label.</li>
 *   <li>Domain is the configured domain whose keywords occur most often; confidence is its share of
 *       all keyword hits; no hit gives {@code general} with confidence 0.</li>
 *   <li>Tier: {@code complex} for long prompts or several analysis cues, {@code simple} for short ones
 *       without cues, {@code standard} otherwise.</li>
 * </ul>
 */
public final class Classifier {

    public static final String GENERAL = "general";
    private static final Pattern ANALYSIS_CUES = Pattern.compile(
            "\\b(step by step|analy[sz]e|compare|evaluate|derive|prove|reason|trade-?offs?|multi-step|plan|assess|reconcile)\\b");

    private final ClassifierRules rules;
    private final PiiDetector detector;
    private final InjectionDetector injection;
    private final Map<String, Pattern> domainPatterns = new TreeMap<>();
    private final Pattern sensitivePattern;

    public Classifier(ClassifierRules rules, PiiDetector detector, InjectionDetector injection) {
        this.rules = rules;
        this.detector = detector;
        this.injection = injection;
        rules.domains().forEach((domain, words) -> domainPatterns.put(domain, anyWord(words)));
        this.sensitivePattern = rules.sensitiveTerms().isEmpty() ? null : anyWord(rules.sensitiveTerms());
    }

    /** One alternation per lexicon, matched against the lower-cased text: one pass instead of one per word. */
    private static Pattern anyWord(List<String> words) {
        StringBuilder alternation = new StringBuilder();
        for (String word : words) {
            alternation.append(alternation.length() == 0 ? "" : "|").append(Pattern.quote(word.toLowerCase(Locale.ROOT)));
        }
        return Pattern.compile("\\b(?:" + alternation + ")\\b");
    }

    /** The classification and where the personal data is, so that redact need not look again. */
    public record Result(Classification classification, List<PiiSpan> findings) {
    }

    public Classification classify(List<ChatMessage> prompt, Sensitivity callerLabel, String country, boolean structuredOutput) {
        return classifyWithFindings(prompt, callerLabel, country, structuredOutput).classification();
    }

    public Result classifyWithFindings(List<ChatMessage> prompt, Sensitivity callerLabel, String country, boolean structuredOutput) {
        StringBuilder all = new StringBuilder();
        Map<String, Integer> piiCounts = new TreeMap<>();
        List<PiiSpan> spans = new ArrayList<>();
        for (int i = 0; i < prompt.size(); i++) {
            String content = prompt.get(i).getContent();
            all.append(content).append('\n');
            for (PiiFinding finding : detector.detect(content, country)) {
                piiCounts.merge(finding.type().name(), 1, Integer::sum);
                spans.add(new PiiSpan(finding.type().name(), i, finding.start(), finding.end(), finding.confidence()));
            }
        }
        String text = all.toString();
        String lower = text.toLowerCase(Locale.ROOT);

        Sensitivity sensitivity = callerLabel == null ? Sensitivity.INTERNAL : max(Sensitivity.INTERNAL, callerLabel);
        if (piiCounts.containsKey("CREDIT_CARD") || piiCounts.containsKey("IBAN") || piiCounts.containsKey("US_SSN")) {
            sensitivity = max(sensitivity, Sensitivity.RESTRICTED);
        } else if (!piiCounts.isEmpty() || (sensitivePattern != null && sensitivePattern.matcher(lower).find())) {
            sensitivity = max(sensitivity, Sensitivity.CONFIDENTIAL);
        }

        String domain = GENERAL;
        int best = 0;
        int total = 0;
        for (Map.Entry<String, Pattern> entry : domainPatterns.entrySet()) {
            int hits = 0;
            for (var m = entry.getValue().matcher(lower); m.find(); ) {
                hits++;
            }
            total += hits;
            if (hits > best) {
                best = hits;
                domain = entry.getKey();
            }
        }
        double domainConfidence = total == 0 ? 0.0 : (double) best / total;

        int cues = 0;
        for (var m = ANALYSIS_CUES.matcher(lower); m.find(); ) {
            cues++;
        }
        String tier;
        if (text.length() > 6000 || cues >= 3 || (structuredOutput && cues >= 1)) {
            tier = "complex";
        } else if (text.length() < 400 && cues == 0) {
            tier = "simple";
        } else {
            tier = "standard";
        }

        double injectionScore = 0;
        for (ChatMessage m : prompt) {
            injectionScore = Math.max(injectionScore, injection.score(m.getContent()));
        }
        return new Result(new Classification(sensitivity, domain, domainConfidence, tier, injectionScore, piiCounts), spans);
    }

    private static Sensitivity max(Sensitivity a, Sensitivity b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    ClassifierRules rules() {
        return rules;
    }
}
