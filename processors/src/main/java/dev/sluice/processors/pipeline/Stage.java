package dev.sluice.processors.pipeline;

import dev.sluice.schemas.avro.PipelineRecord;
import java.time.Instant;

/**
 * One stateless stage of the request's way: maps the envelope to a new envelope (never mutating
 * it), recording its decision in the audit trail and setting a rejection when the request stops
 * here. Implementations are plain Java; {@link StageProcessor} adapts them to Kafka Streams and
 * passes already rejected envelopes by.
 */
@FunctionalInterface
public interface Stage {
    PipelineRecord apply(PipelineRecord envelope, Instant now);
}
