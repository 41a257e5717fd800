package dev.sluice.processors.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domains by meaning: each configured domain is the normalised mean of its example utterances'
 * embeddings (its centroid), and a prompt belongs to the domain whose centroid is most similar
 * (cosine). Below {@code minSimilarity} the prompt is {@value Classifier#GENERAL}. The confidence is
 * the softmax of the similarities at temperature {@value #TEMPERATURE}: near 1 when one domain stands
 * out, near 1/n when several are alike.
 */
public final class DomainCentroids {

    static final double TEMPERATURE = 0.05;

    /** The nearest domain, its similarity and confidence, and every domain's similarity. */
    public record Nearest(String domain, double similarity, double confidence, Map<String, Double> similarities) {
    }

    private final Embedder embedder;
    private final Map<String, float[]> centroids = new LinkedHashMap<>();
    private final double minSimilarity;

    /** @param examples domain to its example utterances (at least one each) */
    public DomainCentroids(Embedder embedder, Map<String, List<String>> examples, double minSimilarity) {
        this.embedder = embedder;
        this.minSimilarity = minSimilarity;
        examples.forEach((domain, utterances) -> {
            if (utterances.isEmpty()) {
                throw new IllegalArgumentException("domain '" + domain + "' needs at least one example utterance");
            }
            List<float[]> vectors = new ArrayList<>();
            utterances.forEach(u -> vectors.add(normalised(embedder.embed(u))));
            centroids.put(domain, normalised(mean(vectors)));
        });
        if (centroids.isEmpty()) {
            throw new IllegalArgumentException("no domain examples configured");
        }
    }

    public Nearest nearest(String text) {
        float[] v = normalised(embedder.embed(text));
        Map<String, Double> similarities = new LinkedHashMap<>();
        String best = null;
        double bestSimilarity = -2;
        for (Map.Entry<String, float[]> centroid : centroids.entrySet()) {
            double s = dot(v, centroid.getValue());
            similarities.put(centroid.getKey(), s);
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = centroid.getKey();
            }
        }
        double sum = 0;
        for (double s : similarities.values()) {
            sum += Math.exp((s - bestSimilarity) / TEMPERATURE);
        }
        double confidence = 1.0 / sum;
        if (bestSimilarity < minSimilarity) {
            return new Nearest(Classifier.GENERAL, bestSimilarity, 0.0, similarities);
        }
        return new Nearest(best, bestSimilarity, confidence, similarities);
    }

    private static float[] mean(List<float[]> vectors) {
        float[] out = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < out.length; i++) {
                out[i] += v[i] / vectors.size();
            }
        }
        return out;
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
