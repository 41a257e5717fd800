package dev.sluice.ops;

import dev.sluice.connectors.simulator.ProviderSimulator;
import dev.sluice.connectors.simulator.SimulatorSettings;
import dev.sluice.processors.admit.RequestSigner;
import dev.sluice.processors.infer.InferProcessor;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.GenerationParameters;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.Role;
import dev.sluice.schemas.serde.AvroSerde;
import dev.sluice.topology.config.GatewayConfigLoader;
import dev.sluice.topology.config.SluiceConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load command behind docs/BENCHMARKS.md: an embedded broker, the pipeline and the provider
 * simulator in this JVM (so the heap bound covers all three), N signed requests published at
 * once, and the figures that matter for the infer stage: how many calls were open at the provider
 * at once, the share of requests answered, calls per request, batch sizes, heap and time.
 * Provider rate limits and bulkheads are lifted so that the gateway itself is measured.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load the pipeline with N requests against the simulator and print in-flight, success and batching figures.")
final class Bench implements Callable<Integer> {

    @Option(names = "--requests", defaultValue = "20000", description = "Requests to publish (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--latency-ms", defaultValue = "2000", description = "Simulated provider latency (default: ${DEFAULT-VALUE}).")
    int latencyMs;

    @Option(names = "--error-rate", defaultValue = "0", description = "Share of calls answered HTTP 500 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--rate-limit-rate", defaultValue = "0", description = "Share of calls answered HTTP 429 (default: ${DEFAULT-VALUE}).")
    double rateLimitRate;

    @Option(names = "--warmup", defaultValue = "5000", description = "Requests run before the measured ones (default: ${DEFAULT-VALUE}).")
    int warmupRequests;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the requests topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--priority", defaultValue = "INTERACTIVE", description = "INTERACTIVE (direct calls) or BATCH (provider batch API).")
    Priority priority;

    @Option(names = "-D", description = "Set a process setting, e.g. -Dkafka.commit.interval.ms=1000.")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Option(names = "--timeout", defaultValue = "900", description = "Seconds to wait for every outcome (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path home = Path.of(".sluice", "bench");
        SluiceCli.deleteRecursively(home);
        Files.createDirectories(home);
        SimulatorSettings settings = SimulatorSettings.healthy()
                .withLatency(Duration.ofMillis(latencyMs), SimulatorSettings.Distribution.FIXED, Duration.ZERO)
                .withFaults(rateLimitRate, errorRate, 0, 0);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(home.resolve("kafka"), 0);
             ProviderSimulator simulator = ProviderSimulator.start(settings, 0)) {
            Path gateway = home.resolve("gateway.yaml");
            Files.writeString(gateway, benchGateway(simulator.baseUrl()));
            String id = "bench-" + System.currentTimeMillis();
            Map<String, Object> values = new java.util.HashMap<>();
            values.putAll(overrides);
            values.putAll(Map.of(
                    SluiceConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                    SluiceConfig.GATEWAY_CONFIG, gateway.toString(),
                    SluiceConfig.APPLICATION_ID, id,
                    SluiceConfig.STATE_DIR, home.resolve("state").toString(),
                    SluiceConfig.PARTITIONS, Integer.toString(partitions)));
            SluiceConfig config = new SluiceConfig(values);
            try (SluiceRuntime runtime = new SluiceRuntime(config).start(out)) {
                var topics = runtime.topics();
                byte[] key = runtime.gateway().gateway().tenant("acme").orElseThrow().signingKey();
                AvroSerde<LlmRequest> serde = AvroSerde.of(LlmRequest.class, runtime.registry());
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20,
                        ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new ByteArraySerializer(), new ByteArraySerializer());
                     TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of(topics.results().name(), topics.rejections().name()))) {
                    // Warm-up, not measured: the JIT compiles the hot path, as it has on any instance that has run a while.
                    List<byte[][]> warmup = signed("warmup", warmupRequests, key, serde, topics.requests().name());
                    out.printf(Locale.ROOT, "Warm-up: %d requests%n", warmupRequests);
                    warmup.forEach(kv -> producer.send(new ProducerRecord<>(topics.requests().name(), kv[0], kv[1])));
                    producer.flush();
                    int warmupOutcomes = reader.readUntil(r -> r.size() >= warmupRequests, Duration.ofSeconds(timeoutSeconds)).size();
                    if (warmupOutcomes < warmupRequests) {
                        out.println("the warm-up did not finish");
                        return 1;
                    }
                    // Signed and serialized before the clock starts: the figures measure the pipeline, not this command.
                    List<byte[][]> measured = signed("bench", requests, key, serde, topics.requests().name());
                    out.printf(Locale.ROOT, "Measured run: %d %s requests; simulator latency %d ms, error rate %.2f, 429 rate %.2f, %d partitions%n",
                            requests, priority, latencyMs, errorRate, rateLimitRate, partitions);
                    simulator.resetCounters();
                    double batchesBefore = metric(runtime, "provider-batches-total");
                    double callsBefore = metric(runtime, "provider-calls-total");
                    Instant start = Instant.now();
                    measured.forEach(kv -> producer.send(new ProducerRecord<>(topics.requests().name(), kv[0], kv[1])));
                    producer.flush();
                    AtomicLong maxHeap = new AtomicLong();
                    Thread sampler = new Thread(() -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            maxHeap.accumulateAndGet(heapUsed(), Math::max);
                            try {
                                Thread.sleep(100); // sampling interval of a measurement, not a wait for an outcome
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }, "heap-sampler");
                    sampler.setDaemon(true);
                    sampler.start();
                    List<Outcome> outcomes = Outcome.decode(reader.readUntil(r -> r.size() >= requests, Duration.ofSeconds(timeoutSeconds)), topics);
                    Instant done = Instant.now();
                    sampler.interrupt();
                    Map<String, Long> byReason = new TreeMap<>();
                    Set<String> sources = new HashSet<>();
                    outcomes.forEach(o -> {
                        byReason.merge(o.reason(), 1L, Long::sum);
                        sources.add(o.source().getPartition() + "/" + o.source().getOffset());
                    });
                    double batches = metric(runtime, "provider-batches-total") - batchesBefore;
                    double calls = metric(runtime, "provider-calls-total") - callsBefore;
                    long answered = byReason.getOrDefault("OK", 0L);
                    double seconds = Duration.between(start, done).toMillis() / 1000.0;
                    out.println();
                    out.printf(Locale.ROOT, "requests                 %d (published at once, after a warm-up of %d)%n", requests, warmupRequests);
                    out.printf(Locale.ROOT, "outcomes                 %d, distinct inputs %d, %s%n", outcomes.size(), sources.size(), byReason);
                    out.printf(Locale.ROOT, "answered                 %.4f%%%n", 100.0 * answered / requests);
                    out.printf(Locale.ROOT, "wall time                %.1f s, %.0f requests/s%n", seconds, requests / seconds);
                    out.printf(Locale.ROOT, "max calls open at once   %d (at the provider simulator)%n", simulator.maxOpenCalls());
                    out.printf(Locale.ROOT, "provider calls           %d, %.3f per request%n", simulator.calls(), (double) simulator.calls() / requests);
                    out.printf(Locale.ROOT, "batches                  %.0f for %.0f direct calls, %.1f calls a batch%n", batches, calls, batches == 0 ? 0 : calls / batches);
                    out.printf(Locale.ROOT, "heap                     max used %d MB of %d MB (-Xmx), broker and simulator included%n",
                            maxHeap.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
                    return outcomes.size() == requests && sources.size() == requests ? 0 : 1;
                }
            }
        }
    }

    private List<byte[][]> signed(String prefix, int n, byte[] key, AvroSerde<LlmRequest> serde, String topic) {
        List<byte[][]> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LlmRequest request = RequestSigner.signed(request(prefix, i), key);
            out.add(new byte[][] {request.getRequestId().getBytes(StandardCharsets.UTF_8), serde.serialize(topic, request)});
        }
        return out;
    }

    private LlmRequest request(String prefix, int i) {
        return LlmRequest.newBuilder()
                .setRequestId(String.format(Locale.ROOT, "%s-%07d", prefix, i))
                .setTenant("acme").setDepartment("finance").setUseCase("bench").setPrincipal("svc-bench")
                .setCountry("DE").setRegion("EU").setPriority(priority)
                .setMessages(List.of(new ChatMessage(Role.USER, "Summarise the delivery complaint number " + i + " for the customer.", null, null)))
                .setParameters(GenerationParameters.newBuilder().setMaxOutputTokens(64).build())
                .setSubmittedAt(Instant.now())
                .build();
    }

    private static double metric(SluiceRuntime runtime, String name) {
        return runtime.streams().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().contains(InferProcessor.METRICS_SCOPE))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The built-in configuration pointed at the simulator, with provider limits lifted. */
    static String benchGateway(String baseUrl) throws java.io.IOException {
        try (InputStream in = Bench.class.getClassLoader().getResourceAsStream(GatewayConfigLoader.DEFAULT_RESOURCE)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return yaml.replace("{kind: ", "{baseUrl: \"" + baseUrl + "\", kind: ")
                    .replaceAll("requestsPerMinute: \\d+", "requestsPerMinute: 0")
                    .replaceAll("tokensPerMinute: \\d+", "tokensPerMinute: 0")
                    .replaceAll("maxConcurrent: \\d+", "maxConcurrent: 100000")
                    .replaceAll("maxInflight: \\d+", "maxInflight: 100000");
        }
    }
}
