package dev.sluice.processors.classify;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.pipeline.Stage;
import dev.sluice.schemas.avro.Classification;
import dev.sluice.schemas.avro.PipelineRecord;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Classify stage: sets the envelope's classification and audits it. */
public final class ClassifyStage implements Stage {

    public static final String NAME = "classify";
    private final Classifier classifier;

    public ClassifyStage(Classifier classifier) {
        this.classifier = classifier;
    }

    /** 0..1 with two decimals, without java.util.Formatter on the hot path. */
    static String twoDecimals(double value) {
        long hundredths = Math.round(value * 100);
        return hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "") + hundredths % 100;
    }

    @Override
    public PipelineRecord apply(PipelineRecord envelope, Instant now) {
        var request = envelope.getRequest();
        // from a template, only its variable values are scored for injection (its own text is approved instructions)
        Classifier.Result result = classifier.classifyWithFindings(envelope.getPrompt(), request.getDataClassification(), request.getCountry(),
                request.getResponseSchema() != null, request.getTemplate() == null ? null : request.getTemplate().getVariables().values());
        Classification c = result.classification();
        PipelineRecord.Builder builder = Envelopes.edit(envelope).setClassification(c).setFindings(result.findings());
        return Envelopes.audit(builder, NAME, "CLASSIFIED", null, Map.of(
                "sensitivity", c.getSensitivity().name(),
                "sensitivityConfidence", twoDecimals(c.getSensitivityConfidence()),
                "domain", c.getDomain(),
                "domainConfidence", twoDecimals(c.getDomainConfidence()),
                "tier", c.getTier(),
                "tierConfidence", twoDecimals(c.getTierConfidence()),
                "injectionScore", twoDecimals(c.getInjectionScore()),
                "injectionEvidence", c.getInjectionEvidence() == null ? "none" : dev.sluice.processors.pipeline.Evidence.describe(c.getInjectionEvidence()),
                "pii", c.getPiiCounts().toString()), now).build();
    }
}
