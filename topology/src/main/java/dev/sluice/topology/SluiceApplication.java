package dev.sluice.topology;

import dev.sluice.connectors.anthropic.AnthropicProvider;
import dev.sluice.connectors.batch.AnthropicBatchApi;
import dev.sluice.connectors.batch.OpenAiBatchApi;
import dev.sluice.connectors.gemini.GeminiProvider;
import dev.sluice.connectors.openai.OpenAiCompatibleProvider;
import dev.sluice.processors.infer.BatchApiProvider;
import dev.sluice.processors.infer.ModelProvider;
import dev.sluice.schemas.serde.SchemaRegistry;
import dev.sluice.topology.config.LoadedConfig;
import dev.sluice.topology.config.ProviderEndpoint;
import dev.sluice.topology.config.SluiceConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;

/**
 * Wires configuration, connectors and the topology into a running {@link KafkaStreams}.
 *
 * <p>Exception handling is explicit: the requests topic is read as bytes and admit turns any bad
 * record into a rejection, so a deserialization error can only come from Sluice's own internal
 * topics (corruption: fail); stages turn their own failures into rejections, so an exception that
 * still reaches Kafka Streams is an infrastructure fault (fail and restart); production errors fail
 * the transaction rather than lose a record.
 */
public final class SluiceApplication {

    private SluiceApplication() {
    }

    public static Properties streamsProperties(SluiceConfig config, String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(SluiceConfig.APPLICATION_ID));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.getString(SluiceConfig.STATE_DIR));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(SluiceConfig.STREAM_THREADS));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.getShort(SluiceConfig.REPLICATION));
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DefaultProductionExceptionHandler.class);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // kafka.* settings go to Kafka Streams and its clients as they are (security.protocol, sasl.*, ssl.*, timeouts)
        props.putAll(config.originalsWithPrefix(SluiceConfig.KAFKA_PREFIX));
        return props;
    }

    /** One connector per configured provider; {@code env} resolves API-key variable names. */
    public static Map<String, ModelProvider> providers(LoadedConfig config, Function<String, String> env) {
        Map<String, ModelProvider> providers = new LinkedHashMap<>();
        for (ProviderEndpoint endpoint : config.providers().values()) {
            if (!endpoint.configured()) {
                throw new IllegalStateException("provider '" + endpoint.name() + "' has no baseUrl");
            }
            String key = endpoint.apiKeyEnv() == null ? null : env.apply(endpoint.apiKeyEnv());
            providers.put(endpoint.name(), switch (endpoint.kind()) {
                case ProviderEndpoint.ANTHROPIC -> new AnthropicProvider(endpoint.name(), endpoint.baseUrl(), key, endpoint.timeout());
                case ProviderEndpoint.GEMINI -> new GeminiProvider(endpoint.name(), endpoint.baseUrl(), key, endpoint.timeout());
                default -> new OpenAiCompatibleProvider(endpoint.name(), endpoint.baseUrl(), key, endpoint.timeout());
            });
        }
        return providers;
    }

    /** Batch-API connectors for the providers whose limits enable it (OpenAI-compatible and Anthropic have one). */
    public static Map<String, BatchApiProvider> batchApis(LoadedConfig config, Function<String, String> env) {
        Map<String, BatchApiProvider> apis = new LinkedHashMap<>();
        for (ProviderEndpoint endpoint : config.providers().values()) {
            if (!config.gateway().limitsOf(endpoint.name()).batchApi()) {
                continue;
            }
            String key = endpoint.apiKeyEnv() == null ? null : env.apply(endpoint.apiKeyEnv());
            switch (endpoint.kind()) {
                case ProviderEndpoint.ANTHROPIC -> apis.put(endpoint.name(), new AnthropicBatchApi(endpoint.name(), endpoint.baseUrl(), key));
                case ProviderEndpoint.OPENAI_COMPATIBLE -> apis.put(endpoint.name(), new OpenAiBatchApi(endpoint.name(), endpoint.baseUrl(), key));
                default -> throw new IllegalArgumentException("provider '" + endpoint.name() + "' (" + endpoint.kind() + ") has no batch API");
            }
        }
        return apis;
    }

    /** @param partitions partitions of the requests topic (each task's share of the rate limits) */
    /**
     * @param applicationServer {@code host:port} of this instance's cost API, which other instances
     *                          find through the application's metadata; null when it has none
     */
    public static KafkaStreams create(SluiceConfig config, String bootstrapServers, LoadedConfig gateway, Map<String, ModelProvider> providers,
                                      Map<String, BatchApiProvider> batchApis, SchemaRegistry registry, int partitions, String applicationServer) {
        Topics topics = Topics.create(config.getString(SluiceConfig.TOPIC_PREFIX), registry);
        Topology topology = SluiceTopology.build(topics, gateway.gateway(), providers, batchApis, registry, Clock.systemUTC(), partitions);
        Properties props = streamsProperties(config, bootstrapServers);
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        return new KafkaStreams(topology, props);
    }
}
