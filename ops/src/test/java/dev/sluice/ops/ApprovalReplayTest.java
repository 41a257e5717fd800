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

/**
 * On a real broker, with the commands an operator and an auditor use: a legal request waits for
 * approval ({@code sluice approvals list}), is approved by name ({@code approvals approve}), falls back
 * from its primary model (down) and is validated; {@code sluice audit replay} shows every step in order.
 */
@Tag("slow")
class ApprovalReplayTest {

    @Test
    void theReplayOfAnApprovedRequestShouldShowEveryStepInOrder() throws Exception {
        Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "approval");
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
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
