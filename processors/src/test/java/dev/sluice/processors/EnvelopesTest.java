package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.schemas.avro.BatchJobRef;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Classification;
import dev.sluice.schemas.avro.CostRecord;
import dev.sluice.schemas.avro.Inference;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.Rejection;
import dev.sluice.schemas.avro.Role;
import dev.sluice.schemas.avro.Route;
import dev.sluice.schemas.avro.Sensitivity;
import dev.sluice.schemas.avro.SourceCoordinates;
import dev.sluice.schemas.avro.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

    @Test
    void editShouldCarryEveryFieldOfTheEnvelope() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        SourceCoordinates source = new SourceCoordinates("t", 1, 2L);
        Usage usage = new Usage(1L, 2L, 0L, 0L, 0L);
        PipelineRecord full = Envelopes.audit(PipelineRecord.newBuilder()
                .setRequest(TestConfig.request("r", "x").build())
                .setSource(source)
                .setReceivedAt(t)
                .setConfigVersion("v")
                .setPrompt(List.of(new ChatMessage(Role.USER, "x", null, null)))
                .setClassification(new Classification(Sensitivity.RESTRICTED, "finance", 0.5, "simple", 0.1, Map.of("EMAIL", 1), null, null, 1.0, 1.0))
                .setFindings(List.of(new dev.sluice.schemas.avro.PiiSpan("EMAIL", 0, 0, 1, 0.9)))
                .setRedactions(3)
                .setVault(new dev.sluice.schemas.avro.RedactionVault("k1", java.nio.ByteBuffer.wrap(new byte[12]), java.nio.ByteBuffer.wrap(new byte[16])))
                .setOutputRedactions(1)
                .setAllowedModels(List.of("a"))
                .setRoute(new Route("premium", List.of("a", "b")))
                .setAwaitingApproval(true)
                .setApprovalExpiresAt(t)
                .setEscalation(new Route("premium", List.of("c")))
                .setEscalate(true)
                .setPriorCosts(List.of(new CostRecord("r", "acme", "finance", "u", "b", usage, 3L, "USD", "v", 0, t)))
                .setReservation(new dev.sluice.schemas.avro.BudgetReservation(120L, 40L, List.of("b1@2026-11")))
                .setAttempt(1)
                .setCalls(2)
                .setRetries(1)
                .setNotBefore(t)
                .setBatchJob(new BatchJobRef("p", "job", "c-1", t))
                .setErrors(List.of("e"))
                .setInference(new Inference("a", "p", "answer", "stop", usage, 5L, true))
                .setCost(new CostRecord("r", "acme", "finance", "u", "a", usage, 9L, "USD", "v", 50, t))
                .setRejection(new Rejection("r", "acme", RejectReason.NO_ROUTE, "d", "route", source, t)), "s", "D", null, Map.of(), t).build();
        for (var field : full.getSchema().getFields()) {
            Object value = full.get(field.pos());
            assertThat(value).as("the fixture sets %s", field.name()).isNotNull();
            if (field.hasDefaultValue()) {
                Object defaultValue = org.apache.avro.specific.SpecificData.get().getDefaultValue(field);
                assertThat(value).as("the fixture sets %s to other than its default", field.name()).isNotEqualTo(defaultValue);
            }
        }

        assertThat(Envelopes.edit(full).build()).isEqualTo(full);
    }
}
