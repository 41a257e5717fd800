package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.price.PriceBook;
import dev.sluice.processors.route.RouteStage;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Classification;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.Role;
import dev.sluice.schemas.avro.Sensitivity;
import dev.sluice.schemas.avro.SourceCoordinates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Route without budgets: the chain, and the models of providers whose breaker is open moved to its end. */
class RouteStageTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static PipelineRecord complexRequest() {
        return PipelineRecord.newBuilder()
                .setRequest(TestConfig.request("r-1", "Compare the offers.").build())
                .setSource(new SourceCoordinates("t", 0, 1L))
                .setReceivedAt(NOW)
                .setConfigVersion("v-test")
                .setPrompt(List.of(new ChatMessage(Role.USER, "Compare the offers.", null, null)))
                .setClassification(new Classification(Sensitivity.INTERNAL, "general", 0.0, "complex", 0.0, Map.of(), null, null, 1.0, 1.0))
                .setAllowedModels(List.of("ext-big", "eu-only", "onprem"))
                .build();
    }

    private static AuditEvent routed(PipelineRecord out) {
        return out.getAudit().get(out.getAudit().size() - 1);
    }

    @Test
    void shouldMoveModelsOfProvidersWithAnOpenBreakerToTheEndAndSaySo() {
        Set<String> open = Set.of("p1");
        PipelineRecord out = new RouteStage(TestConfig.config(), open::contains, new PriceBook(TestConfig.config())).apply("acme", complexRequest(), NOW, null);
        assertThat(out.getRoute().getChain()).containsExactly("eu-only", "onprem", "ext-big");
        assertThat(routed(out).getAttributes()).containsEntry("breakerOpen", "ext-big").containsEntry("primary", "eu-only");
    }

    @Test
    void shouldKeepTheChainWhenEveryBreakerIsClosedOrEveryOneIsOpen() {
        PipelineRecord closed = new RouteStage(TestConfig.config(), p -> false, new PriceBook(TestConfig.config())).apply("acme", complexRequest(), NOW, null);
        assertThat(closed.getRoute().getChain()).containsExactly("ext-big", "eu-only", "onprem");
        assertThat(routed(closed).getAttributes()).doesNotContainKey("breakerOpen");
        PipelineRecord allOpen = new RouteStage(TestConfig.config(), p -> true, new PriceBook(TestConfig.config())).apply("acme", complexRequest(), NOW, null);
        assertThat(allOpen.getRoute().getChain()).containsExactly("ext-big", "eu-only", "onprem");
    }
}
