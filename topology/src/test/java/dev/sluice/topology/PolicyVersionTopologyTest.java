package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.PolicyVersion;
import dev.sluice.schemas.avro.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/**
 * Policies as versioned control records, reloaded while running: the version in force decides and
 * is cited; a later version takes over at its effectiveFrom; a retired one stops; a version naming a
 * model the gateway does not know is ignored. The harness's requests come from DE.
 */
class PolicyVersionTopologyTest {

    private static PolicyVersion blocking(String version, Instant from, List<String> blocked, Map<String, List<String>> byDomain) {
        return PolicyVersion.newBuilder().setVersion(version).setEffectiveFrom(from).setModelsByDomain(byDomain).setModelsByCountry(Map.of())
                .setBlockedCountries(blocked).setChangedBy("compliance@acme.example").setNote(null).build();
    }

    private static String policyVersion(PipelineHarness h, String requestId) {
        return h.audit.readValuesToList().stream().filter(e -> requestId.equals(e.getRequestId()) && "ALLOWED".equals(e.getDecision()))
                .map(AuditEvent::getAttributes).findFirst().orElseThrow().get("policyVersion");
    }

    @Test
    void theVersionInForceShouldDecideAndBeCited() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            TestInputTopic<String, PolicyVersion> policies = h.driver.createInputTopic(h.topics.policies().name(), Serdes.String().serializer(),
                    h.topics.policies().valueSerde().serializer());
            h.send(PipelineHarness.request("p-0", "Summarise the delivery complaint.").build());
            h.tick(); // the audit trail is written when the request ends
            assertThat(policyVersion(h, "p-0")).isEqualTo("config-" + h.config.version());

            policies.pipeInput("later", blocking("later", PipelineHarness.START.plus(Duration.ofHours(1)), List.of("DE"), Map.of()));
            policies.pipeInput("bad", blocking("bad", PipelineHarness.START, List.of(), Map.of("legal", List.of("gpt-9"))));
            h.send(PipelineHarness.request("p-1", "Summarise the delivery complaint.").build());
            h.tick(); // the audit trail is written when the request ends
            assertThat(policyVersion(h, "p-1")).as("a future version and one naming an unknown model change nothing")
                    .isEqualTo("config-" + h.config.version());

            h.clock.advance(Duration.ofHours(1));
            h.send(PipelineHarness.request("p-2", "Summarise the delivery complaint.").build());
            assertThat(h.rejections.readValuesToList()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.COUNTRY_NOT_ALLOWED);
                assertThat(r.getDetail()).endsWith("(policy later)");
            });

            policies.pipeInput("later", (PolicyVersion) null); // retired: the configuration's policy is in force again
            h.send(PipelineHarness.request("p-3", "Summarise the delivery complaint.").build());
            h.tick(); // the audit trail is written when the request ends
            assertThat(policyVersion(h, "p-3")).isEqualTo("config-" + h.config.version());
            assertThat(h.rejections.isEmpty()).isTrue();
        }
    }
}
