package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.topology.config.GatewayConfigLoader;
import dev.sluice.topology.config.SluiceConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governance on a real broker, with the commands an operator and an auditor use: a legal request
 * waits for approval ({@code sluice approvals list}), is approved by name ({@code approvals approve}),
 * falls back from its primary model (down) and is validated, and {@code sluice audit replay} shows
 * every step in order; a template version is drafted, refused approval by its author, approved by
 * someone else and renders a request; a policy version is refused for naming an unknown model, then
 * one is published and decides the next request while the pipeline runs; {@code audit verify} finds
 * every chain unbroken with all those changes in it.
 */
@Tag("slow")
class ApprovalReplayTest {

    @Test
    void theReplayOfAnApprovedRequestShouldShowEveryStepInOrder(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path home) throws Exception {
        String id = "appr-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml;
        try (InputStream in = ApprovalReplayTest.class.getClassLoader().getResourceAsStream(GatewayConfigLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path gateway = home.resolve("gateway.yaml");
        Files.writeString(gateway, yaml.replace("\npolicy:\n", "\npolicy:\n  approvalDomains: [legal]\n  approvalExpiryMinutes: 60\n"));
        SluiceConfig config = new SluiceConfig(Map.of(
                SluiceConfig.EMBEDDED_DATA_DIR, home.resolve("kafka").toString(),
                SluiceConfig.EMBEDDED_PORT, "0",
                SluiceConfig.STATE_DIR, home.resolve("state").toString(),
                SluiceConfig.APPLICATION_ID, id,
                SluiceConfig.TOPIC_PREFIX, id,
                SluiceConfig.GATEWAY_CONFIG, gateway.toString(),
                SluiceConfig.SIMULATOR_ERROR_RATE, "0",
                SluiceConfig.SIMULATOR_RATE_LIMIT_RATE, "0",
                SluiceConfig.SIMULATOR_DOWN_MODELS, "mistral-large"));
        try (SluiceRuntime runtime = new SluiceRuntime(config).start(System.out)) {
            Path requests = home.resolve("requests.jsonl");
            Files.writeString(requests, "{\"requestId\": \"legal-1\", \"tenant\": \"acme\", \"department\": \"legal\", \"useCase\": \"clause-review\", "
                    + "\"principal\": \"svc-legal\", \"country\": \"DE\", \"region\": \"EU\", \"priority\": \"interactive\", \"messages\": [{\"role\": \"user\", "
                    + "\"content\": \"Analyse step by step and compare the indemnity clause of the supplier contract, then assess the trade-offs.\"}], "
                    + "\"parameters\": {\"maxOutputTokens\": 128}, \"submittedAt\": \"2026-11-23T09:00:00Z\"}\n");
            Submitter.submit(requests, runtime.bootstrapServers(), runtime.topics().requests().name(), runtime.registry(), runtime.gateway().gateway(), true);
            String[] broker = {"--bootstrap-servers", runtime.bootstrapServers(), "-D" + SluiceConfig.TOPIC_PREFIX + "=" + id, "--config", gateway.toString()};

            await("the request waiting for approval").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Cli.run(concat(new String[] {"approvals", "list"}, broker)).contains("legal-1"));
            String listed = Cli.run(concat(new String[] {"approvals", "list"}, broker));
            assertThat(listed).contains("why: policy.approvalDomains includes legal").contains("1 request(s) waiting for approval");
            assertThat(Cli.run(concat(new String[] {"approvals", "approve", "legal-1", "--approver", "alice@acme.example", "--reason", "standard terms"}, broker)))
                    .contains("legal-1 approved by alice@acme.example");

            List<Outcome> outcomes = new ArrayList<>();
            try (TopicReader reader = new TopicReader(runtime.bootstrapServers(), List.of(runtime.topics().results().name(), runtime.topics().rejections().name()))) {
                await("the approved request's result").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    outcomes.addAll(Outcome.decode(reader.poll(Duration.ofMillis(100)), runtime.topics()));
                    return !outcomes.isEmpty();
                });
            }
            assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.reason()).isEqualTo("OK"));

            String[] replay = concat(new String[] {"audit", "replay", "--request-id", "legal-1"}, broker);
            await("the whole trail in the audit log").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions() // replay exits 1 while no event of the request is in the log yet
                    .until(() -> Cli.run(replay).contains("SETTLED"));
            List<String> steps = new ArrayList<>();
            for (String line : Cli.run(replay).split("\n")) {
                String[] words = line.trim().split(" +");
                if (words.length > 3 && words[0].matches("\\d+")) {
                    steps.add(words[2] + ":" + words[3]);
                }
            }
            System.out.println("replayed: " + steps);
            assertThat(steps).containsSubsequence("admit:ADMITTED", "classify:CLASSIFIED", "redact:REDACTED", "policy:ALLOWED",
                    "approval:AWAITING_APPROVAL", "approval:APPROVED", "route:ROUTED", "infer:FALLBACK", "infer:COMPLETED", "validate:VALID",
                    "cost:PRICED", "settle:SETTLED");
            assertThat(Cli.run(replay)).contains("approver=alice@acme.example");

            // the template registry: a draft, an approval refused to its author, one by someone else, a request rendered by it
            assertThat(Cli.run(concat(new String[] {"templates", "draft", "summarise-ticket", "--version", "2", "--author", "carol@acme.example",
                    "--system", "You are a concise customer-support analyst.", "--user", "Summarise this ticket in one sentence: {{ticket}}"}, broker)))
                    .contains("summarise-ticket@2 drafted by carol@acme.example");
            assertThat(Cli.runExpecting(2, concat(new String[] {"templates", "approve", "summarise-ticket@2", "--approver", "carol@acme.example"}, broker)))
                    .contains("four eyes: carol@acme.example wrote summarise-ticket@2 and cannot approve it");
            assertThat(Cli.run(concat(new String[] {"templates", "approve", "summarise-ticket@2", "--approver", "dave@acme.example"}, broker)))
                    .contains("summarise-ticket@2 approved by dave@acme.example");
            assertThat(Cli.run(concat(new String[] {"templates", "list"}, broker)))
                    .containsPattern("summarise-ticket@2 +APPROVED +carol@acme.example +dave@acme.example");
            await("the approved version in every instance's registry").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ((org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, dev.sluice.schemas.avro.TemplateVersion>) runtime.streams().store(
                            org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(dev.sluice.topology.SluiceTopology.TEMPLATE_STORE,
                                    org.apache.kafka.streams.state.QueryableStoreTypes.<String, dev.sluice.schemas.avro.TemplateVersion>keyValueStore())))
                            .get("summarise-ticket@2").getState() == dev.sluice.schemas.avro.TemplateState.APPROVED);
            Files.writeString(requests, "{\"requestId\": \"ticket-1\", \"tenant\": \"acme\", \"department\": \"support\", \"useCase\": \"ticket-summary\", "
                    + "\"principal\": \"svc-support\", \"country\": \"DE\", \"region\": \"EU\", \"priority\": \"interactive\", "
                    + "\"template\": {\"id\": \"summarise-ticket\", \"variables\": {\"ticket\": \"The parcel arrived damaged.\"}}, "
                    + "\"parameters\": {\"maxOutputTokens\": 64}, \"submittedAt\": \"2026-11-23T09:00:00Z\"}\n");
            Submitter.submit(requests, runtime.bootstrapServers(), runtime.topics().requests().name(), runtime.registry(), runtime.gateway().gateway(), true);
            String[] ticketTrail = concat(new String[] {"audit", "replay", "--request-id", "ticket-1"}, broker);
            await("the templated request priced").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions() // replay exits 1 while no event of the request is in the log yet
                    .until(() -> Cli.run(ticketTrail).contains("SETTLED"));
            assertThat(Cli.run(ticketTrail)).contains("template=summarise-ticket@2");
            String verified = Cli.run(concat(new String[] {"audit", "verify"}, broker));
            assertThat(verified).contains("every chain unbroken");
            assertThat(Cli.run(concat(new String[] {"audit", "export"}, broker))).contains("TEMPLATE_DRAFTED").contains("TEMPLATE_APPROVED");

            // policies as control records, reloaded while running: a version blocking FR decides the next request and is cited
            Path bad = home.resolve("bad-policy.yaml");
            Files.writeString(bad, "version: p-bad\neffectiveFrom: 2026-01-01T00:00:00Z\nmodelsByDomain:\n  legal: [gpt-9]\n");
            assertThat(Cli.runExpecting(2, concat(new String[] {"policies", "publish", bad.toString(), "--changed-by", "compliance@acme.example"}, broker)))
                    .contains("names unknown model 'gpt-9'");
            Path policy = home.resolve("policy.yaml");
            Files.writeString(policy, "version: p-no-fr\neffectiveFrom: " + java.time.Instant.now().minusSeconds(60)
                    + "\nblockedCountries: [FR, KP]\napprovalDomains: [legal]\nmodelsByDomain:\n  health: [llama-3.1-70b]\n");
            assertThat(Cli.run(concat(new String[] {"policies", "publish", policy.toString(), "--changed-by", "compliance@acme.example"}, broker)))
                    .contains("Published policy p-no-fr");
            assertThat(Cli.run(concat(new String[] {"policies", "list"}, broker))).containsPattern("\\* +p-no-fr ");
            await("the policy in the running pipeline").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ((org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, dev.sluice.schemas.avro.PolicyVersion>) runtime.streams().store(
                            org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(dev.sluice.topology.SluiceTopology.POLICY_STORE,
                                    org.apache.kafka.streams.state.QueryableStoreTypes.<String, dev.sluice.schemas.avro.PolicyVersion>keyValueStore())))
                            .get("p-no-fr") != null);
            Files.writeString(requests, "{\"requestId\": \"fr-1\", \"tenant\": \"acme\", \"department\": \"support\", \"useCase\": \"ticket-summary\", "
                    + "\"principal\": \"svc-support\", \"country\": \"FR\", \"region\": \"EU\", \"priority\": \"interactive\", "
                    + "\"messages\": [{\"role\": \"user\", \"content\": \"Summarise the delivery complaint.\"}], "
                    + "\"parameters\": {\"maxOutputTokens\": 64}, \"submittedAt\": \"2026-11-23T09:00:00Z\"}\n");
            Submitter.submit(requests, runtime.bootstrapServers(), runtime.topics().requests().name(), runtime.registry(), runtime.gateway().gateway(), true);
            List<Outcome> fr = new ArrayList<>();
            try (TopicReader reader = new TopicReader(runtime.bootstrapServers(), List.of(runtime.topics().rejections().name()))) {
                await("the FR request's outcome").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    Outcome.decode(reader.poll(Duration.ofMillis(100)), runtime.topics()).stream().filter(o -> "fr-1".equals(o.key())).forEach(fr::add);
                    return !fr.isEmpty();
                });
            }
            assertThat(fr).singleElement().satisfies(o -> {
                assertThat(o.reason()).isEqualTo("COUNTRY_NOT_ALLOWED");
                assertThat(o.rejection().getDetail()).endsWith("(policy p-no-fr)");
            });
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
