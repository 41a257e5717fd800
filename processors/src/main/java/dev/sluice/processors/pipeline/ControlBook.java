package dev.sluice.processors.pipeline;

/**
 * What a global store of control records (price tables, template versions, policy versions) feeds:
 * an in-memory book the stages read while running.
 */
public interface ControlBook<V> {

    /** Takes a version; returns why it was refused (it is then ignored), or null. */
    String put(V value);

    /** Retires the version {@code key} names (a tombstone on the control topic). */
    void remove(String key);
}
