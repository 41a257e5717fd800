package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.connectors.simulator.ProviderSimulator;
import dev.sluice.connectors.simulator.SimulatorSettings;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.serde.InProcessSchemaRegistry;
import dev.sluice.topology.SluiceTopology;
import dev.sluice.topology.Topics;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a Sluice process with requests in flight (direct calls, retries and provider batch
 * jobs), then a restart: every request still ends in exactly one outcome and the cost aggregates
 * still equal the per-request costs. The broker and the provider simulator live in the test JVM;
 * Sluice runs as a separate process, as in production.
 */
@Tag("slow")
class CrashRecoveryTest {

    private static final int REQUESTS = 300;

    @Test
    void shouldCompleteEveryInFlightRequestExactlyOnceAfterKillDashNine(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path home) throws Exception {
        String id = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        SimulatorSettings slow = SimulatorSettings.healthy()
                .withLatency(Duration.ofMillis(800), SimulatorSettings.Distribution.UNIFORM, Duration.ofMillis(800))
                .withFaults(0.05, 0.05, 0.0, 0.02);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(home.resolve("kafka"), 0);
             ProviderSimulator simulator = ProviderSimulator.start(slow, 0)) {
            Path gateway = home.resolve("gateway.yaml");
            Files.writeString(gateway, withBudgets(gatewayPointingAt(simulator.baseUrl()), BUDGETS));
            Path requests = home.resolve("requests.jsonl");
            Files.write(requests, requests(REQUESTS));
            List<String> args = List.of("run", "--bootstrap-servers", kafka.bootstrapServers(), "--config", gateway.toString(),
                    "-Dapplication.id=" + id, "-Dtopic.prefix=" + id, "-Dstate.dir=" + home.resolve("state"), "-Dtopic.partitions=3",
                    "-Dkafka.session.timeout.ms=6000", "-Dkafka.heartbeat.interval.ms=1000", "-Dhttp.port=0");

            Process first = startSluice(args, home.resolve("first.log"));
            var gatewayConfig = new GatewayConfigLoader(System::getenv).load(gateway).gateway();
            Topics topics = Topics.create(id, InProcessSchemaRegistry.seeded());
            Submitter.Summary summary = Submitter.submit(requests, kafka.bootstrapServers(), topics.requests().name(),
                    InProcessSchemaRegistry.seeded(), gatewayConfig, true);
            assertThat(summary.published()).isEqualTo(REQUESTS);

            List<Outcome> outcomes = new ArrayList<>();
            try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of(topics.results().name(), topics.rejections().name()))) {
                await("some but not all outcomes before the kill").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            outcomes.addAll(Outcome.decode(reader.poll(Duration.ofMillis(50)), topics));
                            return outcomes.size() >= REQUESTS / 10;
                        });
                assertThat(outcomes.size()).as("requests were still in flight at the kill").isLessThan(REQUESTS);
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no close
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                System.out.println("Killed Sluice with " + outcomes.size() + " of " + REQUESTS + " outcomes written; restarting");

                Process second = startSluice(args, home.resolve("second.log"));
                try {
                    await("an outcome for every one of the " + REQUESTS + " requests after the restart")
                            .atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                            .until(() -> {
                                outcomes.addAll(Outcome.decode(reader.poll(Duration.ofMillis(100)), topics));
                                return outcomes.size() >= REQUESTS;
                            });
                    long perRequest = outcomes.stream().filter(o -> o.result() != null).mapToLong(o -> o.result().getCostMicros()).sum();
                    Map<String, CostAggregate> costs = new HashMap<>();
                    try (TopicReader costReader = new TopicReader(kafka.bootstrapServers(), List.of(topics.costs().name()))) {
                        await("cost aggregates equal to the " + perRequest + " micro-USD of the results").atMost(Duration.ofSeconds(60))
                                .pollInterval(Duration.ofMillis(100))
                                .until(() -> {
                                    for (ConsumerRecord<byte[], byte[]> r : costReader.poll(Duration.ofMillis(100))) {
                                        costs.put(new String(r.key(), StandardCharsets.UTF_8),
                                                topics.costs().valueSerde().deserializer().deserialize(r.topic(), r.value()));
                                    }
                                    return costs.values().stream().mapToLong(CostAggregate::getCostMicros).sum() == perRequest;
                                });
                    }
                    outcomes.addAll(Outcome.decode(reader.readToEnd(Duration.ofSeconds(10)), topics));
                } finally {
                    second.destroy();
                    second.waitFor(60, TimeUnit.SECONDS);
                }
            }
            Set<String> sources = new HashSet<>();
            for (Outcome o : outcomes) {
                assertThat(sources.add(o.source().getPartition() + "/" + o.source().getOffset()))
                        .as("exactly one outcome for input %s (%s)", o.source(), o.reason()).isTrue();
            }
            assertThat(outcomes).hasSize(REQUESTS);
            Map<String, Long> byReason = new java.util.TreeMap<>();
            outcomes.forEach(o -> byReason.merge(o.reason(), 1L, Long::sum));
            System.out.println("Outcomes after the restart: " + byReason);
            outcomes.stream().filter(o -> o.rejection() != null).findFirst().ifPresent(o -> System.out.println("First rejection: " + o.rejection().getDetail()));
            long refused = byReason.getOrDefault("BUDGET_EXCEEDED", 0L);
            long globexRefused = outcomes.stream().filter(o -> o.rejection() != null && "globex".equals(o.rejection().getTenant())
                    && "BUDGET_EXCEEDED".equals(o.reason())).count();
            assertThat(globexRefused).as("every globex request refused by its budget").isEqualTo(REQUESTS / 3);
            assertThat(byReason.getOrDefault("OK", 0L)).as("answered requests").isGreaterThanOrEqualTo((REQUESTS - refused) * 9 / 10);
            budgetsShouldHold(kafka.bootstrapServers(), id, topics, outcomes);
            System.out.println("After kill -9 and restart: " + outcomes.size() + " requests, each with exactly one outcome; "
                    + outcomes.stream().filter(o -> o.result() != null).count() + " results");
        }
    }

    /**
     * initech's operations department may spend 0.0015 USD a day, about eight reservations at once (how
     * many of its requests it refuses depends on how many are in flight together); globex's claims
     * department 0.0001 USD, less than one request's reservation, so every globex request is refused;
     * acme has a monthly cap it does not reach.
     */
    private static final String BUDGETS = """
                initech-ops-daily: {tenant: initech, department: operations, period: day, capMicros: 1500}
                globex-claims-daily: {tenant: globex, department: claims, period: day, capMicros: 100}
                acme-monthly: {tenant: acme, period: month, capMicros: 1000000000}
            """;

    /**
     * The budget invariant after the kill and restart, from the audit log and the budget store's
     * changelog: every reserved request was settled exactly once; each budget window's spend in the
     * store equals the costs its settlements recorded, nothing is left reserved, and no window ends above
     * its cap by more than the settlements' overrun (the documented bound; 0 here, as the simulator
     * counts no more input tokens than the reservation's estimate and never more output than the maximum).
     */
    private static void budgetsShouldHold(String bootstrap, String applicationId, Topics topics, List<Outcome> outcomes) {
        List<AuditEvent> audit = new ArrayList<>();
        try (TopicReader auditReader = new TopicReader(bootstrap, List.of(topics.audit().name()))) {
            auditReader.readToEnd(Duration.ofSeconds(30)).forEach(r -> audit.add(topics.audit().valueSerde().deserializer().deserialize(r.topic(), r.value())));
        }
        Map<String, Long> reservedRequests = new HashMap<>();
        Map<String, Long> settledRequests = new HashMap<>();
        Map<String, Long> spentByWindow = new HashMap<>();
        long overrun = 0;
        for (AuditEvent e : audit) {
            if ("route".equals(e.getStage()) && e.getAttributes().containsKey("reservedMicros")) {
                reservedRequests.merge(e.getRequestId(), 1L, Long::sum);
            }
            if ("SETTLED".equals(e.getDecision())) {
                settledRequests.merge(e.getRequestId(), 1L, Long::sum);
                long cost = Long.parseLong(e.getAttributes().get("costMicros"));
                overrun += Long.parseLong(e.getAttributes().get("overrunMicros"));
                for (String window : e.getAttributes().get("budgets").split(",")) {
                    spentByWindow.merge(window, cost, Long::sum);
                }
            }
        }
        assertThat(reservedRequests).as("requests that reserved").isNotEmpty();
        assertThat(settledRequests).as("each reserved request settled exactly once").isEqualTo(reservedRequests);
        long resultCosts = outcomes.stream().filter(o -> o.result() != null && reservedRequests.containsKey(o.key()))
                .mapToLong(o -> o.result().getCostMicros()).sum();
        long settledCosts = audit.stream().filter(e -> "SETTLED".equals(e.getDecision())).mapToLong(e -> Long.parseLong(e.getAttributes().get("costMicros"))).sum();
        assertThat(settledCosts).as("settlements spend what the results cost").isEqualTo(resultCosts);
        assertThat(overrun).as("no settlement above its reservation").isZero();

        // the cost aggregates equal the per-request costs the audit log recorded (every PRICED decision), to the micro-unit
        long audited = audit.stream().filter(e -> "PRICED".equals(e.getDecision())).mapToLong(e -> Long.parseLong(e.getAttributes().get("costMicros"))).sum();
        Map<String, CostAggregate> aggregates = new HashMap<>();
        try (TopicReader costs = new TopicReader(bootstrap, List.of(topics.costs().name()))) {
            costs.readToEnd(Duration.ofSeconds(30)).forEach(r -> aggregates.put(new String(r.key(), StandardCharsets.UTF_8),
                    topics.costs().valueSerde().deserializer().deserialize(r.topic(), r.value())));
        }
        assertThat(aggregates.values().stream().mapToLong(CostAggregate::getCostMicros).sum()).as("cost aggregates against the audit log").isEqualTo(audited);

        Map<String, BudgetState> store = new HashMap<>();
        var serde = dev.sluice.schemas.serde.AvroSerde.of(BudgetState.class, InProcessSchemaRegistry.seeded());
        try (TopicReader changelog = new TopicReader(bootstrap, List.of(applicationId + "-" + SluiceTopology.BUDGET_STORE + "-changelog"))) {
            changelog.readToEnd(Duration.ofSeconds(30)).forEach(r -> store.put(new String(r.key(), StandardCharsets.UTF_8),
                    serde.deserializer().deserialize(r.topic(), r.value())));
        }
        Map<String, Long> caps = Map.of("initech-ops-daily", 1_500L, "globex-claims-daily", 100L, "acme-monthly", 1_000_000_000L);
        Map<String, Long> spentInStore = new HashMap<>();
        store.values().forEach(state -> state.getWindows().forEach((window, usage) -> {
            assertThat(usage.getReservedMicros()).as("nothing left reserved in %s", window).isZero();
            spentInStore.put(window, usage.getSpentMicros());
            long cap = caps.get(window.substring(0, window.indexOf('@')));
            assertThat(usage.getSpentMicros()).as("%s within its cap", window).isLessThanOrEqualTo(cap);
        }));
        assertThat(spentInStore).as("the store's spend per window equals the audited settlements").isEqualTo(spentByWindow);
        System.out.println("Budgets after kill -9 and restart: spent per window " + spentInStore + " (caps " + caps + ")");
    }

    /** The gateway YAML with {@code limits} as its only budgets. */
    static String withBudgets(String yaml, String limits) {
        int start = yaml.indexOf("\n  limits:\n", yaml.indexOf("\nbudgets:\n"));
        int end = yaml.indexOf("\nredaction:\n");
        return yaml.substring(0, start) + "\n  limits:\n" + limits + yaml.substring(end);
    }

    private static Process startSluice(List<String> args, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.sluice.schemas.avro,java.lang,java.util",
                "-cp", System.getProperty("java.class.path"), SluiceCli.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch running = new CountDownLatch(1);
        Thread pump = new Thread(() -> copy(process.getInputStream(), log, running), "sluice-output");
        pump.setDaemon(true);
        pump.start();
        if (!running.await(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Sluice did not report 'Pipeline running' within 120 s; see " + log);
        }
        return process;
    }

    private static void copy(InputStream in, Path log, CountDownLatch running) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.startsWith("Pipeline running")) {
                    running.countDown();
                }
            }
        } catch (IOException ignored) {
            // the process was killed; its log ends here
        }
    }

    /** The built-in configuration with every provider pointed at the simulator. */
    static String gatewayPointingAt(String baseUrl) throws IOException {
        try (InputStream in = CrashRecoveryTest.class.getClassLoader().getResourceAsStream(GatewayConfigLoader.DEFAULT_RESOURCE)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return yaml.replace("{kind: ", "{baseUrl: \"" + baseUrl + "\", kind: ");
        }
    }

    static List<String> requests(int n) {
        List<String> lines = new ArrayList<>();
        String[] tenants = {"acme", "globex", "initech"};
        String[] departments = {"finance", "claims", "operations"};
        for (int i = 0; i < n; i++) {
            lines.add(String.format("{\"requestId\": \"load-%05d\", \"tenant\": \"%s\", \"department\": \"%s\", \"useCase\": \"load\", "
                    + "\"principal\": \"svc-load\", \"country\": \"DE\", \"region\": \"EU\", \"priority\": \"%s\", "
                    + "\"messages\": [{\"role\": \"user\", \"content\": \"Summarise the delivery complaint number %d for the customer.\"}], "
                    + "\"parameters\": {\"maxOutputTokens\": 64}, \"submittedAt\": \"2026-11-23T09:00:00Z\"}",
                    i, tenants[i % 3], departments[i % 3], i % 2 == 0 ? "interactive" : "batch", i));
        }
        return lines;
    }
}
