package dev.sluice.topology;

import dev.sluice.connectors.embeddings.MiniLmEmbedder;
import dev.sluice.processors.classify.Classifier;
import dev.sluice.processors.classify.DomainCentroids;
import dev.sluice.processors.classify.InjectionDetector;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.ClassifierRules;
import dev.sluice.processors.redact.PiiDetector;

/** The classifier the configuration asks for: keyword domains, or domains by example utterances (all-MiniLM-L6-v2). */
public final class Classifiers {

    private Classifiers() {
    }

    public static Classifier create(GatewayConfig config, PiiDetector detector) {
        ClassifierRules rules = config.classifier();
        DomainCentroids centroids = ClassifierRules.MINILM.equals(rules.domainModel())
                ? new DomainCentroids(new MiniLmEmbedder(), rules.domainExamples(), rules.domainMinSimilarity())
                : null;
        return new Classifier(rules, detector, new InjectionDetector(), centroids);
    }
}
