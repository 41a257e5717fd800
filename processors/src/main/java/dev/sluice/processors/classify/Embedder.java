package dev.sluice.processors.classify;

/** A sentence embedding model: text to a vector whose cosine similarity tracks meaning. Thread-safe. */
@FunctionalInterface
public interface Embedder {
    float[] embed(String text);
}
