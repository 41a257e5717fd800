package dev.sluice.ops;

import dev.sluice.schemas.avro.ApprovalDecision;
import dev.sluice.schemas.avro.ApprovalRequest;
import dev.sluice.schemas.serde.InProcessSchemaRegistry;
import dev.sluice.topology.Topics;
import dev.sluice.topology.config.SluiceConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice approvals list | approve ID | reject ID}: the human approval path (docs/audit.md, "Human approval"). */
@Command(name = "approvals", mixinStandardHelpOptions = true, description = "List requests waiting for approval; approve or reject one by name.",
        subcommands = {ApprovalsCommand.ListPending.class, ApprovalsCommand.Approve.class, ApprovalsCommand.Reject.class})
public final class ApprovalsCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static Topics topics(SluiceConfig config) {
        return Topics.create(config.getString(SluiceConfig.TOPIC_PREFIX), InProcessSchemaRegistry.seeded());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Requests waiting for a decision: who asks, why, until when, the redacted prompt.")
    static final class ListPending implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            Topics topics = topics(config);
            Map<String, ApprovalRequest> waiting = new LinkedHashMap<>();
            Set<String> decided = new HashSet<>();
            try (Broker broker = Broker.open(common, config, System.err)) {
                try (TopicReader reader = new TopicReader(broker.bootstrapServers(), List.of(topics.approvalsPending().name()))) {
                    reader.readToEnd(Duration.ofSeconds(30)).forEach(r -> {
                        ApprovalRequest request = topics.approvalsPending().valueSerde().deserializer().deserialize(r.topic(), r.value());
                        waiting.put(request.getRequestId(), request);
                    });
                }
                try (TopicReader reader = new TopicReader(broker.bootstrapServers(), List.of(topics.approvalDecisions().name()))) {
                    reader.readToEnd(Duration.ofSeconds(30)).forEach(r -> decided.add(new String(r.key(), StandardCharsets.UTF_8)));
                }
            } catch (IllegalStateException nothingToRead) {
                System.err.println(nothingToRead.getMessage());
                return 1;
            }
            Instant now = Instant.now();
            int shown = 0;
            for (ApprovalRequest r : waiting.values()) {
                if (decided.contains(r.getRequestId()) || !r.getExpiresAt().isAfter(now)) {
                    continue;
                }
                shown++;
                System.out.printf(Locale.ROOT, "%s  %s/%s  %s  domain %s, %s  by %s  expires %s%n    why: %s%n    %s%n", r.getRequestId(), r.getTenant(),
                        r.getDepartment(), r.getUseCase(), r.getDomain(), r.getSensitivity(), r.getPrincipal(), r.getExpiresAt(), r.getWhy(),
                        r.getRedactedPrompt().replace("\n", "\n    "));
            }
            System.out.printf(Locale.ROOT, "%d request(s) waiting for approval%n", shown);
            return 0;
        }
    }

    /** Writes a decision for the running pipeline to apply. */
    abstract static class Decide implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Parameters(index = "0", description = "The request id.")
        String requestId;

        @Option(names = "--approver", required = true, description = "Who decides (recorded in the audit log).")
        String approver;

        abstract boolean approved();

        abstract String reason();

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            Topics topics = topics(config);
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, common.clientBootstrap(config));
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            props.putAll(config.originalsWithPrefix(SluiceConfig.KAFKA_PREFIX));
            ApprovalDecision decision = new ApprovalDecision(requestId, approved(), approver, reason(), Instant.now());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topics.approvalDecisions().name(), requestId.getBytes(StandardCharsets.UTF_8),
                        topics.approvalDecisions().valueSerde().serializer().serialize(topics.approvalDecisions().name(), decision))).get();
            }
            System.out.printf(Locale.ROOT, "%s %s by %s; the pipeline applies it if the request is still waiting%n", requestId,
                    approved() ? "approved" : "rejected", approver);
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Let a waiting request go on.")
    static final class Approve extends Decide {
        @Option(names = "--reason", description = "Why (for the audit log).")
        String reason;

        @Override
        boolean approved() {
            return true;
        }

        @Override
        String reason() {
            return reason;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a waiting request; the caller gets APPROVAL_REJECTED with your name and reason.")
    static final class Reject extends Decide {
        @Option(names = "--reason", required = true, description = "Why (for the audit log and the caller).")
        String reason;

        @Override
        boolean approved() {
            return false;
        }

        @Override
        String reason() {
            return reason;
        }
    }
}
