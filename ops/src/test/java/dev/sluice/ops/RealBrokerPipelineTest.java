package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.topology.config.SluiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a real single-node KRaft broker (in this JVM), exactly-once, with the
 * provider simulator over real HTTP injecting 500s, 429s and an outage of one model.
 */
@Tag("slow")
class RealBrokerPipelineTest {

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void shouldGiveEveryRequestExactlyOneOutcomeAndCostAggregatesThatAddUp(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path home) throws Exception {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        SluiceConfig config = new SluiceConfig(Map.of(
                SluiceConfig.EMBEDDED_DATA_DIR, home.resolve("kafka").toString(),
                SluiceConfig.EMBEDDED_PORT, "0",
                SluiceConfig.STATE_DIR, home.resolve("state").toString(),
                SluiceConfig.APPLICATION_ID, id,
                SluiceConfig.TOPIC_PREFIX, id,
                SluiceConfig.SIMULATOR_LATENCY_MS, "20",
                SluiceConfig.SIMULATOR_ERROR_RATE, "0.1",
                SluiceConfig.SIMULATOR_RATE_LIMIT_RATE, "0.05",
                SluiceConfig.SIMULATOR_DOWN_MODELS, "gpt-4o"));
        try (SluiceRuntime runtime = new SluiceRuntime(config).start(System.out)) {
            System.out.println("Integration test against a real Kafka broker (KRaft, in-JVM) at " + runtime.bootstrapServers());
            var topics = runtime.topics();
            // a price table version for gpt-4o-mini, published and in force before the requests come
            Path prices = home.resolve("prices.yaml");
            Files.writeString(prices, "version: it-prices\neffectiveFrom: " + java.time.Instant.now().minusSeconds(60)
                    + "\ncurrency: USD\nmodels:\n  gpt-4o-mini: {inputPerMillion: 200000, outputPerMillion: 800000, reasoningPerMillion: 800000}\n");
            String published = Cli.run("prices", "publish", prices.toString(), "--changed-by", "finops@acme.example", "--note", "integration test",
                    "--bootstrap-servers", runtime.bootstrapServers(), "-D" + SluiceConfig.TOPIC_PREFIX + "=" + id);
            assertThat(published).contains("Published price table it-prices");
            org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, dev.sluice.schemas.avro.PriceTable> priceStore = runtime.streams().store(
                    org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(dev.sluice.topology.SluiceTopology.PRICE_STORE,
                            org.apache.kafka.streams.state.QueryableStoreTypes.keyValueStore()));
            await("the price table in the global store").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> priceStore.get("it-prices") != null);
            assertThat(Cli.run("prices", "list", "--bootstrap-servers", runtime.bootstrapServers(), "-D" + SluiceConfig.TOPIC_PREFIX + "=" + id))
                    .containsPattern("\\* +it-prices .* finops@acme.example +gpt-4o-mini");
            Submitter.Summary summary = Submitter.submit(Path.of("examples/requests.jsonl"), runtime.bootstrapServers(),
                    topics.requests().name(), runtime.registry(), runtime.gateway().gateway(), true);
            assertThat(summary.published()).isGreaterThanOrEqualTo(50);

            List<Outcome> outcomes = new ArrayList<>();
            List<AuditEvent> audit = new ArrayList<>();
            Map<String, CostAggregate> costs = new HashMap<>();
            Set<String> sources = new HashSet<>();
            Set<String> audited = new HashSet<>();
            try (TopicReader outcomeReader = new TopicReader(runtime.bootstrapServers(), List.of(topics.results().name(), topics.rejections().name()));
                 TopicReader auditReader = new TopicReader(runtime.bootstrapServers(), List.of(topics.audit().name()));
                 TopicReader costReader = new TopicReader(runtime.bootstrapServers(), List.of(topics.costs().name()))) {
                await("an outcome for each of the " + summary.published() + " published requests").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            outcomes.addAll(Outcome.decode(outcomeReader.poll(Duration.ofMillis(100)), topics));
                            return outcomes.size() >= summary.published();
                        });
                long perRequest = outcomes.stream().filter(o -> o.result() != null).mapToLong(o -> o.result().getCostMicros()).sum();
                await("cost aggregates that add up to " + perRequest + " micro-USD").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            for (ConsumerRecord<byte[], byte[]> r : costReader.poll(Duration.ofMillis(100))) {
                                costs.put(new String(r.key()), topics.costs().valueSerde().deserializer().deserialize(r.topic(), r.value()));
                            }
                            return costs.values().stream().mapToLong(CostAggregate::getCostMicros).sum() == perRequest;
                        });
                // nothing more arrives: still exactly one outcome per request
                outcomes.addAll(Outcome.decode(outcomeReader.readToEnd(Duration.ofSeconds(10)), topics));
                for (Outcome o : outcomes) {
                    assertThat(sources.add(o.source().getPartition() + "/" + o.source().getOffset()))
                            .as("only one outcome for input offset %s", o.source()).isTrue();
                }
                // the audit trail is written after the outcome (through the audit repartition topic): wait for every one
                await("an audit trail for each of the " + sources.size() + " outcomes").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            for (ConsumerRecord<byte[], byte[]> r : auditReader.poll(Duration.ofMillis(100))) {
                                AuditEvent e = topics.audit().valueSerde().deserializer().deserialize(r.topic(), r.value());
                                audit.add(e);
                                audited.add(e.getSource().getPartition() + "/" + e.getSource().getOffset());
                            }
                            return audited.containsAll(sources);
                        });
                auditReader.readToEnd(Duration.ofSeconds(30))
                        .forEach(r -> audit.add(topics.audit().valueSerde().deserializer().deserialize(r.topic(), r.value())));
            }

            assertThat(outcomes).hasSize(summary.published());
            Map<String, Long> byReason = new HashMap<>();
            outcomes.forEach(o -> byReason.merge(o.reason(), 1L, Long::sum));
            assertThat(byReason).containsKeys("OK", "MALFORMED_RECORD", "INVALID_SIGNATURE", "DUPLICATE_REQUEST", "PROMPT_INJECTION",
                    "MODEL_NOT_ALLOWED", "COUNTRY_NOT_ALLOWED", "UNKNOWN_TENANT");
            assertThat(byReason.get("OK")).isGreaterThanOrEqualTo(40L);

            assertThat(audited).as("every outcome has an audit trail").containsAll(sources);
            assertThat(audit).filteredOn(e -> "PRICED".equals(e.getDecision()) && "gpt-4o-mini".equals(e.getAttributes().get("model")))
                    .isNotEmpty().allSatisfy(e -> assertThat(e.getAttributes()).containsEntry("priceVersion", "it-prices"));
            assertThat(audit).filteredOn(e -> "PRICE_TABLE_PUBLISHED".equals(e.getDecision())).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("changedBy", "finops@acme.example").containsEntry("version", "it-prices"));
            assertThat(outcomes.stream().filter(o -> o.result() != null).map(o -> o.result().getModel())).doesNotContain("gpt-4o");

            // sluice costs: every department's spend, each budget against its cap, the dearest prompts
            CostsReport report = CostsReport.read(runtime.bootstrapServers(), topics, id, runtime.registry());
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            report.print(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8), runtime.gateway().gateway(), java.time.Instant.now());
            String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
            long acmeSpend = outcomes.stream().filter(o -> o.result() != null && "acme".equals(o.result().getTenant())).mapToLong(o -> o.result().getCostMicros()).sum();
            assertThat(text).containsPattern("acme-monthly +acme/\\*/\\*/\\* +\\d{4}-\\d{2} +" + java.math.BigDecimal.valueOf(acmeSpend, 6).toPlainString().replace(".", "\\.")
                    + " +0\\.000000 +1000\\.000000");
            Outcome dearest = outcomes.stream().filter(o -> o.result() != null).max(java.util.Comparator.comparingLong(o -> o.result().getCostMicros())).orElseThrow();
            assertThat(report.priced()).hasSize((int) outcomes.stream().filter(o -> o.result() != null).count() + (int) outcomes.stream()
                    .filter(o -> o.rejection() != null && "OUTPUT_SCHEMA_INVALID".equals(o.reason())).count());
            assertThat(text).contains("Top 20 prompts by cost").contains(java.math.BigDecimal.valueOf(dearest.result().getCostMicros(), 6).toPlainString());
            assertThat(text).contains("acme/finance");

            // the audit log as an auditor uses it: verified, one request's trail replayed in order, exported
            String[] broker = {"--bootstrap-servers", runtime.bootstrapServers(), "-D" + SluiceConfig.TOPIC_PREFIX + "=" + id};
            assertThat(Cli.run(concat(new String[] {"audit", "verify"}, broker))).containsPattern("audit: \\d+ records verified, every chain unbroken");
            String trail = Cli.run(concat(new String[] {"audit", "replay", "--request-id", "demo-001"}, broker));
            assertThat(trail).contains("request demo-001 (tenant acme");
            List<String> stages = new ArrayList<>();
            for (String line : trail.split("\n")) {
                String[] words = line.trim().split(" +");
                if (words.length > 3 && words[0].matches("\\d+")) {
                    stages.add(words[2]);
                }
            }
            assertThat(stages).containsSubsequence("admit", "classify", "redact", "policy", "route", "infer", "validate", "cost", "settle");
            Path exported = home.resolve("audit.jsonl");
            Cli.run(concat(new String[] {"audit", "export", "--out", exported.toString()}, broker));
            assertThat(Files.readAllLines(exported)).hasSizeGreaterThanOrEqualTo(audit.size())
                    .allSatisfy(line -> assertThat(line).contains("\"hash\"").contains("\"signature\""));
        }
        // with the pipeline and its broker stopped, sluice costs reads the data the run left behind
        int unusedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            unusedPort = socket.getLocalPort();
        }
        String costs = Cli.run("costs", "-D" + SluiceConfig.EMBEDDED_DATA_DIR + "=" + home.resolve("kafka"), "-D" + SluiceConfig.EMBEDDED_PORT + "=" + unusedPort,
                "-D" + SluiceConfig.APPLICATION_ID + "=" + id, "-D" + SluiceConfig.TOPIC_PREFIX + "=" + id);
        assertThat(costs).contains("No broker running: read the data ./sluice run left in").contains("acme-monthly").contains("Top 20 prompts by cost");
    }
}
