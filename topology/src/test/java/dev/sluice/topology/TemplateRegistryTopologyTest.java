package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.TemplateRef;
import dev.sluice.schemas.avro.TemplateState;
import dev.sluice.schemas.avro.TemplateVersion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/**
 * The template registry: versions on the templates control topic in draft, approved and retired
 * states; only approved versions render requests, a request without a version gets the latest
 * approved one, and the version that rendered it is what the request cites from then on.
 */
class TemplateRegistryTopologyTest {

    private static TemplateVersion version(int v, TemplateState state, String user, String approver, String changedBy) {
        return new TemplateVersion("summarise-ticket", v, state, "You are a concise customer-support analyst.", user, "carol@acme.example", approver,
                changedBy, PipelineHarness.START, state == TemplateState.RETIRED ? "replaced by version 2" : null);
    }

    private static void send(PipelineHarness h, String id, Integer version) {
        h.send(PipelineHarness.request(id, "unused").setMessages(List.of())
                .setTemplate(new TemplateRef("summarise-ticket", version, Map.of("ticket", "The parcel arrived damaged."))).build());
    }

    private static String pricedTemplate(PipelineHarness h, String id) {
        return h.audit.readValuesToList().stream().filter(e -> id.equals(e.getRequestId()) && "PRICED".equals(e.getDecision())).findFirst().orElseThrow()
                .getAttributes().get("template");
    }

    @Test
    void onlyApprovedVersionsShouldRenderRequests() throws Exception {
        try (PipelineHarness h = new PipelineHarness(Set.of())) {
            TestInputTopic<String, TemplateVersion> registry = h.driver.createInputTopic(h.topics.templates().name(), Serdes.String().serializer(),
                    h.topics.templates().valueSerde().serializer());
            String v2 = "Summarise this customer ticket in one sentence for the refund team: {{ticket}}";
            registry.pipeInput("summarise-ticket@2", version(2, TemplateState.DRAFT, v2, null, "carol@acme.example"));

            send(h, "t-draft", 2);
            assertThat(h.rejections.readValuesToList()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.TEMPLATE_NOT_APPROVED);
                assertThat(r.getDetail()).isEqualTo("template 'summarise-ticket@2' is a draft by carol@acme.example and has not been approved");
            });
            send(h, "t-latest", null); // the configured version 1 is the latest approved one
            h.tick();
            assertThat(h.results.readValuesToList()).extracting(r -> r.getRequestId()).containsExactly("t-latest");
            assertThat(pricedTemplate(h, "t-latest")).isEqualTo("summarise-ticket@1");

            registry.pipeInput("summarise-ticket@2", version(2, TemplateState.APPROVED, v2, "dave@acme.example", "dave@acme.example"));
            registry.pipeInput("summarise-ticket@1", version(1, TemplateState.RETIRED, "Summarise this customer ticket in two sentences: {{ticket}}", "configuration",
                    "dave@acme.example"));
            send(h, "t-new", null);
            h.tick();
            assertThat(h.results.readValuesToList()).extracting(r -> r.getRequestId()).containsExactly("t-new");
            assertThat(pricedTemplate(h, "t-new")).isEqualTo("summarise-ticket@2");
            assertThat(h.openai.calls.get(h.openai.calls.size() - 1).messages()).anySatisfy(m ->
                    assertThat(m.getContent()).isEqualTo("Summarise this customer ticket in one sentence for the refund team: The parcel arrived damaged."));

            send(h, "t-retired", 1);
            assertThat(h.rejections.readValuesToList()).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.TEMPLATE_RETIRED);
                assertThat(r.getDetail()).startsWith("template 'summarise-ticket@1' was retired by dave@acme.example on").endsWith("(replaced by version 2)");
            });
        }
    }
}
