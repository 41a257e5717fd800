package dev.sluice.processors.pipeline;

/**
 * The state a {@link StoreStage} keeps per key: the stage's view of its store, so that the core stays
 * free of Kafka Streams ({@link StageProcessor} adapts the real store).
 */
public interface KeyedState<V> {

    /** The value for {@code key}, or null. */
    V get(String key);

    void put(String key, V value);
}
