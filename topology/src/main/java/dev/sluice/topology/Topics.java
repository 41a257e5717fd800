package dev.sluice.topology;

import dev.sluice.schemas.avro.Alert;
import dev.sluice.schemas.avro.ApprovalDecision;
import dev.sluice.schemas.avro.ApprovalRequest;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.LlmResult;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.avro.PolicyVersion;
import dev.sluice.schemas.avro.PriceTable;
import dev.sluice.schemas.avro.TemplateVersion;
import dev.sluice.schemas.avro.Rejection;
import dev.sluice.schemas.serde.AvroSerde;
import dev.sluice.schemas.serde.SchemaRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Sluice's topics (DESIGN.md, "Topics"), named {@code <prefix>.requests} and so on. The audit topic
 * never expires records; control topics are compacted.
 */
public record Topics(
        Topic<byte[], byte[]> requests,
        Topic<String, LlmResult> results,
        Topic<String, Rejection> rejections,
        Topic<String, AuditEvent> audit,
        Topic<String, CostAggregate> costs,
        Topic<String, Alert> alerts,
        Topic<String, PriceTable> prices,
        Topic<String, PipelineRecord> escalations,
        Topic<String, AuditEvent> auditInbox,
        Topic<String, ApprovalRequest> approvalsPending,
        Topic<String, ApprovalDecision> approvalDecisions,
        Topic<String, TemplateVersion> templates,
        Topic<String, PolicyVersion> policies,
        List<Topic<String, byte[]>> control,
        Serde<PipelineRecord> envelopeSerde,
        Serde<LlmRequest> requestSerde) {

    private static final Map<String, String> DELETE_7D = Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(7L * 24 * 3600 * 1000));
    private static final Map<String, String> FOREVER = Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
    private static final Map<String, String> COMPACT = Map.of("cleanup.policy", "compact");

    public static Topics create(String prefix, SchemaRegistry registry) {
        Serde<String> keys = Serdes.String();
        String p = prefix == null || prefix.isBlank() ? "sluice" : prefix;
        return new Topics(
                new Topic<>(p + ".requests", Serdes.ByteArray(), Serdes.ByteArray(), DELETE_7D),
                new Topic<>(p + ".results", keys, AvroSerde.of(LlmResult.class, registry), DELETE_7D),
                new Topic<>(p + ".rejections", keys, AvroSerde.of(Rejection.class, registry), DELETE_7D),
                new Topic<>(p + ".audit", keys, AvroSerde.of(AuditEvent.class, registry), FOREVER),
                new Topic<>(p + ".costs", keys, AvroSerde.of(CostAggregate.class, registry), COMPACT),
                new Topic<>(p + ".alerts", keys, AvroSerde.of(Alert.class, registry), DELETE_7D),
                new Topic<>(p + ".control.prices", keys, AvroSerde.of(PriceTable.class, registry), COMPACT),
                new Topic<>(p + ".escalations", keys, AvroSerde.of(PipelineRecord.class, registry), DELETE_7D),
                new Topic<>(p + ".audit.inbox", keys, AvroSerde.of(AuditEvent.class, registry), DELETE_7D),
                new Topic<>(p + ".approvals.pending", keys, AvroSerde.of(ApprovalRequest.class, registry), DELETE_7D),
                new Topic<>(p + ".approvals.decisions", keys, AvroSerde.of(ApprovalDecision.class, registry), DELETE_7D),
                new Topic<>(p + ".control.templates", keys, AvroSerde.of(TemplateVersion.class, registry), COMPACT),
                new Topic<>(p + ".control.policies", keys, AvroSerde.of(PolicyVersion.class, registry), COMPACT),
                List.of(
                        new Topic<>(p + ".control.budgets", keys, Serdes.ByteArray(), COMPACT)),
                AvroSerde.of(PipelineRecord.class, registry),
                AvroSerde.of(LlmRequest.class, registry));
    }

    /** Every topic Sluice creates, in creation order. */
    public List<Topic<?, ?>> all() {
        List<Topic<?, ?>> all = new java.util.ArrayList<>(List.of(requests, results, rejections, audit, costs, alerts, prices, escalations, auditInbox, approvalsPending, approvalDecisions, templates, policies));
        all.addAll(control);
        return all;
    }
}
