package dev.sluice.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro classes in the Confluent wire format: magic byte 0, the 4-byte
 * big-endian schema id, then Avro binary. Any Confluent-compatible consumer reads what it writes.
 *
 * <p>The writer schema is registered (or looked up) once per serde under the record-name subject;
 * readers resolve the writer schema by id and project it onto the generated class's schema, so old
 * and new producers can be read side by side. A malformed payload raises
 * {@link SerializationException} with what was wrong.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    public static final byte MAGIC_BYTE = 0;
    private static final int HEADER_SIZE = 5;

    static {
        // Avro 1.12.2 refuses to instantiate generated classes it does not trust (enum defaults).
        String trusted = System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES");
        if (trusted == null || !trusted.contains("dev.sluice.schemas.avro")) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                    (trusted == null || trusted.isBlank() ? "java.lang,java.util" : trusted) + ",dev.sluice.schemas.avro");
        }
    }

    private final SchemaRegistry registry;
    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private volatile int writerId = -1;

    private AvroSerde(SchemaRegistry registry, Class<T> type) {
        this.registry = registry;
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.writer = new SpecificDatumWriter<>(readerSchema);
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, SchemaRegistry registry) {
        if (registry == null) {
            throw new IllegalArgumentException("registry must not be null");
        }
        return new AvroSerde<>(registry, type);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = writerId();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("payload of " + data.length + " bytes is shorter than the 5-byte wire-format header");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("unknown magic byte 0x%02x: not Confluent wire format", data[0]));
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        SpecificDatumReader<T> reader;
        try {
            reader = readers.computeIfAbsent(id, this::readerFor);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot resolve writer schema " + id + " for " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_SIZE, data.length - HEADER_SIZE, null);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("trailing bytes after " + type.getSimpleName() + " with schema id " + id);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("cannot decode " + type.getSimpleName() + " with schema id " + id + ": " + e, e);
        }
    }

    private SpecificDatumReader<T> readerFor(int id) {
        Schema writerSchema = registry.schemaById(id);
        if (writerSchema.getType() != Schema.Type.RECORD || !writerSchema.getFullName().equals(readerSchema.getFullName())) {
            throw new SerializationException("schema id " + id + " is " + writerSchema.getFullName()
                    + ", expected " + readerSchema.getFullName());
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema);
    }

    private int writerId() {
        int id = writerId;
        if (id < 0) {
            id = registry.register(SchemaRegistry.subjectFor(readerSchema), readerSchema);
            writerId = id;
        }
        return id;
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Configured at construction.
    }

    @Override
    public void close() {
        // Nothing to release; the registry is owned by the caller.
    }
}
