package dev.sluice.topology.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Process-level settings, declared once in Kafka's {@link ConfigDef} style (name, type, default,
 * validator, doc); invalid values fail at start. docs/configuration.md is generated from
 * {@link #DEF} ({@code ./sluice config-doc}). The gateway's own rules live in the YAML file that
 * {@value #GATEWAY_CONFIG} names.
 */
public final class SluiceConfig extends AbstractConfig {

    /** Settings with this prefix are passed to Kafka Streams and its clients without it, e.g. kafka.security.protocol=SASL_SSL. */
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String APPLICATION_ID = "application.id";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String STATE_DIR = "state.dir";
    public static final String GATEWAY_CONFIG = "gateway.config";
    public static final String STREAM_THREADS = "num.stream.threads";
    public static final String PARTITIONS = "topic.partitions";
    public static final String REPLICATION = "topic.replication.factor";
    public static final String EMBEDDED_DATA_DIR = "embedded.data.dir";
    public static final String EMBEDDED_PORT = "embedded.port";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_HOST = "http.host";
    public static final String SIMULATOR_LATENCY_MS = "simulator.latency.ms";
    public static final String SIMULATOR_JITTER_MS = "simulator.jitter.ms";
    public static final String SIMULATOR_ERROR_RATE = "simulator.error.rate";
    public static final String SIMULATOR_RATE_LIMIT_RATE = "simulator.rate.limit.rate";
    public static final String SIMULATOR_DOWN_MODELS = "simulator.down.models";
    public static final String SIMULATOR_DISTRIBUTION = "simulator.latency.distribution";
    public static final String SIMULATOR_TIMEOUT_RATE = "simulator.timeout.rate";
    public static final String SIMULATOR_MALFORMED_RATE = "simulator.malformed.rate";

    public static final ConfigDef DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, "", Importance.HIGH,
                    "Kafka bootstrap servers. Empty: start the embedded single-node KRaft broker on 127.0.0.1.")
            .define(APPLICATION_ID, Type.STRING, "sluice", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka Streams application id; instances with the same id share the work.")
            .define(TOPIC_PREFIX, Type.STRING, "sluice", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Prefix of every topic name, e.g. sluice.requests; use one prefix per environment.")
            .define(STATE_DIR, Type.STRING, ".sluice/state", Importance.MEDIUM,
                    "Kafka Streams state directory (RocksDB stores).")
            .define(GATEWAY_CONFIG, Type.STRING, "", Importance.HIGH,
                    "Path of the gateway YAML (tenants, models, policy, routing, templates, limits). Empty: the built-in demo configuration.")
            .define(STREAM_THREADS, Type.INT, 2, Range.atLeast(1), Importance.MEDIUM, "Stream threads per instance.")
            .define(PARTITIONS, Type.INT, 3, Range.atLeast(1), Importance.MEDIUM, "Partitions of the topics Sluice creates.")
            .define(REPLICATION, Type.SHORT, (short) 1, Importance.MEDIUM, "Replication factor of the topics Sluice creates (3 in production).")
            .define(EMBEDDED_DATA_DIR, Type.STRING, ".sluice/kafka", Importance.LOW, "Data folder of the embedded broker.")
            .define(EMBEDDED_PORT, Type.INT, 19092, Range.between(0, 65535), Importance.LOW,
                    "Port of the embedded broker on 127.0.0.1 (0: any free port).")
            .define(HTTP_PORT, Type.INT, -1, Range.between(-1, 65535), Importance.MEDIUM,
                    "Port of the cost HTTP API (interactive queries over the cost and budget stores; docs/budgets.md). -1: off; 0: any free port. `./sluice run` uses 8088 unless told otherwise.")
            .define(HTTP_HOST, Type.STRING, "127.0.0.1", Importance.MEDIUM,
                    "Address the cost API listens on and that other instances use to reach it (application.server).")
            .define(SIMULATOR_LATENCY_MS, Type.INT, 150, Range.atLeast(0), Importance.LOW, "Simulated provider latency.")
            .define(SIMULATOR_JITTER_MS, Type.INT, 100, Range.atLeast(0), Importance.LOW, "Extra simulated latency, drawn uniformly from 0 to this.")
            .define(SIMULATOR_ERROR_RATE, Type.DOUBLE, 0.02, Range.between(0.0, 1.0), Importance.LOW, "Share of simulated calls answered HTTP 500.")
            .define(SIMULATOR_RATE_LIMIT_RATE, Type.DOUBLE, 0.02, Range.between(0.0, 1.0), Importance.LOW,
                    "Share of simulated calls answered HTTP 429 with Retry-After.")
.define(SIMULATOR_DOWN_MODELS, Type.LIST, "", Importance.LOW, "Models the simulator treats as down (HTTP 503), to show fallback.")
            .define(SIMULATOR_DISTRIBUTION, Type.STRING, "UNIFORM", ConfigDef.ValidString.in("FIXED", "UNIFORM", "LOGNORMAL"), Importance.LOW,
                    "Simulated latency distribution: FIXED, UNIFORM (latency + 0..jitter) or LOGNORMAL (median latency, sigma jitter/10).")
            .define(SIMULATOR_TIMEOUT_RATE, Type.DOUBLE, 0.0, Range.between(0.0, 1.0), Importance.LOW, "Share of simulated calls never answered.")
            .define(SIMULATOR_MALFORMED_RATE, Type.DOUBLE, 0.0, Range.between(0.0, 1.0), Importance.LOW,
                    "Share of simulated calls answered 200 with a truncated body.");

    public SluiceConfig(Map<?, ?> values) {
        super(DEF, values, false);
    }

    public boolean embedded() {
        return getString(BOOTSTRAP_SERVERS).isBlank();
    }

    public List<String> downModels() {
        return getList(SIMULATOR_DOWN_MODELS);
    }
}
