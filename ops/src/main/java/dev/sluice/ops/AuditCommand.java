package dev.sluice.ops;

import dev.sluice.processors.audit.AuditVerifier;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.json.AvroJson;
import dev.sluice.schemas.serde.InProcessSchemaRegistry;
import dev.sluice.topology.Topics;
import dev.sluice.topology.config.SluiceConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice audit verify | replay | export}: the audit log as an auditor uses it (docs/audit.md).
 * Reads the audit topic from the beginning, partition by partition in offset order.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify, replay and export the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class, AuditCommand.Export.class})
public final class AuditCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Every audit record, by partition in offset order (from the data a stopped demo or run left, when no broker runs). */
    static Map<Integer, List<AuditVerifier.Entry>> read(SluiceCli.Common common, SluiceConfig config) throws Exception {
        Topics topics = Topics.create(config.getString(SluiceConfig.TOPIC_PREFIX), InProcessSchemaRegistry.seeded());
        Map<Integer, List<AuditVerifier.Entry>> byPartition = new TreeMap<>();
        try (Broker broker = Broker.open(common, config, System.err);
             TopicReader reader = new TopicReader(broker.bootstrapServers(), List.of(topics.audit().name()))) {
            reader.readToEnd(Duration.ofSeconds(30)).forEach(r -> byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                    .add(new AuditVerifier.Entry(r.partition(), r.offset(), topics.audit().valueSerde().deserializer().deserialize(r.topic(), r.value()))));
        }
        byPartition.values().forEach(list -> list.sort(Comparator.comparingLong(AuditVerifier.Entry::offset)));
        return byPartition;
    }

    /** Filters shared by replay and export. */
    static final class Filter {
        @Option(names = "--request-id", description = "Only this request's events.")
        String requestId;

        @Option(names = "--tenant", description = "Only this tenant's events.")
        String tenant;

        @Option(names = "--from", description = "Only events at or after this instant (2026-11-23T00:00:00Z).")
        Instant from;

        @Option(names = "--to", description = "Only events before this instant.")
        Instant to;

        boolean matches(AuditEvent e) {
            return (requestId == null || requestId.equals(e.getRequestId())) && (tenant == null || tenant.equals(e.getTenant()))
                    && (from == null || !e.getTimestamp().isBefore(from)) && (to == null || e.getTimestamp().isBefore(to));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every partition's hash chain and signatures; name each changed, deleted, reordered or inserted record. Exit 1 on any.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            var keys = PricesCommand.gateway(config).audit().keys();
            int records = 0;
            List<AuditVerifier.Problem> problems = new ArrayList<>();
            for (var partition : read(common, config).entrySet()) {
                records += partition.getValue().size();
                problems.addAll(AuditVerifier.verify(partition.getValue(), keys));
            }
            if (problems.isEmpty()) {
                System.out.printf(Locale.ROOT, "audit: %d records verified, every chain unbroken%n", records);
                return 0;
            }
            problems.forEach(p -> System.out.println("BROKEN " + p));
            System.out.printf(Locale.ROOT, "audit: %d records, %d problems%n", records, problems.size());
            return 1;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Reconstruct the decision trail of a request (or of a tenant or time range), every step in order with its versions.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Mixin
        Filter filter;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            List<AuditEvent> events = new ArrayList<>();
            read(common, config).values().forEach(list -> list.stream().map(AuditVerifier.Entry::event).filter(filter::matches).forEach(events::add));
            // a request's trail in its own order; requests in time order
            events.sort(Comparator.comparing(AuditEvent::getTimestamp).thenComparing(e -> String.valueOf(e.getRequestId())).thenComparingInt(AuditEvent::getSequence));
            Map<String, List<AuditEvent>> byRequest = new java.util.LinkedHashMap<>();
            events.forEach(e -> byRequest.computeIfAbsent(String.valueOf(e.getRequestId()), k -> new ArrayList<>()).add(e));
            PrintStream out = System.out;
            for (var trail : byRequest.entrySet()) {
                trail.getValue().sort(Comparator.comparingInt(AuditEvent::getSequence));
                AuditEvent first = trail.getValue().get(0);
                out.printf(Locale.ROOT, "request %s (tenant %s, configuration %s)%n", trail.getKey(), first.getTenant(), first.getConfigVersion());
                for (AuditEvent e : trail.getValue()) {
                    out.printf(Locale.ROOT, "  %2d %s %-9s %-22s %s %s%n", e.getSequence(), e.getTimestamp(), e.getStage(), e.getDecision(),
                            e.getReason() == null ? "" : "[" + e.getReason() + "]", new TreeMap<>(e.getAttributes()));
                }
            }
            if (byRequest.isEmpty()) {
                System.err.println("no audit events match");
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the audit events (filtered) as JSON lines, with their chain fields, for auditors.")
    static final class Export implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Mixin
        Filter filter;

        @Option(names = "--out", description = "File to write; standard output when absent.")
        Path out;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            StringBuilder lines = new StringBuilder();
            int n = 0;
            for (var partition : read(common, config).values()) {
                for (AuditVerifier.Entry entry : partition) {
                    if (filter.matches(entry.event())) {
                        var json = AvroJson.toJson(entry.event());
                        json.put("partition", entry.partition()).put("offset", entry.offset());
                        lines.append(json.toString()).append('\n');
                        n++;
                    }
                }
            }
            if (out == null) {
                System.out.print(lines);
            } else {
                Files.writeString(out, lines, StandardCharsets.UTF_8);
                System.err.printf(Locale.ROOT, "%d audit events written to %s%n", n, out);
            }
            return 0;
        }
    }
}
