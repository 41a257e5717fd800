package dev.sluice.schemas.serde;

import org.apache.avro.Schema;

/**
 * The part of a Confluent-compatible schema registry that the serdes need.
 *
 * <p>Shaped after the Confluent Schema Registry REST API ({@code POST /subjects/{subject}/versions},
 * {@code GET /schemas/ids/{id}}) so that a REST client for Confluent Schema Registry, Apicurio
 * ({@code /apis/ccompat/v7}), Karapace or Redpanda can implement it. Implementations must be
 * thread-safe; callers cache the answers, so implementations need not.
 */
public interface SchemaRegistry {

    /**
     * Returns the id of {@code schema} under {@code subject}, registering it when the registry
     * does not hold it yet and registration is allowed.
     *
     * @throws SchemaRegistryException when the schema is unknown and cannot be registered
     */
    int register(String subject, Schema schema);

    /**
     * Returns the schema registered under {@code id}.
     *
     * @throws SchemaRegistryException when no schema has that id
     */
    Schema schemaById(int id);

    /** Subject naming: Sluice uses the record-name strategy, so one subject per record type on every topic. */
    static String subjectFor(Schema schema) {
        return schema.getFullName();
    }
}
