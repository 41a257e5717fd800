package dev.sluice.schemas.json;

/** JSON that does not fit the Avro schema; the message names the JSON path and what was expected. */
public class AvroJsonException extends RuntimeException {
    public AvroJsonException(String message) {
        super(message);
    }
}
