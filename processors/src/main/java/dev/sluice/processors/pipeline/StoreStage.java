package dev.sluice.processors.pipeline;

import dev.sluice.schemas.avro.PipelineRecord;
import java.time.Instant;

/**
 * A stage that keeps state per record key in one store (the budget stages, keyed by tenant). Like a
 * {@link Stage} it never mutates its input envelope; it writes the store only once its decision is
 * made, so a failure leaves the store as it was.
 */
@FunctionalInterface
public interface StoreStage<V> {
    PipelineRecord apply(String key, PipelineRecord envelope, Instant now, KeyedState<V> state);
}
