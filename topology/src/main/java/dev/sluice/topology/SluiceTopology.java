package dev.sluice.topology;

import dev.sluice.processors.admit.AdmitProcessor;
import dev.sluice.processors.admit.Admitter;
import dev.sluice.processors.classify.ClassifyStage;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.PolicyBook;
import dev.sluice.processors.cost.CostStage;
import dev.sluice.processors.cost.Pricer;
import dev.sluice.processors.infer.BatchApiProvider;
import dev.sluice.processors.infer.BatchJobs;
import dev.sluice.processors.infer.Batcher;
import dev.sluice.processors.infer.InferProcessor;
import dev.sluice.processors.infer.ModelProvider;
import dev.sluice.processors.infer.ProviderGuard;
import dev.sluice.processors.infer.TokenBucket;
import dev.sluice.processors.outcome.Outcomes;
import dev.sluice.processors.pipeline.StageProcessor;
import dev.sluice.processors.policy.PolicyEngine;
import dev.sluice.processors.policy.PolicyStage;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.processors.redact.RedactStage;
import dev.sluice.processors.redact.Redactor;
import dev.sluice.processors.route.Escalation;
import dev.sluice.processors.template.TemplateBook;
import dev.sluice.processors.route.RouteStage;
import dev.sluice.processors.validate.OutputValidator;
import dev.sluice.processors.validate.ValidateStage;
import dev.sluice.processors.approval.ApprovalDecisionProcessor;
import dev.sluice.processors.approval.ApprovalWaitProcessor;
import dev.sluice.processors.approval.Approvals;
import dev.sluice.processors.audit.AuditChainProcessor;
import dev.sluice.processors.budget.SettleStage;
import dev.sluice.processors.pipeline.ControlRecordProcessor;
import dev.sluice.processors.pipeline.Envelopes;
import dev.sluice.processors.price.PriceBook;
import dev.sluice.schemas.avro.Alert;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.avro.CostRecord;
import dev.sluice.schemas.avro.PipelineRecord;
import dev.sluice.schemas.serde.AvroSerde;
import dev.sluice.schemas.serde.SchemaRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The one place the request's way is assembled (DESIGN.md, "The request's way"):
 *
 * <pre>
 * requests ─► admit ─► classify ─► redact ─► policy ═► route ═► infer ─► validate ─► cost ═► settle ─┬─► results
 *                                                                                                        ├─► rejections
 *                                                                                                        ├─► audit
 *                                                                                                        ├─► alerts
 *                                                                                                        └─► cost-by-scope ─► cost-daily ─► costs
 * ═► : repartitioned (by tenant into route and settle, which share the budget store; by request id into infer)
 * </pre>
 *
 * Every operator, store and internal topic is named. {@link #build} does no I/O: the application
 * main and the tests call it alike.
 */
public final class SluiceTopology {

    public static final String ADMIT_STORE = "admit-request-ids";
    public static final String INFLIGHT_STORE = "infer-inflight";
    public static final String COST_STORE = "cost-daily";
    /** Hourly cost windows per tenant, department, use case and model. */
    public static final String COST_HOURLY_STORE = "cost-hourly";
    /** Hourly cost windows are kept this long. */
    public static final Duration COST_HOURLY_RETENTION = Duration.ofDays(62);
    /** Each tenant's budget windows (spent, reserved), keyed by tenant: route reserves, settle settles. */
    public static final String BUDGET_STORE = "budget-ledger";
    /** Requests waiting for a person's approval, keyed by request id. */
    public static final String APPROVAL_STORE = "approvals-pending";
    /** How often waiting requests are checked for expiry. */
    public static final Duration APPROVAL_TICK = Duration.ofSeconds(1);
    /** Each audit partition's chain head (position and hash), keyed by partition. */
    public static final String AUDIT_CHAIN_STORE = "audit-chain";
    /** The policy versions from the policies control topic: a global store, every instance holds all. */
    public static final String POLICY_STORE = "policy-versions";
    /** The template versions from the templates control topic: a global store, every instance holds all. */
    public static final String TEMPLATE_STORE = "template-versions";
    /** The price table versions from the prices control topic: a global store, every instance holds all. */
    public static final String PRICE_STORE = "price-tables";
    /** Late cost records are still counted in their day's window for this long. */
    public static final Duration COST_GRACE = Duration.ofHours(1);
    /** Daily cost windows are kept this long in the store, for interactive queries. */
    public static final Duration COST_RETENTION = Duration.ofDays(400);
    public static final Duration INFER_TICK = Duration.ofMillis(10);

    private SluiceTopology() {
    }

    /**
     * @param partitions partitions of the requests topic: each task holds 1/partitions of every
     *                   provider's rate limits, so the limits hold whatever the number of instances
     */
    public static Topology build(Topics topics, GatewayConfig config, Map<String, ModelProvider> providers,
                                 Map<String, BatchApiProvider> batchApis, SchemaRegistry registry, Clock clock, int partitions) {
        StreamsBuilder builder = new StreamsBuilder();
        var envelopes = topics.envelopeSerde();
        var limits = config.limits();

        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ADMIT_STORE, limits.dedupWindow(), limits.dedupWindow(), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INFLIGHT_STORE), Serdes.String(), envelopes));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AUDIT_CHAIN_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(APPROVAL_STORE), Serdes.String(), envelopes));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BUDGET_STORE), Serdes.String(),
                AvroSerde.of(BudgetState.class, registry)));
        PriceBook prices = new PriceBook(config);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRICE_STORE), Serdes.String(), topics.prices().valueSerde())
                        .withLoggingDisabled(),
                topics.prices().name(), Consumed.with(Serdes.String(), topics.prices().valueSerde()).withName("prices-source"),
                () -> new ControlRecordProcessor<>(prices, PRICE_STORE));

        var redactionRules = config.redaction();
        PiiDetector detector = PiiDetector.withLenientChecksums(redactionRules.lenientChecksums());
        Redactor redactor = new Redactor(detector);
        String vaultKeyId = redactionRules.activeKeyId();
        byte[] vaultKey = vaultKeyId == null ? null : redactionRules.vaultKeys().get(vaultKeyId);
        AvroSerde<dev.sluice.schemas.avro.LlmRequest> requestSerde = AvroSerde.of(dev.sluice.schemas.avro.LlmRequest.class, registry);
        PolicyBook policies = new PolicyBook(config);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POLICY_STORE), Serdes.String(), topics.policies().valueSerde())
                        .withLoggingDisabled(),
                topics.policies().name(), Consumed.with(Serdes.String(), topics.policies().valueSerde()).withName("policies-source"),
                () -> new ControlRecordProcessor<>(policies, POLICY_STORE));
        TemplateBook templates = new TemplateBook(config);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TEMPLATE_STORE), Serdes.String(), topics.templates().valueSerde())
                        .withLoggingDisabled(),
                topics.templates().name(), Consumed.with(Serdes.String(), topics.templates().valueSerde()).withName("templates-source"),
                () -> new ControlRecordProcessor<>(templates, TEMPLATE_STORE));
        Admitter admitter = new Admitter(config, bytes -> requestSerde.deserialize(topics.requests().name(), bytes), templates);

        KStream<String, PipelineRecord> admitted = builder
                .stream(topics.requests().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("requests-source"))
                .process(() -> new AdmitProcessor(admitter, ADMIT_STORE, limits.dedupWindow(), config.version(), clock),
                        Named.as(AdmitProcessor.NAME), ADMIT_STORE);

        KStream<String, PipelineRecord> policed = admitted
                .processValues(StageProcessor.supplier(ClassifyStage.NAME,
                        new ClassifyStage(Classifiers.create(config, detector)), clock), Named.as(ClassifyStage.NAME))
                .processValues(StageProcessor.supplier(RedactStage.NAME, new RedactStage(redactor, vaultKeyId, vaultKey), clock), Named.as(RedactStage.NAME))
                .processValues(StageProcessor.supplier(PolicyStage.NAME, new PolicyStage(new PolicyEngine(config), policies), clock), Named.as(PolicyStage.NAME));

        Map<String, ProviderGuard> guards = new java.util.HashMap<>();
        config.models().values().forEach(m -> guards.computeIfAbsent(m.provider(),
                p -> new ProviderGuard(p, config.resilience(), config.limitsOf(p), clock)));

        // human approval for what the policy names: park, publish, wait for a person's decision or expire
        var toApprove = policed.split(Named.as("approval-"))
                .branch((key, envelope) -> !Outcomes.isRejected(envelope) && policies.at(clock.instant()).rules().approvalRule(envelope.getClassification().getDomain(),
                        envelope.getRequest().getUseCase(), envelope.getClassification().getInjectionScore()) != null, Branched.as("needed"))
                .defaultBranch(Branched.as("not-needed"));
        var waited = toApprove.get("approval-needed")
                .process(() -> new ApprovalWaitProcessor(policies, APPROVAL_STORE, APPROVAL_TICK, clock), Named.as("approval-wait"), APPROVAL_STORE)
                .split(Named.as("approval-wait-"))
                .branch((key, envelope) -> envelope.getAwaitingApproval(), Branched.as("pending"))
                .defaultBranch(Branched.as("expired"));
        waited.get("approval-wait-pending")
                .mapValues(envelope -> {
                    var rules = policies.at(clock.instant()).rules();
                    double score = envelope.getClassification().getInjectionScore();
                    return Approvals.request(envelope, rules.approvalRule(envelope.getClassification().getDomain(), envelope.getRequest().getUseCase(), score),
                            rules.inInjectionReviewBand(score));
                }, Named.as("approval-request"))
                .to(topics.approvalsPending().name(), Produced.with(topics.approvalsPending().keySerde(), topics.approvalsPending().valueSerde())
                        .withName("approvals-pending-sink"));
        KStream<String, PipelineRecord> decided = builder.stream(topics.approvalDecisions().name(),
                        Consumed.with(topics.approvalDecisions().keySerde(), topics.approvalDecisions().valueSerde()).withName("approval-decisions-source"))
                .process(() -> new ApprovalDecisionProcessor(APPROVAL_STORE, clock), Named.as("approval-decide"), APPROVAL_STORE);
        KStream<String, PipelineRecord> approved = toApprove.get("approval-not-needed")
                .merge(waited.get("approval-wait-expired"), Named.as("approval-merge-expired"))
                .merge(decided, Named.as("approval-merge-decided"));

        // route reserves against the tenant's budgets: keyed by tenant, one task holds all of a tenant's
        // budget windows, so check-and-reserve never races (DESIGN.md, "Budgets that hold")
        var toRoute = approved.split(Named.as("route-"))
                .branch((key, envelope) -> Outcomes.isRejected(envelope), Branched.as("passed-by"))
                .defaultBranch(Branched.as("open"));
        KStream<String, PipelineRecord> routed = byTenant(toRoute.get("route-open"), "route", envelopes, partitions)
                .processValues(StageProcessor.withStore(RouteStage.NAME, new RouteStage(config, provider -> guards.get(provider).isOpen(), prices), BUDGET_STORE, clock, false),
                        Named.as(RouteStage.NAME), BUDGET_STORE)
                .selectKey((tenant, envelope) -> Envelopes.outcomeKey(envelope), Named.as("route-key-by-request"))
                .repartition(Repartitioned.<String, PipelineRecord>as("infer-by-request").withKeySerde(Serdes.String()).withValueSerde(envelopes)
                        .withNumberOfPartitions(partitions))
                .merge(toRoute.get("route-passed-by"), Named.as("route-merge"));

        // requests whose answer validation doubted come back to infer on their escalation chain
        KStream<String, PipelineRecord> toInfer = routed.merge(builder.stream(topics.escalations().name(),
                Consumed.with(topics.escalations().keySerde(), topics.escalations().valueSerde()).withName("escalations-source")), Named.as("infer-merge"));
        KStream<String, PipelineRecord> priced = toInfer
                .process(() -> new InferProcessor(config, INFLIGHT_STORE, c -> new Batcher(providers, guards, budgets(c, clock, partitions),
                                c.limits().interactiveWindow(), c.limits().batchWindow(), c.limits().maxBatchSize()),
                                c -> new BatchJobs(batchApis, c.limits().batchJobWindow(), c.limits().batchJobPollInterval()), guards, INFER_TICK, clock, policies),
                        Named.as(InferProcessor.NAME), INFLIGHT_STORE)
                .processValues(StageProcessor.supplier(ValidateStage.NAME, new ValidateStage(new OutputValidator(), redactor, config.routing().escalateBelowConfidence(), config.redaction().vaultKeys(), policies), clock), Named.as(ValidateStage.NAME))
                .processValues(StageProcessor.seeingRejected(CostStage.NAME, new CostStage(config, prices), clock), Named.as(CostStage.NAME));

        var escalating = priced.split(Named.as("escalate-"))
                .branch((key, envelope) -> envelope.getEscalate(), Branched.as("again"))
                .defaultBranch(Branched.as("done"));
        escalating.get("escalate-again")
                .mapValues(envelope -> Escalation.next(envelope, clock.instant()), Named.as("escalate-next"))
                .to(topics.escalations().name(), Produced.with(topics.escalations().keySerde(), topics.escalations().valueSerde()).withName("escalations-sink"));

        // settle: release the reservation, spend the real cost, in the tenant's task again
        var toSettle = escalating.get("escalate-done").split(Named.as("settle-"))
                .branch((key, envelope) -> envelope.getReservation() != null, Branched.as("reserved"))
                .defaultBranch(Branched.as("unreserved"));
        KStream<String, PipelineRecord> finished = byTenant(toSettle.get("settle-reserved"), "settle", envelopes, partitions)
                .processValues(StageProcessor.withStore(SettleStage.NAME, new SettleStage(config), BUDGET_STORE, clock, true),
                        Named.as(SettleStage.NAME), BUDGET_STORE)
                .selectKey((tenant, envelope) -> Envelopes.outcomeKey(envelope), Named.as("settle-key-by-request"))
                .merge(toSettle.get("settle-unreserved"), Named.as("settle-merge"));

        finished.flatMapValues(envelope -> alerts(envelope, config.currency()), Named.as("budget-alerts"))
                .selectKey((requestId, alert) -> alert.getScope(), Named.as("alert-key"))
                .to(topics.alerts().name(), Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde()).withName("alerts-sink"));

        // the audit log, hash-chained per partition: one task per audit partition links its events
        // control changes (price tables, ...) are audited by the tools that make them, through the inbox
        KStream<String, AuditEvent> controlAudit = builder.stream(topics.auditInbox().name(),
                Consumed.with(topics.auditInbox().keySerde(), topics.auditInbox().valueSerde()).withName("audit-inbox-source"));
        // a request's trail travels as one record (its events share a subject, so a partition): one hop per
        // request, not one per event; the chain processor links the events in order
        finished.mapValues(SluiceTopology::trailOnly, Named.as("audit-trail"))
                .merge(controlAudit.mapValues(SluiceTopology::trailOf, Named.as("audit-inbox-trail")), Named.as("audit-merge"))
                .filter((key, trail) -> !trail.getAudit().isEmpty(), Named.as("audit-nonempty"))
                .selectKey((key, trail) -> Integer.toString(AuditChainProcessor.partition(AuditChainProcessor.subject(trail.getAudit().get(0)), partitions)),
                        Named.as("audit-key-by-partition"))
                .repartition(Repartitioned.<String, PipelineRecord>as("audit-by-partition").withKeySerde(Serdes.String())
                        .withValueSerde(envelopes).withNumberOfPartitions(partitions)
                        .withStreamPartitioner((topic, key, trail, count) -> Optional.of(Set.of(Integer.parseInt(key)))))
                .process(() -> new AuditChainProcessor(AUDIT_CHAIN_STORE, config.audit().activeKeyId(), config.audit().activeKey()),
                        Named.as("audit-chain"), AUDIT_CHAIN_STORE)
                .to(topics.audit().name(), Produced.with(topics.audit().keySerde(), topics.audit().valueSerde()).withName("audit-sink"));

        var outcomes = finished.split(Named.as("outcome-"))
                .branch((key, envelope) -> Outcomes.isRejected(envelope), Branched.as("rejected"))
                .defaultBranch(Branched.as("answered"));
        outcomes.get("outcome-rejected")
                .mapValues(Outcomes::rejection, Named.as("to-rejection"))
                .to(topics.rejections().name(), Produced.with(topics.rejections().keySerde(), topics.rejections().valueSerde()).withName("rejections-sink"));
        outcomes.get("outcome-answered")
                .mapValues(envelope -> Outcomes.result(envelope, clock.instant()), Named.as("to-result"))
                .to(topics.results().name(), Produced.with(topics.results().keySerde(), topics.results().valueSerde()).withName("results-sink"));

        AvroSerde<CostRecord> costRecords = AvroSerde.of(CostRecord.class, registry);
        AvroSerde<CostAggregate> aggregates = AvroSerde.of(CostAggregate.class, registry);
        var byScope = finished.flatMapValues(SluiceTopology::costRecords, Named.as("cost-records"))
                .groupBy((key, cost) -> Pricer.scopeKey(cost), Grouped.with("cost-by-scope", Serdes.String(), costRecords));
        byScope.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofHours(1), COST_GRACE))
                .aggregate(() -> null, (scope, cost, aggregate) -> Pricer.add(aggregate, cost),
                        Named.as("cost-aggregate-hourly"),
                        Materialized.<String, CostAggregate, WindowStore<Bytes, byte[]>>as(COST_HOURLY_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(aggregates).withRetention(COST_HOURLY_RETENTION));
        byScope.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofDays(1), COST_GRACE))
                .aggregate(() -> null, (scope, cost, aggregate) -> Pricer.add(aggregate, cost),
                        Named.as("cost-aggregate"),
                        Materialized.<String, CostAggregate, WindowStore<Bytes, byte[]>>as(COST_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(aggregates).withRetention(COST_RETENTION))
                .toStream(Named.as("cost-changes"))
                .map((window, aggregate) -> KeyValue.pair(
                        window.key() + "/" + window.window().startTime().atZone(ZoneOffset.UTC).toLocalDate(),
                        CostAggregate.newBuilder(aggregate).setWindowStart(window.window().startTime()).setWindowEnd(window.window().endTime()).build()),
                        Named.as("cost-key"))
                .to(topics.costs().name(), Produced.with(topics.costs().keySerde(), topics.costs().valueSerde()).withName("costs-sink"));

        return builder.build();
    }

    /** The stream re-keyed by tenant and repartitioned, so that one task sees all of a tenant's requests. */
    private static KStream<String, PipelineRecord> byTenant(KStream<String, PipelineRecord> stream, String name,
                                                            org.apache.kafka.common.serialization.Serde<PipelineRecord> envelopes, int partitions) {
        return stream.selectKey((key, envelope) -> envelope.getRequest().getTenant(), Named.as(name + "-key-by-tenant"))
                .repartition(Repartitioned.<String, PipelineRecord>as(name + "-by-tenant").withKeySerde(Serdes.String()).withValueSerde(envelopes)
                        .withNumberOfPartitions(partitions));
    }

    /** A request's audit trail alone, in an envelope (the serde the repartition topics already use). */
    static PipelineRecord trailOnly(PipelineRecord envelope) {
        return PipelineRecord.newBuilder().setSource(envelope.getSource()).setReceivedAt(envelope.getReceivedAt())
                .setConfigVersion(envelope.getConfigVersion()).setAudit(envelope.getAudit()).build();
    }

    /** One audited control change as a trail. */
    static PipelineRecord trailOf(AuditEvent event) {
        return PipelineRecord.newBuilder().setSource(event.getSource()).setReceivedAt(event.getTimestamp())
                .setConfigVersion(event.getConfigVersion()).setAudit(List.of(event)).build();
    }

    /** Every priced answer of a request: those escalated past and its last one. */
    static List<CostRecord> costRecords(PipelineRecord envelope) {
        List<CostRecord> out = new java.util.ArrayList<>(envelope.getPriorCosts());
        if (envelope.getCost() != null) {
            out.add(envelope.getCost());
        }
        return out;
    }

    /** The budget thresholds a request's settlement crossed, as alerts. */
    static List<Alert> alerts(PipelineRecord envelope, String currency) {
        List<Alert> out = new java.util.ArrayList<>();
        for (AuditEvent event : envelope.getAudit()) {
            if (SettleStage.THRESHOLD.equals(event.getDecision())) {
                Map<String, String> a = event.getAttributes();
                out.add(new Alert(SettleStage.THRESHOLD, a.get("budget"), event.getTenant(), a.get("window"), Integer.parseInt(a.get("thresholdPercent")),
                        Long.parseLong(a.get("spentMicros")), Long.parseLong(a.get("capMicros")), currency, event.getRequestId(), event.getTimestamp()));
            }
        }
        return out;
    }

    /** One task's share of every provider's rate limits. */
    static Map<String, Batcher.Budget> budgets(GatewayConfig config, Clock clock, int partitions) {
        Map<String, Batcher.Budget> budgets = new java.util.HashMap<>();
        config.models().values().forEach(m -> budgets.computeIfAbsent(m.provider(), p -> {
            var limits = config.limitsOf(p);
            return new Batcher.Budget(new TokenBucket((double) limits.requestsPerMinute() / partitions, clock),
                    new TokenBucket((double) limits.tokensPerMinute() / partitions, clock));
        }));
        return budgets;
    }
}
