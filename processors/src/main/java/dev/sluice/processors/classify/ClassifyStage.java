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

    @Override
    public PipelineRecord apply(PipelineRecord envelope, Instant now) {
        var request = envelope.getRequest();
        Classification c = classifier.classify(envelope.getPrompt(), request.getDataClassification(), request.getCountry(),
                request.getResponseSchema() != null);
        PipelineRecord.Builder builder = PipelineRecord.newBuilder(envelope).setClassification(c);
        return Envelopes.audit(builder, NAME, "CLASSIFIED", null, Map.of(
                "sensitivity", c.getSensitivity().name(),
                "domain", c.getDomain(),
                "domainConfidence", String.format(Locale.ROOT, "%.2f", c.getDomainConfidence()),
                "tier", c.getTier(),
                "injectionScore", String.format(Locale.ROOT, "%.2f", c.getInjectionScore()),
                "pii", c.getPiiCounts().toString()), now).build();
    }
}
