package dev.sluice.ops;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.Budget;
import dev.sluice.processors.config.GatewayConfig.BudgetPeriod;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetWindow;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.schemas.serde.AvroSerde;
import dev.sluice.schemas.serde.SchemaRegistry;
import dev.sluice.topology.SluiceTopology;
import dev.sluice.topology.Topics;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code sluice costs} prints: spend by tenant and department per day (the cost aggregates),
 * each budget's window against its cap with a forecast for the window's end (the budget store's
 * changelog), and the most expensive prompts with the spend by template or use case (the audit log's
 * PRICED decisions).
 *
 * @param aggregates the latest cost aggregate per key of the costs topic
 * @param budgets    the latest budget state per tenant
 * @param priced     every PRICED audit event
 */
public record CostsReport(List<CostAggregate> aggregates, Map<String, BudgetState> budgets, List<AuditEvent> priced) {

    public static final int TOP = 20;

    /** Reads the three sources from a broker; {@code applicationId} names the budget store's changelog. */
    public static CostsReport read(String bootstrap, Topics topics, String applicationId, SchemaRegistry registry) {
        Map<String, CostAggregate> latest = new TreeMap<>();
        try (TopicReader reader = new TopicReader(bootstrap, List.of(topics.costs().name()))) {
            reader.readToEnd(Duration.ofSeconds(30)).forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8),
                    topics.costs().valueSerde().deserializer().deserialize(r.topic(), r.value())));
        }
        Map<String, BudgetState> budgets = new TreeMap<>();
        var budgetSerde = AvroSerde.of(BudgetState.class, registry);
        try (TopicReader reader = new TopicReader(bootstrap, List.of(applicationId + "-" + SluiceTopology.BUDGET_STORE + "-changelog"))) {
            reader.readToEnd(Duration.ofSeconds(30)).forEach(r -> {
                String tenant = new String(r.key(), StandardCharsets.UTF_8);
                if (r.value() == null) {
                    budgets.remove(tenant);
                } else {
                    budgets.put(tenant, budgetSerde.deserializer().deserialize(r.topic(), r.value()));
                }
            });
        }
        List<AuditEvent> priced = new ArrayList<>();
        try (TopicReader reader = new TopicReader(bootstrap, List.of(topics.audit().name()))) {
            reader.readToEnd(Duration.ofSeconds(30)).forEach(r -> {
                AuditEvent event = topics.audit().valueSerde().deserializer().deserialize(r.topic(), r.value());
                if ("PRICED".equals(event.getDecision())) {
                    priced.add(event);
                }
            });
        }
        return new CostsReport(new ArrayList<>(latest.values()), budgets, priced);
    }

    /**
     * Spend at the window's end if it goes on at the rate so far: spent × window length ÷ time
     * elapsed (at least an hour, so that a window's first minutes do not make a wild figure).
     */
    static long forecastMicros(long spentMicros, Instant windowStart, Instant windowEnd, Instant now) {
        if (!now.isBefore(windowEnd)) {
            return spentMicros;
        }
        long elapsed = Math.max(Duration.ofHours(1).toMillis(), Duration.between(windowStart, now).toMillis());
        long length = Duration.between(windowStart, windowEnd).toMillis();
        return BigDecimal.valueOf(spentMicros).multiply(BigDecimal.valueOf(length)).divide(BigDecimal.valueOf(elapsed), 0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
    }

    static Instant windowStart(BudgetPeriod period, String label) {
        LocalDate day = period == BudgetPeriod.DAY ? LocalDate.parse(label) : YearMonth.parse(label).atDay(1);
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String money(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }

    public void print(PrintStream out, GatewayConfig config, Instant now) {
        String currency = config.currency();
        out.println("Spend by department and day (cost aggregates)");
        out.printf(Locale.ROOT, "  %-24s %-10s %9s %10s %14s%n", "tenant/department", "day", "requests", "tokens", "cost " + currency);
        Map<String, long[]> byDepartment = new TreeMap<>();
        for (CostAggregate a : aggregates) {
            long[] row = byDepartment.computeIfAbsent(a.getTenant() + "/" + a.getDepartment() + " " + a.getWindowStart().toString().substring(0, 10), k -> new long[3]);
            row[0] += a.getRequests();
            row[1] += a.getInputTokens() + a.getOutputTokens();
            row[2] += a.getCostMicros();
        }
        byDepartment.forEach((key, row) -> {
            String[] parts = key.split(" ");
            out.printf(Locale.ROOT, "  %-24s %-10s %9d %10d %14s%n", parts[0], parts[1], row[0], row[1], money(row[2]));
        });

        out.println();
        out.println("Budgets (budget store): spend and reservations against the cap, with the forecast for the window's end");
        out.printf(Locale.ROOT, "  %-22s %-24s %-10s %12s %12s %14s %7s %14s%n", "budget", "scope", "window", "spent", "reserved", "cap " + currency,
                "used", "forecast");
        for (Budget budget : config.budgets().budgets()) {
            BudgetState state = budgets.get(budget.tenant());
            String label = dev.sluice.processors.budget.BudgetLedger.label(budget, now);
            BudgetWindow window = state == null ? null : state.getWindows().get(budget.id() + "@" + label);
            long spent = window == null ? 0 : window.getSpentMicros();
            long reserved = window == null ? 0 : window.getReservedMicros();
            Instant start = windowStart(budget.period(), label);
            Instant end = budget.period() == BudgetPeriod.DAY ? start.plus(Duration.ofDays(1))
                    : YearMonth.parse(label).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            long forecast = forecastMicros(spent, start, end, now);
            out.printf(Locale.ROOT, "  %-22s %-24s %-10s %12s %12s %14s %6.1f%% %14s%s%n", budget.id(), scope(budget), label, money(spent), money(reserved),
                    money(budget.capMicros()), 100.0 * (spent + reserved) / budget.capMicros(), money(forecast),
                    forecast > budget.capMicros() ? "  over the cap at this rate" : "");
        }

        out.println();
        out.printf(Locale.ROOT, "Top %d prompts by cost (audit log)%n", TOP);
        out.printf(Locale.ROOT, "  %14s  %-20s %-24s %-28s %s%n", "cost " + currency, "request", "tenant/department", "template or use case", "model");
        List<AuditEvent> sorted = new ArrayList<>(priced);
        sorted.sort(Comparator.comparingLong((AuditEvent e) -> cost(e)).reversed().thenComparing(e -> String.valueOf(e.getRequestId())));
        for (AuditEvent e : sorted.subList(0, Math.min(TOP, sorted.size()))) {
            out.printf(Locale.ROOT, "  %14s  %-20s %-24s %-28s %s%n", money(cost(e)), e.getRequestId(), e.getTenant() + "/" + e.getAttributes().getOrDefault("department", "?"),
                    label(e), e.getAttributes().get("model"));
        }

        out.println();
        out.println("Spend by template or use case (audit log)");
        Map<String, long[]> byLabel = new HashMap<>();
        for (AuditEvent e : priced) {
            long[] row = byLabel.computeIfAbsent(label(e), k -> new long[2]);
            row[0]++;
            row[1] += cost(e);
        }
        byLabel.entrySet().stream().sorted(Map.Entry.<String, long[]>comparingByValue(Comparator.comparingLong(r -> -r[1])).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).forEach(entry -> out.printf(Locale.ROOT, "  %-28s %9d requests %14s%n", entry.getKey(), entry.getValue()[0], money(entry.getValue()[1])));
    }

    private static long cost(AuditEvent e) {
        return Long.parseLong(e.getAttributes().getOrDefault("costMicros", "0"));
    }

    /** The template (id@version) when the request used one, its use case otherwise. */
    static String label(AuditEvent e) {
        String template = e.getAttributes().getOrDefault("template", "");
        return template.isEmpty() ? "use case " + e.getAttributes().getOrDefault("useCase", "?") : "template " + template;
    }

    private static String scope(Budget b) {
        StringBuilder s = new StringBuilder(b.tenant());
        for (String part : new String[] {b.department(), b.useCase(), b.environment()}) {
            s.append('/').append(part == null ? "*" : part);
        }
        return s.toString();
    }
}
