package dev.sluice.schemas.serde;

/** A schema registry could not answer: unknown id, schema not registrable, registry unreachable. */
public class SchemaRegistryException extends RuntimeException {
    public SchemaRegistryException(String message) {
        super(message);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
