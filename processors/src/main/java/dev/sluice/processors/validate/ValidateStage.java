package dev.sluice.processors.validate;

import dev.sluice.processors.config.PolicyBook;
import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.pipeline.Stage;
import dev.sluice.processors.redact.Vault;
import dev.sluice.schemas.avro.Inference;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validate stage: the answer must not give away what the request's instructions protect
 * ({@link AnswerLeaks}); its personal data and secrets that the prompt did not carry are redacted; when
 * the request carries a response schema, the answer must satisfy it.
 */
public final class ValidateStage implements Stage {

    public static final String NAME = "validate";
    private final OutputValidator validator;
    private final dev.sluice.processors.redact.Redactor outputScan;
    private final double escalateBelow;
    /** The redaction keys, or null: validate may then not open a request's sealed mapping. */
    private final Map<String, byte[]> vaultKeys;
    private static final Pattern SECRET_PLACEHOLDER = Pattern.compile("<SECRET_\\d+>");

    /**
     * @param outputScan    finds personal data and secrets in answers; null to skip the scan
     * @param escalateBelow an answer whose confidence is below this goes to the request's escalation
     *                      chain when it has one (0: never)
     */
    public ValidateStage(OutputValidator validator, dev.sluice.processors.redact.Redactor outputScan, double escalateBelow) {
        this(validator, outputScan, escalateBelow, null);
    }

    /**
     * @param vaultKeys the redaction keys, to learn the secrets the redactor replaced in the instructions (a model
     *                  the policy lets see raw text saw them); null when this stage may not open the sealed mapping
     */
    public ValidateStage(OutputValidator validator, dev.sluice.processors.redact.Redactor outputScan, double escalateBelow, Map<String, byte[]> vaultKeys) {
        this(validator, outputScan, escalateBelow, vaultKeys, null);
    }

    /**
     * @param policies the policy versions: {@code policy.answerLeaks} says whether a leaking answer is withheld or
     *                 delivered and audited; null: withheld
     */
    public ValidateStage(OutputValidator validator, dev.sluice.processors.redact.Redactor outputScan, double escalateBelow, Map<String, byte[]> vaultKeys,
                         PolicyBook policies) {
        this.validator = validator;
        this.outputScan = outputScan;
        this.escalateBelow = escalateBelow;
        this.vaultKeys = vaultKeys == null ? null : Map.copyOf(vaultKeys);
        this.policies = policies;
    }

    private final PolicyBook policies;

    public ValidateStage(OutputValidator validator, dev.sluice.processors.redact.Redactor outputScan) {
        this(validator, outputScan, 0.0);
    }

    public ValidateStage(OutputValidator validator) {
        this(validator, null);
    }

    private static final Pattern REFUSAL = Pattern.compile(
            "(?i)^\\W*(i'?m sorry,? but|i (?:can ?not|can'?t|am unable to|won'?t) (?:help|assist|comply|provide|do that)|as an ai\\b)");

    /** How much validation trusts an answer, and why not more. */
    record Judgement(double confidence, String reason) {
    }

    /**
     * 0.1 for an empty answer, 0.2 for one off its schema, 0.3 for a refusal, 0.4 for one cut at the
     * token limit, 1.0 otherwise: the signals a batch job can check without a second model.
     */
    static Judgement judge(Inference inference, boolean offSchema) {
        String content = inference.getContent();
        if (content == null || content.isBlank()) {
            return new Judgement(0.1, "EMPTY");
        }
        if (offSchema) {
            return new Judgement(0.2, "OFF_SCHEMA");
        }
        if (REFUSAL.matcher(content).find()) {
            return new Judgement(0.3, "REFUSAL");
        }
        String finish = inference.getFinishReason();
        if ("length".equals(finish) || "max_tokens".equals(finish) || "MAX_TOKENS".equals(finish)) {
            return new Judgement(0.4, "TRUNCATED");
        }
        return new Judgement(1.0, null);
    }

    /**
     * Output scan: personal data or secrets in the answer that the prompt did not carry (the prompt's
     * own values went out as placeholders) are replaced by {@code <TYPE_OUT_n>} and flagged.
     */
    private PipelineRecord scan(PipelineRecord envelope, Instant now) {
        if (outputScan == null) {
            return envelope;
        }
        String answer = envelope.getInference().getContent();
        var findings = outputScan.detector().detect(answer, envelope.getRequest().getCountry());
        if (findings.isEmpty()) {
            return envelope;
        }
        var message = new dev.sluice.schemas.avro.ChatMessage(dev.sluice.schemas.avro.Role.ASSISTANT, answer, null, null);
        var redaction = outputScan.redact(java.util.List.of(message), java.util.List.of(findings), "OUT_", envelope.getRequest().getCountry());
        var inference = Inference.newBuilder(envelope.getInference())
                .setContent(redaction.messages().get(0).getContent()).build();
        PipelineRecord.Builder builder = Envelopes.edit(envelope).setInference(inference).setOutputRedactions(redaction.replaced());
        return Envelopes.audit(builder, NAME, "OUTPUT_REDACTED", "OUTPUT_PII", Map.of(
                "replaced", Integer.toString(redaction.replaced()),
                "types", redaction.counts().toString()), now).build();
    }

    /**
     * A leak of what the instructions (the prompt's system turns, as the model saw them) protect, judged on
     * the answer as the model wrote it; what the other turns already hold is not a leak.
     */
    Optional<AnswerLeaks.Leak> leak(PipelineRecord envelope) {
        StringBuilder instructions = new StringBuilder();
        StringBuilder others = new StringBuilder();
        for (var message : envelope.getPrompt()) {
            (message.getRole() == Role.SYSTEM ? instructions : others).append(message.getContent()).append('\n');
        }
        if (instructions.length() == 0) {
            return Optional.empty();
        }
        return AnswerLeaks.check(envelope.getInference().getContent(), instructions.toString(), others.toString(), redactedSecrets(envelope, instructions));
    }

    /**
     * The values of the secrets the redactor replaced in the instructions ({@code <SECRET_n>}), opened from the
     * request's sealed mapping in memory for this check only, as infer opens it for a raw-text call. A model that got
     * the redacted text cannot give them away; one that the policy let see the raw text can.
     */
    private List<String> redactedSecrets(PipelineRecord envelope, CharSequence instructions) {
        if (vaultKeys == null || envelope.getVault() == null) {
            return List.of();
        }
        Matcher m = SECRET_PLACEHOLDER.matcher(instructions);
        if (!m.find()) {
            return List.of();
        }
        Map<String, String> mapping = Vault.open(envelope.getVault(), envelope.getRequest().getRequestId(), vaultKeys);
        List<String> secrets = new ArrayList<>();
        do {
            String value = mapping.get(m.group());
            if (value != null) {
                secrets.add(value);
            }
        } while (m.find());
        return secrets;
    }

    @Override
    public PipelineRecord apply(PipelineRecord original, Instant now) {
        Optional<AnswerLeaks.Leak> leak = leak(original);
        PipelineRecord checked = original;
        if (leak.isPresent()) {
            PolicyBook.Versioned policy = policies == null ? null : policies.at(now);
            if (policy == null || policy.rules().withholdsAnswerLeaks()) {
                // the call is still priced (the cost stage sees rejections, and reads the usage, not the text);
                // the answer goes nowhere: not even the envelope keeps it
                var withheld = Inference.newBuilder(original.getInference()).setContent("").build();
                return Envelopes.reject(Envelopes.edit(original).setInference(withheld).build(), RejectReason.OUTPUT_LEAK, "the answer gives away " + leak.get()
                        + " that the request's instructions protect; it is withheld", NAME, now);
            }
            // policy.answerLeaks: audit — the answer goes on, and the audit log says what it gave away and by which policy
            checked = Envelopes.audit(Envelopes.edit(original), NAME, "LEAK_AUDITED", RejectReason.OUTPUT_LEAK.name(), Map.of(
                    "leak", leak.get().toString(),
                    "policy", policy.version() + " (policy.answerLeaks: audit)"), now).build();
        }
        PipelineRecord envelope = scan(checked, now);
        String schema = envelope.getRequest().getResponseSchema();
        Optional<String> violations = schema == null ? Optional.empty() : validator.violations(envelope.getInference().getContent(), schema);
        Judgement judgement = judge(envelope.getInference(), violations.isPresent());
        String confidence = String.format(java.util.Locale.ROOT, "%.1f", judgement.confidence());
        if (judgement.confidence() < escalateBelow && envelope.getEscalation() != null
                && envelope.getEscalation().getChain().stream().anyMatch(m -> !m.equals(envelope.getInference().getModel()))) {
            // the answer is billed and priced all the same; the request is then called again one tier up
            return Envelopes.audit(Envelopes.edit(envelope).setEscalate(true), NAME, "ESCALATING", judgement.reason(), Map.of(
                    "confidence", confidence,
                    "model", envelope.getInference().getModel(),
                    "nextTier", envelope.getEscalation().getTier()), now).build();
        }
        if (violations.isPresent()) {
            return Envelopes.reject(envelope, RejectReason.OUTPUT_SCHEMA_INVALID, violations.get(), NAME, now);
        }
        return Envelopes.audit(Envelopes.edit(envelope), NAME, "VALID", judgement.reason(), Map.of(
                "check", schema == null ? "none requested" : "json-schema",
                "confidence", confidence), now).build();
    }
}
