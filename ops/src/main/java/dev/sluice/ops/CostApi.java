package dev.sluice.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.processors.budget.BudgetLedger;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.Budget;
import dev.sluice.schemas.avro.BudgetState;
import dev.sluice.schemas.avro.BudgetWindow;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.topology.SluiceTopology;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * The cost HTTP API, built on Kafka Streams interactive queries. Each Sluice instance holds the cost
 * and budget stores of its own tasks; an instance asked for costs asks every instance that hosts the
 * store (found through the application's metadata, {@code application.server}) for its part and
 * merges them, and one asked for a tenant's budgets forwards to the instance whose task holds that
 * tenant. Any instance answers for all (docs/budgets.md, "The cost API").
 *
 * <ul>
 *   <li>{@code GET /costs?window=hour|day|month&from=&to=&tenant=&department=&useCase=&model=}: cost
 *       aggregates per tenant, department, use case and model and window; months are sums of their UTC
 *       days. {@code from} and {@code to} are dates (2026-11-01) or instants; default: this month so far.</li>
 *   <li>{@code GET /budgets?tenant=}: the tenant's budgets in their current windows, spent and reserved
 *       against the cap.</li>
 * </ul>
 * Errors are JSON {@code {"error": ...}}: 400 for a bad parameter, 503 while stores are migrating
 * between instances (retry).
 */
public final class CostApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final HostInfo self;
    private final GatewayConfig config;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile KafkaStreams streams;

    private CostApi(HttpServer server, HostInfo self, GatewayConfig config) {
        this.server = server;
        this.self = self;
        this.config = config;
    }

    /** Listens on {@code host:port} (port 0: any free one); answers 503 until {@link #attach} is called. */
    public static CostApi start(String host, int port, GatewayConfig config) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        CostApi api = new CostApi(server, new HostInfo(host, server.getAddress().getPort()), config);
        server.createContext("/costs", exchange -> api.handle(exchange, api::costs));
        server.createContext("/budgets", exchange -> api.handle(exchange, api::budgets));
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sluice-cost-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return api;
    }

    /** {@code host:port} as other instances reach it: the value of {@code application.server}. */
    public String advertised() {
        return self.host() + ":" + self.port();
    }

    public void attach(KafkaStreams streams) {
        this.streams = streams;
    }

    /** A request that cannot be answered: its status and message. */
    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @FunctionalInterface
    private interface Handler {
        JsonNode answer(Map<String, String> query) throws Exception;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        int status = 200;
        JsonNode body;
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                throw new Refused(405, "only GET is supported");
            }
            if (streams == null) {
                throw new Refused(503, "the pipeline is starting; retry");
            }
            body = handler.answer(query(exchange.getRequestURI()));
        } catch (Refused e) {
            status = e.status;
            body = JSON.createObjectNode().put("error", e.getMessage());
        } catch (InvalidStateStoreException e) {
            status = 503;
            body = JSON.createObjectNode().put("error", "stores are moving between instances (" + e.getMessage() + "); retry");
        } catch (Exception e) {
            status = 500;
            body = JSON.createObjectNode().put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private JsonNode forward(HostInfo host, String path, Map<String, String> query) throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder("http://").append(host.host()).append(':').append(host.port()).append(path).append('?');
        query.forEach((k, v) -> uri.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        uri.append("local=true");
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new Refused(response.statusCode() == 503 ? 503 : 502, "instance " + host.host() + ":" + host.port() + " answered "
                    + response.statusCode() + ": " + body.path("error").asText());
        }
        return body;
    }

    private static Instant instant(String value, Instant otherwise, String name) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Refused(400, name + " must be a date (2026-11-01) or an instant (2026-11-01T10:00:00Z): " + value);
        }
    }

    private JsonNode costs(Map<String, String> query) throws Exception {
        String window = query.getOrDefault("window", "day");
        if (!window.equals("hour") && !window.equals("day") && !window.equals("month")) {
            throw new Refused(400, "window must be hour, day or month: " + window);
        }
        Instant now = Instant.now();
        Instant monthStart = YearMonth.from(LocalDate.ofInstant(now, ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant from = instant(query.get("from"), monthStart, "from");
        Instant to = instant(query.get("to"), now, "to");
        if (to.isBefore(from)) {
            throw new Refused(400, "to is before from");
        }
        Map<String, ObjectNode> rows = new TreeMap<>();
        ArrayNode instances = JSON.createArrayNode();
        if ("true".equals(query.get("local"))) {
            localCosts(window, from, to, query, rows);
            instances.add(advertised());
        } else {
            Map<String, String> forwarded = new LinkedHashMap<>(query);
            forwarded.put("from", from.toString());
            forwarded.put("to", to.toString());
            for (StreamsMetadata instance : streams.streamsMetadataForStore(SluiceTopology.COST_STORE)) {
                instances.add(instance.hostInfo().host() + ":" + instance.hostInfo().port());
                if (instance.hostInfo().equals(self)) {
                    localCosts(window, from, to, query, rows);
                } else {
                    for (JsonNode row : forward(instance.hostInfo(), "/costs", forwarded).path("rows")) {
                        merge(rows, (ObjectNode) row);
                    }
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("window", window).put("from", from.toString()).put("to", to.toString()).put("currency", config.currency());
        ArrayNode list = out.putArray("rows");
        long total = 0;
        for (ObjectNode row : rows.values()) {
            list.add(row);
            total += row.path("costMicros").asLong();
        }
        out.put("totalMicros", total);
        out.set("instances", instances);
        return out;
    }

    private void localCosts(String window, Instant from, Instant to, Map<String, String> query, Map<String, ObjectNode> rows) {
        String store = window.equals("hour") ? SluiceTopology.COST_HOURLY_STORE : SluiceTopology.COST_STORE;
        ReadOnlyWindowStore<String, CostAggregate> costs = streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.windowStore()));
        try (var it = costs.fetchAll(from, to)) {
            while (it.hasNext()) {
                var entry = it.next();
                CostAggregate a = entry.value;
                if (!matches(query, "tenant", a.getTenant()) || !matches(query, "department", a.getDepartment())
                        || !matches(query, "useCase", a.getUseCase()) || !matches(query, "model", a.getModel())) {
                    continue;
                }
                Instant start = entry.key.window().startTime();
                Instant end = entry.key.window().endTime();
                if (window.equals("month")) {
                    YearMonth month = YearMonth.from(LocalDate.ofInstant(start, ZoneOffset.UTC));
                    start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                ObjectNode row = JSON.createObjectNode();
                row.put("tenant", a.getTenant()).put("department", a.getDepartment()).put("useCase", a.getUseCase()).put("model", a.getModel())
                        .put("windowStart", start.toString()).put("windowEnd", end.toString()).put("requests", a.getRequests())
                        .put("inputTokens", a.getInputTokens()).put("outputTokens", a.getOutputTokens()).put("costMicros", a.getCostMicros());
                merge(rows, row);
            }
        }
    }

    private static boolean matches(Map<String, String> query, String name, String value) {
        String wanted = query.get(name);
        return wanted == null || wanted.isEmpty() || wanted.equals(value);
    }

    /** Adds a row, summing with a row of the same scope and window (a month's days). */
    private static void merge(Map<String, ObjectNode> rows, ObjectNode row) {
        String key = String.join("/", row.path("tenant").asText(), row.path("department").asText(), row.path("useCase").asText(),
                row.path("model").asText(), row.path("windowStart").asText());
        ObjectNode existing = rows.get(key);
        if (existing == null) {
            rows.put(key, row);
            return;
        }
        for (String field : new String[] {"requests", "inputTokens", "outputTokens", "costMicros"}) {
            existing.put(field, existing.path(field).asLong() + row.path(field).asLong());
        }
    }

    private JsonNode budgets(Map<String, String> query) throws Exception {
        String tenant = query.get("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new Refused(400, "tenant is required");
        }
        if (config.tenant(tenant).isEmpty()) {
            throw new Refused(404, "unknown tenant: " + tenant);
        }
        if (!"true".equals(query.get("local"))) {
            KeyQueryMetadata where = streams.queryMetadataForKey(SluiceTopology.BUDGET_STORE, tenant, Serdes.String().serializer());
            if (where == null || where.activeHost() == null || where.activeHost().port() < 0) {
                throw new Refused(503, "no instance holds the budget store yet; retry");
            }
            if (!where.activeHost().equals(self)) {
                return forward(where.activeHost(), "/budgets", Map.of("tenant", tenant));
            }
        }
        ReadOnlyKeyValueStore<String, BudgetState> store = streams.store(StoreQueryParameters.fromNameAndType(SluiceTopology.BUDGET_STORE,
                QueryableStoreTypes.keyValueStore()));
        BudgetState state = store.get(tenant);
        Instant now = Instant.now();
        ObjectNode out = JSON.createObjectNode();
        out.put("tenant", tenant).put("currency", config.currency()).put("answeredBy", advertised());
        ArrayNode list = out.putArray("budgets");
        for (Budget budget : config.budgets().budgets()) {
            if (!budget.tenant().equals(tenant)) {
                continue;
            }
            String label = BudgetLedger.label(budget, now);
            BudgetWindow w = state == null ? null : state.getWindows().get(budget.id() + "@" + label);
            long spent = w == null ? 0 : w.getSpentMicros();
            long reserved = w == null ? 0 : w.getReservedMicros();
            ObjectNode row = list.addObject();
            row.put("budget", budget.id()).put("period", budget.period().name()).put("window", label)
                    .put("department", budget.department()).put("useCase", budget.useCase()).put("environment", budget.environment())
                    .put("spentMicros", spent).put("reservedMicros", reserved).put("capMicros", budget.capMicros())
                    .put("usedPercent", Math.round(1000.0 * (spent + reserved) / budget.capMicros()) / 10.0);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
