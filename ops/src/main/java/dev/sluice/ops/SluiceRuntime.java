package dev.sluice.ops;

import dev.sluice.connectors.simulator.ProviderSimulator;
import dev.sluice.connectors.simulator.SimulatorSettings;
import dev.sluice.processors.infer.ModelProvider;
import dev.sluice.schemas.serde.InProcessSchemaRegistry;
import dev.sluice.schemas.serde.SchemaRegistry;
import dev.sluice.topology.SluiceApplication;
import dev.sluice.topology.Topics;
import dev.sluice.topology.config.GatewayConfigLoader;
import dev.sluice.topology.config.LoadedConfig;
import dev.sluice.topology.config.ProviderEndpoint;
import dev.sluice.topology.config.SluiceConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Sluice as one process: the embedded broker when no bootstrap servers are given, the provider
 * simulator for every provider without an endpoint (and says so), the topics, and the pipeline.
 */
public final class SluiceRuntime implements AutoCloseable {

    private final SluiceConfig config;
    private final LoadedConfig gateway;
    private final SchemaRegistry registry = InProcessSchemaRegistry.seeded();
    private final Topics topics;
    private EmbeddedKafka kafka;
    private ProviderSimulator simulator;
    private KafkaStreams streams;
    private CostApi api;
    private String bootstrapServers;

    public SluiceRuntime(SluiceConfig config) throws Exception {
        this.config = config;
        String path = config.getString(SluiceConfig.GATEWAY_CONFIG);
        GatewayConfigLoader loader = new GatewayConfigLoader(System::getenv);
        this.gateway = path.isBlank() ? loader.loadDefault() : loader.load(Path.of(path));
        this.topics = Topics.create(config.getString(SluiceConfig.TOPIC_PREFIX), registry);
    }

    /** Starts everything and waits until the pipeline is RUNNING. */
    public SluiceRuntime start(PrintStream out) throws Exception {
        if (config.embedded()) {
            kafka = EmbeddedKafka.start(Path.of(config.getString(SluiceConfig.EMBEDDED_DATA_DIR)), config.getInt(SluiceConfig.EMBEDDED_PORT));
            bootstrapServers = kafka.bootstrapServers();
            out.println("Embedded Kafka (single-node KRaft) on " + bootstrapServers + ", data in " + kafka.dataDir());
        } else {
            bootstrapServers = config.getString(SluiceConfig.BOOTSTRAP_SERVERS);
            out.println("Kafka at " + bootstrapServers);
        }
        Map<String, ProviderEndpoint> endpoints = new LinkedHashMap<>(gateway.providers());
        if (gateway.needsSimulator()) {
            simulator = ProviderSimulator.start(simulatorSettings(config), 0);
            endpoints.replaceAll((name, endpoint) -> endpoint.configured() ? endpoint : endpoint.withBaseUrl(simulator.baseUrl()));
            out.println("No endpoint configured for providers " + gateway.providers().values().stream().filter(p -> !p.configured())
                    .map(ProviderEndpoint::name).toList() + ": the built-in provider simulator answers them at " + simulator.baseUrl()
                    + " (OpenAI chat-completions protocol; no real model is called)");
        }
        LoadedConfig wired = new LoadedConfig(gateway.gateway(), endpoints);
        var created = TopicAdmin.ensureTopics(bootstrapServers, topics, config.getInt(SluiceConfig.PARTITIONS), config.getShort(SluiceConfig.REPLICATION));
        if (!created.isEmpty()) {
            out.println("Created topics " + created);
        }
        Map<String, ModelProvider> providers = SluiceApplication.providers(wired, System::getenv);
        int partitions = TopicAdmin.partitions(bootstrapServers, topics.requests().name());
        int httpPort = config.getInt(SluiceConfig.HTTP_PORT);
        if (httpPort >= 0) {
            api = CostApi.start(config.getString(SluiceConfig.HTTP_HOST), httpPort, gateway.gateway());
        }
        streams = SluiceApplication.create(config, bootstrapServers, wired, providers, SluiceApplication.batchApis(wired, System::getenv),
                registry, partitions, api == null ? null : api.advertised());
        if (api != null) {
            api.attach(streams);
        }
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the pipeline did not reach RUNNING within 120 s (state " + streams.state() + ")");
        }
        out.println("Pipeline running (application id " + config.getString(SluiceConfig.APPLICATION_ID) + ", exactly_once_v2)");
        if (api != null) {
            out.println("Cost API on http://" + api.advertised() + "/costs and /budgets?tenant=...");
        }
        return this;
    }

    /** The simulator as the process settings describe it. */
    public static SimulatorSettings simulatorSettings(SluiceConfig config) {
        return SimulatorSettings.healthy()
                .withLatency(Duration.ofMillis(config.getInt(SluiceConfig.SIMULATOR_LATENCY_MS)),
                        SimulatorSettings.Distribution.valueOf(config.getString(SluiceConfig.SIMULATOR_DISTRIBUTION)),
                        Duration.ofMillis(config.getInt(SluiceConfig.SIMULATOR_JITTER_MS)))
                .withFaults(config.getDouble(SluiceConfig.SIMULATOR_RATE_LIMIT_RATE), config.getDouble(SluiceConfig.SIMULATOR_ERROR_RATE),
                        config.getDouble(SluiceConfig.SIMULATOR_TIMEOUT_RATE), config.getDouble(SluiceConfig.SIMULATOR_MALFORMED_RATE))
                .withDown(new HashSet<>(config.downModels()));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Topics topics() {
        return topics;
    }

    public LoadedConfig gateway() {
        return gateway;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ProviderSimulator simulator() {
        return simulator;
    }

    /** {@code host:port} of this instance's cost API, or null when it is off. */
    public String costApi() {
        return api == null ? null : api.advertised();
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        if (simulator != null) {
            simulator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
