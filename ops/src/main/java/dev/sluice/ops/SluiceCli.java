package dev.sluice.ops;

import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.json.AvroJson;
import dev.sluice.topology.Topics;
import dev.sluice.topology.config.SluiceConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code sluice} command line. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        description = "Sluice: a governed LLM gateway on Kafka Streams.",
        subcommands = {SluiceCli.Demo.class, SluiceCli.Run.class, SluiceCli.Submit.class, SluiceCli.Results.class, SluiceCli.Costs.class,
                SluiceCli.ConfigDoc.class, Bench.class, dev.sluice.ops.eval.EvalCommand.class, dev.sluice.ops.train.TrainCommand.class, dev.sluice.ops.bench.DetectorBench.class,
                dev.sluice.ops.inspect.InspectCommands.Redact.class, dev.sluice.ops.inspect.InspectCommands.Classify.class, PricesCommand.class, AuditCommand.class, ApprovalsCommand.class, TemplatesCommand.class, PoliciesCommand.class})
public final class SluiceCli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, with bad input reported as bad input: a file that is missing, unreadable or a directory, input
     * that is not JSON, a record without what the command needs, a gateway configuration with a wrong setting. Each is one line on standard error naming the command,
     * the file and (for JSON) the line, and exit code 2, as a refused policy or template is; anything else is a fault and
     * keeps its stack trace.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new SluiceCli()).setExecutionExceptionHandler((e, command, parsed) -> {
            String problem = inputProblem(e);
            if (problem == null) {
                throw e;
            }
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + problem);
            return 2;
        });
    }

    /** What is wrong with the input, or null when {@code e} is not about the input. */
    static String inputProblem(Throwable e) {
        Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof BadInputException bad) {
            return bad.getMessage();
        }
        if (cause instanceof dev.sluice.topology.config.GatewayConfigLoader.ConfigException config) {
            return config.getMessage(); // the file and the setting that is wrong
        }
        if (cause instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (cause instanceof java.nio.file.AccessDeniedException denied) {
            return "cannot read " + denied.getFile() + ": permission denied";
        }
        if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            com.fasterxml.jackson.core.JsonLocation at = json.getLocation();
            return "input is not the JSON expected" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + json.getOriginalMessage();
        }
        return null;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Options every command that talks to Kafka shares. */
    static final class Common {
        @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: the embedded broker on 127.0.0.1:19092).")
        String bootstrapServers;

        @Option(names = "--config", description = "Gateway YAML (tenants, models, policy, ...); default: the built-in demo configuration.")
        Path gatewayConfig;

        @Option(names = "--settings", description = "Properties file of process settings (docs/configuration.md); -D and the options above win over it.")
        Path settingsFile;

        @Option(names = "-D", description = "Set a process setting, e.g. -Dtopic.partitions=6 (see docs/configuration.md).")
        Map<String, String> settings = new LinkedHashMap<>();

        SluiceConfig config(Map<String, String> defaults) {
            Map<String, String> values = new HashMap<>(defaults);
            if (settingsFile != null) {
                java.util.Properties file = new java.util.Properties();
                try (var in = Files.newBufferedReader(settingsFile)) {
                    file.load(in);
                } catch (IOException e) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "cannot read --settings " + settingsFile + ": " + e.getMessage());
                }
                file.forEach((k, v) -> values.put(k.toString(), v.toString()));
            }
            values.putAll(settings);
            if (bootstrapServers != null) {
                values.put(SluiceConfig.BOOTSTRAP_SERVERS, bootstrapServers);
            }
            if (gatewayConfig != null) {
                values.put(SluiceConfig.GATEWAY_CONFIG, gatewayConfig.toString());
            }
            return new SluiceConfig(values);
        }

        String clientBootstrap(SluiceConfig config) {
            return config.embedded() ? "127.0.0.1:" + config.getInt(SluiceConfig.EMBEDDED_PORT) : config.getString(SluiceConfig.BOOTSTRAP_SERVERS);
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Start an embedded broker, the pipeline and the provider simulator; publish the example requests; "
                    + "wait for every outcome; print outcomes by reason and cost by department.")
    static final class Demo implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--requests", description = "JSON-lines requests to publish (default: ${DEFAULT-VALUE}).",
                defaultValue = "ops/examples/requests.jsonl")
        Path requests;

        @Option(names = "--timeout", description = "Seconds to wait for every outcome (default: ${DEFAULT-VALUE}).", defaultValue = "90")
        int timeoutSeconds;

        /** Where the demo keeps its broker and state, and its application id: {@code sluice costs} reads them after the demo. */
        static final Path HOME = Path.of(".sluice", "demo");
        static final String APPLICATION_ID = "sluice-demo";

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            Path home = HOME;
            deleteRecursively(home);
            SluiceConfig config = common.config(Map.of(
                    SluiceConfig.EMBEDDED_DATA_DIR, home.resolve("kafka").toString(),
                    SluiceConfig.EMBEDDED_PORT, "0",
                    SluiceConfig.STATE_DIR, home.resolve("state").toString(),
                    SluiceConfig.APPLICATION_ID, APPLICATION_ID,
                    SluiceConfig.SIMULATOR_DOWN_MODELS, "gpt-4o"));
            long started = System.nanoTime();
            try (SluiceRuntime runtime = new SluiceRuntime(config).start(out)) {
                out.println("Simulated outage of gpt-4o: its requests fall back along their route.");
                Topics topics = runtime.topics();
                Submitter.Summary summary = Submitter.submit(requests, runtime.bootstrapServers(), topics.requests().name(),
                        runtime.registry(), runtime.gateway().gateway(), true);
                out.printf(Locale.ROOT, "Published %d requests from %s (%d not valid requests, sent as they are)%n", summary.published(), requests, summary.raw());
                summary.problems().forEach(p -> out.println("  " + p));

                List<Outcome> outcomes;
                try (TopicReader reader = new TopicReader(runtime.bootstrapServers(), List.of(topics.results().name(), topics.rejections().name()))) {
                    var records = reader.readUntil(r -> r.size() >= summary.published(), Duration.ofSeconds(timeoutSeconds));
                    outcomes = Outcome.decode(records, topics);
                }
                Set<String> sources = new HashSet<>();
                int duplicates = 0;
                for (Outcome o : outcomes) {
                    if (!sources.add(o.source().getPartition() + "/" + o.source().getOffset())) {
                        duplicates++;
                    }
                }
                printOutcomes(out, outcomes);
                Map<String, long[]> perDepartment = new TreeMap<>();
                long perRequestTotal = 0;
                for (Outcome o : outcomes) {
                    if (o.result() != null) {
                        perRequestTotal += o.result().getCostMicros();
                    }
                }
                long aggregateTotal = -1;
                try (TopicReader reader = new TopicReader(runtime.bootstrapServers(), List.of(topics.costs().name()))) {
                    Duration wait = Duration.ofSeconds(30);
                    long target = perRequestTotal;
                    Map<String, CostAggregate> latest = new HashMap<>();
                    reader.readUntil(records -> {
                        latest.clear();
                        records.forEach(r -> latest.put(new String(r.key()), topics.costs().valueSerde().deserializer().deserialize(r.topic(), r.value())));
                        return latest.values().stream().mapToLong(CostAggregate::getCostMicros).sum() >= target;
                    }, wait);
                    for (CostAggregate a : latest.values()) {
                        long[] row = perDepartment.computeIfAbsent(a.getTenant() + "/" + a.getDepartment(), k -> new long[3]);
                        row[0] += a.getRequests();
                        row[1] += a.getInputTokens() + a.getOutputTokens();
                        row[2] += a.getCostMicros();
                    }
                    aggregateTotal = latest.values().stream().mapToLong(CostAggregate::getCostMicros).sum();
                }
                out.println();
                out.println("Cost by department (from the cost aggregates in the RocksDB window store, via the costs topic)");
                out.printf(Locale.ROOT, "  %-24s %9s %10s %14s%n", "tenant/department", "requests", "tokens", "cost USD");
                perDepartment.forEach((k, v) -> out.printf(Locale.ROOT, "  %-24s %9d %10d %14.6f%n", k, v[0], v[1], v[2] / 1e6));
                out.println();
                boolean complete = sources.size() == summary.published() && duplicates == 0;
                out.printf(Locale.ROOT, "%d requests published, %d outcomes, %d duplicates: %s%n", summary.published(), outcomes.size(), duplicates,
                        complete ? "every request accounted for exactly once" : "NOT every request has exactly one outcome");
                out.printf(Locale.ROOT, "Cost aggregates %.6f USD, sum of per-request costs %.6f USD: %s%n", aggregateTotal / 1e6, perRequestTotal / 1e6,
                        aggregateTotal == perRequestTotal ? "equal" : "NOT equal");
                out.printf(Locale.ROOT, "Demo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
                return complete && aggregateTotal == perRequestTotal ? 0 : 1;
            }
        }
    }

    static void printOutcomes(PrintStream out, List<Outcome> outcomes) {
        Map<String, Integer> byReason = new TreeMap<>();
        Map<String, List<String>> examples = new HashMap<>();
        for (Outcome o : outcomes) {
            byReason.merge(o.reason(), 1, Integer::sum);
            examples.computeIfAbsent(o.reason(), k -> new ArrayList<>()).add(o.key());
        }
        out.println();
        out.println("Outcomes by reason");
        out.printf(Locale.ROOT, "  %-22s %6s  %s%n", "outcome", "count", "requests");
        byReason.forEach((reason, count) -> {
            List<String> ids = examples.get(reason);
            String shown = String.join(", ", ids.subList(0, Math.min(3, ids.size()))) + (ids.size() > 3 ? ", ..." : "");
            out.printf(Locale.ROOT, "  %-22s %6d  %s%n", reason, count, shown);
        });
        out.printf(Locale.ROOT, "  %-22s %6d%n", "total", outcomes.size());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the pipeline until interrupted: the embedded broker unless --bootstrap-servers says otherwise.")
    static final class Run implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of(SluiceConfig.HTTP_PORT, "8088"));
            CountDownLatch stop = new CountDownLatch(1);
            try (SluiceRuntime runtime = new SluiceRuntime(config)) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop.countDown();
                    runtime.close();
                }));
                runtime.start(System.out);
                System.out.println("Publish with: ./sluice submit FILE.jsonl   Read with: ./sluice results   Stop with Ctrl-C");
                stop.await();
            }
            return 0;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Publish JSON-lines requests (signed with the tenant's key when unsigned).")
    static final class Submit implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(index = "0", description = "JSON-lines file, one LlmRequest per line (docs/requests.md).")
        Path file;

        @Option(names = "--no-sign", negatable = true, defaultValue = "true", description = "Sign unsigned requests with the tenant key (default on).")
        boolean sign;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            SluiceRuntime runtime = new SluiceRuntime(config);
            Submitter.Summary summary = Submitter.submit(file, common.clientBootstrap(config), runtime.topics().requests().name(),
                    runtime.registry(), runtime.gateway().gateway(), sign);
            System.out.printf(Locale.ROOT, "Published %d requests (%d not valid requests, sent as they are)%n", summary.published(), summary.raw());
            summary.problems().forEach(p -> System.out.println("  " + p));
            return 0;
        }
    }

    @Command(name = "results", mixinStandardHelpOptions = true, description = "Print results and rejections as JSON lines.")
    static final class Results implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--follow", description = "Keep printing new outcomes until interrupted.")
        boolean follow;

        @Option(names = "--restore", description = "Open each result's redaction vault with the configured keys and add restoredContent.")
        boolean restore;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            Map<String, byte[]> keys = restore ? new SluiceRuntime(config).gateway().gateway().redaction().vaultKeys() : Map.of();
            Topics topics = Topics.create(config.getString(SluiceConfig.TOPIC_PREFIX), dev.sluice.schemas.serde.InProcessSchemaRegistry.seeded());
            try (TopicReader reader = new TopicReader(common.clientBootstrap(config), List.of(topics.results().name(), topics.rejections().name()))) {
                print(Outcome.decode(reader.readToEnd(Duration.ofSeconds(30)), topics), keys);
                while (follow) {
                    print(Outcome.decode(reader.poll(Duration.ofSeconds(1)), topics), keys);
                }
            }
            return 0;
        }

        private void print(List<Outcome> outcomes, Map<String, byte[]> keys) {
            for (Outcome o : outcomes) {
                var json = o.result() != null ? AvroJson.toJson(o.result()) : AvroJson.toJson(o.rejection());
                json.put("outcome", o.result() != null ? "result" : "rejection");
                if (restore && o.result() != null && o.result().getRedactionVault() != null) {
                    try {
                        var mapping = dev.sluice.processors.redact.Vault.open(o.result().getRedactionVault(), o.result().getRequestId(), keys);
                        json.put("restoredContent", dev.sluice.processors.redact.Vault.restore(o.result().getContent(), mapping));
                    } catch (IllegalArgumentException e) {
                        json.put("restoreError", e.getMessage());
                    }
                }
                System.out.println(json);
            }
        }
    }

    @Command(name = "costs", mixinStandardHelpOptions = true, description = "Print spend by department and day, each budget against its cap with a forecast, "
            + "and the most expensive prompts; reads the running broker, or the data the last demo or run left behind.")
    static final class Costs implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            String path = config.getString(SluiceConfig.GATEWAY_CONFIG);
            var loader = new dev.sluice.topology.config.GatewayConfigLoader(System::getenv);
            var gateway = (path.isBlank() ? loader.loadDefault() : loader.load(Path.of(path))).gateway();
            var registry = dev.sluice.schemas.serde.InProcessSchemaRegistry.seeded();
            Topics topics = Topics.create(config.getString(SluiceConfig.TOPIC_PREFIX), registry);
            try (Broker broker = Broker.open(common, config, System.out)) {
                CostsReport.read(broker.bootstrapServers(), topics, broker.applicationId(), registry).print(System.out, gateway, java.time.Instant.now());
            } catch (IllegalStateException nothingToRead) {
                System.err.println(nothingToRead.getMessage());
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "config-doc", mixinStandardHelpOptions = true, description = "Print the process settings as a Markdown table.")
    static final class ConfigDoc implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println("| setting | type | default | description |");
            System.out.println("|---|---|---|---|");
            for (var key : SluiceConfig.DEF.configKeys().values()) {
                System.out.printf(Locale.ROOT, "| `%s` | %s | `%s` | %s |%n", key.name, key.type.name().toLowerCase(Locale.ROOT),
                        key.defaultValue, key.documentation);
            }
            return 0;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
