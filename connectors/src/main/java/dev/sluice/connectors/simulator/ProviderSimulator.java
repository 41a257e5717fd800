package dev.sluice.connectors.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the paid model providers: a real HTTP server on 127.0.0.1 speaking the OpenAI
 * chat-completions, Anthropic Messages and Gemini generateContent protocols (requests validated,
 * responses, usage and errors shaped as the real APIs have them) and both providers' batch APIs
 * ({@link BatchApis}). Latency distributions, 429 with Retry-After, 500s, calls that never answer,
 * malformed bodies, outages per model and on a schedule are configurable ({@link SimulatorSettings}).
 * Answers are delayed on a scheduler, not by parking a thread, so thousands of calls can be open.
 *
 * <p>Answers are deterministic: a short text that names the model and echoes the start of the last
 * user turn, or, when the request asks for JSON with a schema, a minimal value that satisfies it.
 * Tokens are estimated at four characters a token.
 */
public final class ProviderSimulator implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final SimulatorSettings settings;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService delays;
    private final Random random;
    private final Instant started = Instant.now();
    private final Map<String, AtomicLong> callsByModel = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final Set<HttpExchange> hanging = ConcurrentHashMap.newKeySet();
    private final BatchApis batches;

    private ProviderSimulator(SimulatorSettings settings, int port) throws IOException {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8192);
        this.handlers = Executors.newFixedThreadPool(4, daemon("simulator-http"));
        this.delays = Executors.newScheduledThreadPool(2, daemon("simulator-delay"));
        this.batches = new BatchApis(this);
        server.setExecutor(handlers);
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, SimulatedProtocol.OPENAI));
        server.createContext("/v1/messages", exchange -> {
            if (exchange.getRequestURI().getPath().startsWith("/v1/messages/batches")) {
                batches.anthropic(exchange);
            } else {
                handle(exchange, SimulatedProtocol.ANTHROPIC);
            }
        });
        server.createContext("/v1beta/models/", exchange -> handle(exchange, SimulatedProtocol.GEMINI));
        server.createContext("/v1/files", batches::openAiFiles);
        server.createContext("/v1/batches", batches::openAiBatches);
        server.start();
    }

    /** Starts a simulator on 127.0.0.1; port 0 picks a free one. */
    public static ProviderSimulator start(SimulatorSettings settings, int port) throws IOException {
        return new ProviderSimulator(settings, port);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Calls received, all models, batch entries included. */
    public long calls() {
        return calls.get();
    }

    /** Calls received for one model. */
    public long calls(String model) {
        AtomicLong n = callsByModel.get(model);
        return n == null ? 0 : n.get();
    }

    /** The most calls that were open (received, not yet answered) at once since start or the last reset. */
    public int maxOpenCalls() {
        return maxOpen.get();
    }

    /** Starts a new measurement of {@link #maxOpenCalls} and {@link #calls}. */
    public void resetCounters() {
        maxOpen.set(open.get());
        calls.set(0);
        callsByModel.clear();
    }

    SimulatorSettings settings() {
        return settings;
    }

    private void handle(HttpExchange exchange, SimulatedProtocol protocol) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, protocol.error(405, "invalid_request", "Only POST is supported on this endpoint."));
            return;
        }
        if (!protocol.authorised(exchange, settings.apiKey())) {
            respond(exchange, 401, protocol.error(401, "authentication", "Invalid API key."));
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = MAPPER.readTree(in);
        } catch (IOException e) {
            respond(exchange, 400, protocol.error(400, "invalid_request", "The request body is not valid JSON."));
            return;
        }
        String invalid = protocol.invalid(exchange, body);
        if (invalid != null) {
            respond(exchange, 400, protocol.error(400, "invalid_request", invalid));
            return;
        }
        String model = protocol.model(exchange, body);
        Fate fate = fate(model);
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        if (fate.kind == Fate.Kind.HANG) {
            hanging.add(exchange);
            return;
        }
        Runnable answer = () -> {
            open.decrementAndGet();
            switch (fate.kind) {
                case OK -> respondQuietly(exchange, 200, protocol.success(model, body), null);
                case RATE_LIMITED -> respondQuietly(exchange, 429, protocol.error(429, "rate_limit", "Rate limit reached for " + model + "."),
                        settings.retryAfter());
                case ERROR -> respondQuietly(exchange, 500, protocol.error(500, "server", "The server had an error while processing your request."), null);
                case DOWN -> respondQuietly(exchange, protocol.overloadedStatus(), protocol.error(protocol.overloadedStatus(), "overloaded",
                        "The model " + model + " is overloaded."), null);
                case MALFORMED -> respondRaw(exchange, 200, "{\"id\": \"truncated\", \"choi");
                default -> throw new IllegalStateException();
            }
        };
        if (fate.delayMillis <= 0) {
            answer.run();
        } else {
            delays.schedule(answer, fate.delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** What happens to one call: counted, outcome and latency drawn. Also used for batch entries. */
    Fate fate(String model) {
        calls.incrementAndGet();
        callsByModel.computeIfAbsent(model, m -> new AtomicLong()).incrementAndGet();
        double draw;
        double latencyDraw;
        synchronized (random) {
            draw = random.nextDouble();
            latencyDraw = settings.distribution() == SimulatorSettings.Distribution.LOGNORMAL ? random.nextGaussian() : random.nextDouble();
        }
        long median = settings.latency().toMillis();
        long delay = switch (settings.distribution()) {
            case FIXED -> median;
            case UNIFORM -> median + (long) (latencyDraw * settings.spread().toMillis());
            case LOGNORMAL -> (long) (median * Math.exp(latencyDraw * settings.spread().toMillis() / 10.0));
        };
        Duration since = Duration.between(started, Instant.now());
        boolean scheduledOutage = settings.outages().stream().anyMatch(o -> (o.model().equals("*") || o.model().equals(model))
                && since.compareTo(o.from()) >= 0 && since.compareTo(o.to()) < 0);
        Fate.Kind kind;
        double r = settings.rateLimitRate();
        double e = r + settings.errorRate();
        double t = e + settings.timeoutRate();
        double m = t + settings.malformedRate();
        if (settings.downModels().contains(model) || scheduledOutage) {
            kind = Fate.Kind.DOWN;
        } else if (draw < r) {
            kind = Fate.Kind.RATE_LIMITED;
        } else if (draw < e) {
            kind = Fate.Kind.ERROR;
        } else if (draw < t) {
            kind = Fate.Kind.HANG;
        } else if (draw < m) {
            kind = Fate.Kind.MALFORMED;
        } else {
            kind = Fate.Kind.OK;
        }
        return new Fate(kind, delay);
    }

    /** A drawn outcome and latency. */
    record Fate(Kind kind, long delayMillis) {
        enum Kind { OK, RATE_LIMITED, ERROR, HANG, MALFORMED, DOWN }
    }

    private void respondQuietly(HttpExchange exchange, int status, ObjectNode body, Duration retryAfter) {
        try {
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
            }
            respond(exchange, status, body);
        } catch (IOException e) {
            exchange.close(); // the client went away; nothing else to do
        }
    }

    static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respondRaw(exchange, status, body.toString());
    }

    static void respondRaw(HttpExchange exchange, int status, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            exchange.close();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        hanging.forEach(HttpExchange::close);
        server.stop(0);
        delays.shutdownNow();
        handlers.shutdownNow();
    }
}
