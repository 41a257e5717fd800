package dev.sluice.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.Rejection;
import dev.sluice.schemas.avro.SourceCoordinates;
import dev.sluice.schemas.serde.AvroSerde;
import dev.sluice.schemas.serde.InProcessSchemaRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final InProcessSchemaRegistry registry = InProcessSchemaRegistry.seeded();

    @Test
    void shouldWriteConfluentWireFormatWithTheReleasedSchemaId() {
        AvroSerde<LlmRequest> serde = AvroSerde.of(LlmRequest.class, registry);

        byte[] bytes = serde.serialize("t", Fixtures.request("r-1"));

        assertThat(bytes[0]).isEqualTo((byte) 0);
        long current = org.apache.avro.SchemaNormalization.parsingFingerprint64(LlmRequest.getClassSchema());
        int releasedId = InProcessSchemaRegistry.readSeed().stream()
                .filter(e -> org.apache.avro.SchemaNormalization.parsingFingerprint64(e.schema()) == current)
                .findFirst().orElseThrow().id();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(releasedId);
        assertThat(serde.deserialize("t", bytes)).isEqualTo(Fixtures.request("r-1"));
    }

    @Test
    void shouldRoundTripEnumWithDefault() {
        AvroSerde<Rejection> serde = AvroSerde.of(Rejection.class, registry);
        Rejection rejection = new Rejection("r", "acme", RejectReason.INVALID_SIGNATURE, "bad", "admit",
                new SourceCoordinates("sluice.requests", 2, 7L), Instant.ofEpochMilli(5));

        assertThat(serde.deserialize("t", serde.serialize("t", rejection))).isEqualTo(rejection);
    }

    @Test
    void shouldAgreeOnIdsAcrossSeparateRegistries() {
        byte[] written = AvroSerde.of(LlmRequest.class, InProcessSchemaRegistry.seeded()).serialize("t", Fixtures.request("x"));

        LlmRequest read = AvroSerde.of(LlmRequest.class, InProcessSchemaRegistry.seeded()).deserialize("t", written);

        assertThat(read.getRequestId()).isEqualTo("x");
    }

    @Test
    void shouldRejectGarbageWithClearMessages() {
        AvroSerde<LlmRequest> serde = AvroSerde.of(LlmRequest.class, registry);

        assertThatThrownBy(() -> serde.deserialize("t", "{\"json\":1}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte 0x7b");
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {0, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("shorter than the 5-byte");
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {0, 0, 0, 0, 99, 1, 2}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("99");
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {0, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("cannot decode LlmRequest");
    }

    @Test
    void shouldRefuseARecordOfAnotherType() {
        byte[] rejection = AvroSerde.of(Rejection.class, registry).serialize("t", new Rejection(null, null,
                RejectReason.MALFORMED_RECORD, "x", "admit", new SourceCoordinates("t", 0, 0L), Instant.EPOCH));

        assertThatThrownBy(() -> AvroSerde.of(LlmRequest.class, registry).deserialize("t", rejection))
                .isInstanceOf(SerializationException.class).hasMessageContaining("expected dev.sluice.schemas.avro.LlmRequest");
    }
}
