package dev.sluice.topology;

import dev.sluice.processors.admit.RequestSigner;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.infer.ModelProvider;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.avro.GenerationParameters;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.LlmResult;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.Rejection;
import dev.sluice.schemas.avro.Role;
import dev.sluice.schemas.serde.AvroSerde;
import dev.sluice.schemas.serde.InProcessSchemaRegistry;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole topology on a TopologyTestDriver, with signed-request helpers. */
class PipelineHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    final GatewayConfig config;
    final InProcessSchemaRegistry registry = InProcessSchemaRegistry.seeded();
    final Topics topics = Topics.create("t", registry);
    final MutableClock clock = new MutableClock(START);
    final ScriptedProvider openai;
    final ScriptedProvider mistral;
    final ScriptedProvider internal;
    final ScriptedProvider anthropic;
    final ScriptedProvider gemini;
    final Topology topology;
    final TopologyTestDriver driver;
    /** The driver's state directory, removed on {@link #close}: a temporary directory per harness. */
    private final Path state;
    final TestInputTopic<byte[], byte[]> requests;
    final TestOutputTopic<String, LlmResult> results;
    final TestOutputTopic<String, Rejection> rejections;
    final TestOutputTopic<String, AuditEvent> audit;
    final TestOutputTopic<String, CostAggregate> costs;
    final AvroSerde<LlmRequest> requestSerde = AvroSerde.of(LlmRequest.class, registry);

    PipelineHarness(java.util.Set<String> failingModels) throws Exception {
        this(failingModels, new GatewayConfigLoader(System::getenv).loadDefault().gateway());
    }

    PipelineHarness(java.util.Set<String> failingModels, GatewayConfig config) throws Exception {
        this.config = config;
        String json = "{\"vendor\":\"ACME\",\"total\":12.5}";
        openai = new ScriptedProvider("openai", failingModels, json);
        mistral = new ScriptedProvider("mistral", failingModels, json);
        internal = new ScriptedProvider("internal-vllm", failingModels, json);
        anthropic = new ScriptedProvider("anthropic", failingModels, json);
        gemini = new ScriptedProvider("gemini", failingModels, json);
        Map<String, ModelProvider> providers = Map.of("openai", openai, "mistral", mistral, "internal-vllm", internal,
                "anthropic", anthropic, "gemini", gemini);
        topology = SluiceTopology.build(topics, config, providers, batchApis(), registry, clock, 1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        state = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ttd-state");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(topology, props, START);
        requests = driver.createInputTopic(topics.requests().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), START, Duration.ofMillis(1));
        results = driver.createOutputTopic(topics.results().name(), Serdes.String().deserializer(), topics.results().valueSerde().deserializer());
        rejections = driver.createOutputTopic(topics.rejections().name(), Serdes.String().deserializer(), topics.rejections().valueSerde().deserializer());
        audit = driver.createOutputTopic(topics.audit().name(), Serdes.String().deserializer(), topics.audit().valueSerde().deserializer());
        costs = driver.createOutputTopic(topics.costs().name(), Serdes.String().deserializer(), topics.costs().valueSerde().deserializer());
    }

    /** Batch APIs the harness offers; none unless a test overrides. */
    Map<String, dev.sluice.processors.infer.BatchApiProvider> batchApis() {
        return Map.of();
    }

    static LlmRequest.Builder request(String id, String text) {
        return LlmRequest.newBuilder()
                .setRequestId(id)
                .setTenant("acme")
                .setDepartment("finance")
                .setUseCase("invoice-triage")
                .setPrincipal("svc-batch")
                .setCountry("DE")
                .setRegion("EU")
                .setPriority(Priority.BATCH)
                .setMessages(List.of(new ChatMessage(Role.USER, text, null, null)))
                .setParameters(GenerationParameters.newBuilder().setMaxOutputTokens(200).build())
                .setSubmittedAt(START);
    }

    byte[] signed(LlmRequest request) {
        byte[] key = config.tenant(request.getTenant()).orElseThrow().signingKey();
        return requestSerde.serialize("t", RequestSigner.signed(request, key));
    }

    void send(LlmRequest request) {
        requests.pipeInput(request.getRequestId().getBytes(StandardCharsets.UTF_8), signed(request));
    }

    /** Lets the infer stage's punctuator run: due batches go out and completions come back. */
    void tick() {
        clock.advance(Duration.ofSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    Map<String, LlmResult> resultsByKey() {
        Map<String, LlmResult> out = new HashMap<>();
        results.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
        return out;
    }

    @Override
    public void close() {
        driver.close();
        try (java.util.stream.Stream<Path> files = Files.walk(state)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not remove the test driver's state directory " + state, e);
        }
    }
}
