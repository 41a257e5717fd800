package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.admit.Admission;
import dev.sluice.processors.admit.Admitter;
import dev.sluice.processors.admit.RequestSigner;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.TemplateRef;
import dev.sluice.schemas.serde.AvroSerde;
import dev.sluice.schemas.serde.InProcessSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmitterTest {

    private final AvroSerde<LlmRequest> serde = AvroSerde.of(LlmRequest.class, InProcessSchemaRegistry.seeded());
    private final Admitter admitter = new Admitter(TestConfig.config(), bytes -> serde.deserialize("t", bytes));
    private final Instant now = Instant.parse("2026-11-23T10:00:01Z");

    private Admission admit(LlmRequest request, boolean sign) {
        LlmRequest r = sign ? RequestSigner.signed(request, TestConfig.KEY) : request;
        return admitter.admit(r.getRequestId().getBytes(StandardCharsets.UTF_8), serde.serialize("t", r), now);
    }

    private static RejectReason reason(Admission a) {
        return a instanceof Admission.Refused r ? r.reason() : null;
    }

    @Test
    void shouldAcceptASignedRequest() {
        Admission admission = admit(TestConfig.request("r1", "hello").build(), true);
        assertThat(admission).isInstanceOf(Admission.Accepted.class);
        assertThat(((Admission.Accepted) admission).prompt()).hasSize(1);
    }

    @Test
    void shouldRejectUnsignedAndTamperedRequests() {
        assertThat(reason(admit(TestConfig.request("r1", "hello").build(), false))).isEqualTo(RejectReason.INVALID_SIGNATURE);
        LlmRequest signed = RequestSigner.signed(TestConfig.request("r1", "hello").build(), TestConfig.KEY);
        LlmRequest tampered = LlmRequest.newBuilder(signed).setDepartment("legal").build();
        assertThat(reason(admit(tampered, false))).isEqualTo(RejectReason.INVALID_SIGNATURE);
    }

    @Test
    void shouldRejectGarbageOversizeAndMismatchedKeys() {
        assertThat(reason(admitter.admit(null, new byte[] {9, 9, 9}, now))).isEqualTo(RejectReason.MALFORMED_RECORD);
        assertThat(reason(admitter.admit(null, new byte[20_000], now))).isEqualTo(RejectReason.RECORD_TOO_LARGE);
        LlmRequest r = RequestSigner.signed(TestConfig.request("r1", "hello").build(), TestConfig.KEY);
        assertThat(reason(admitter.admit("other".getBytes(StandardCharsets.UTF_8), serde.serialize("t", r), now))).isEqualTo(RejectReason.KEY_MISMATCH);
    }

    @Test
    void shouldRejectUnknownTenantsDepartmentsAndBadFields() {
        assertThat(reason(admit(TestConfig.request("r1", "hi").setTenant("nobody").build(), true))).isEqualTo(RejectReason.UNKNOWN_TENANT);
        assertThat(reason(admit(TestConfig.request("r1", "hi").setDepartment("hr").build(), true))).isEqualTo(RejectReason.UNKNOWN_TENANT);
        assertThat(reason(admit(TestConfig.request("r1", "hi").setCountry("Germany").build(), true))).isEqualTo(RejectReason.INVALID_REQUEST);
        assertThat(reason(admit(TestConfig.request("r1", "x".repeat(2_001)).build(), true))).isEqualTo(RejectReason.RECORD_TOO_LARGE);
        assertThat(reason(admit(TestConfig.request("r1", "hi").setDeadline(now.minusSeconds(1)).build(), true))).isEqualTo(RejectReason.DEADLINE_EXCEEDED);
    }

    @Test
    void shouldRenderTemplatesAndRejectMissingVariables() {
        LlmRequest ok = TestConfig.request("t1", "x").setMessages(List.of()).setTemplate(new TemplateRef("greet", 1, Map.of("name", "Ada"))).build();
        Admission accepted = admit(ok, true);
        assertThat(((Admission.Accepted) accepted).prompt().get(1).getContent()).isEqualTo("Say hello to Ada.");
        LlmRequest missing = TestConfig.request("t2", "x").setMessages(List.of()).setTemplate(new TemplateRef("greet", null, Map.of())).build();
        assertThat(reason(admit(missing, true))).isEqualTo(RejectReason.INVALID_REQUEST);
        LlmRequest wrongVersion = TestConfig.request("t3", "x").setMessages(List.of()).setTemplate(new TemplateRef("greet", 7, Map.of("name", "A"))).build();
        assertThat(reason(admit(wrongVersion, true))).isEqualTo(RejectReason.UNKNOWN_TEMPLATE);
    }

    @Test
    void shouldKeepTheSignatureWhenAnUnsetOptionalFieldIsAbsent() {
        LlmRequest request = TestConfig.request("r1", "hello").build();
        assertThat(RequestSigner.sign(request, TestConfig.KEY))
                .isEqualTo(RequestSigner.sign(LlmRequest.newBuilder(request).setMetadata(Map.of()).build(), TestConfig.KEY))
                .isNotEqualTo(RequestSigner.sign(LlmRequest.newBuilder(request).setMetadata(Map.of("k", "v")).build(), TestConfig.KEY));
    }
}
