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
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a paid model provider: a real HTTP server on 127.0.0.1 speaking the OpenAI
 * chat-completions protocol, with its request validation, response, usage and error bodies.
 * Latency, 500s, 429s with {@code Retry-After} and per-model outages are configurable; answers are
 * delayed on a scheduler, not by parking a thread, so thousands of calls can be open at once.
 *
 * <p>Answers are deterministic: a short text that names the model and echoes the start of the last
 * user message, or, when the request asks for {@code response_format.json_schema}, a minimal JSON
 * value that satisfies the schema. Token counts are estimated at four characters a token.
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SimulatorSettings settings;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService delays;
    private final Random random;
    private final Map<String, AtomicLong> callsByModel = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    private ProviderSimulator(SimulatorSettings settings, int port) throws IOException {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        this.handlers = Executors.newFixedThreadPool(4, daemon("simulator-http"));
        this.delays = Executors.newScheduledThreadPool(2, daemon("simulator-delay"));
        server.setExecutor(handlers);
        server.createContext("/v1/chat/completions", this::chatCompletions);
        server.start();
    }

    /** Starts a simulator on 127.0.0.1; port 0 picks a free one. */
    public static ProviderSimulator start(SimulatorSettings settings, int port) throws IOException {
        return new ProviderSimulator(settings, port);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Calls received, all models. */
    public long calls() {
        return calls.get();
    }

    /** Calls received for one model. */
    public long calls(String model) {
        AtomicLong n = callsByModel.get(model);
        return n == null ? 0 : n.get();
    }

    private void chatCompletions(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, error("invalid_request_error", "Only POST is supported on this endpoint.", null));
            return;
        }
        if (settings.apiKey() != null && !("Bearer " + settings.apiKey()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, error("invalid_request_error", "Incorrect API key provided.", "invalid_api_key"));
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = MAPPER.readTree(in);
        } catch (IOException e) {
            respond(exchange, 400, error("invalid_request_error", "We could not parse the JSON body of your request.", null));
            return;
        }
        if (body == null || !body.path("model").isTextual()) {
            respond(exchange, 400, error("invalid_request_error", "you must provide a model parameter", null));
            return;
        }
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            respond(exchange, 400, error("invalid_request_error", "'messages' must contain at least one message.", null));
            return;
        }
        String model = body.path("model").asText();
        callsByModel.computeIfAbsent(model, m -> new AtomicLong()).incrementAndGet();
        double draw;
        long delayMs;
        synchronized (random) {
            draw = random.nextDouble();
            delayMs = settings.latency().toMillis() + (settings.jitter().isZero() ? 0 : (long) (random.nextDouble() * settings.jitter().toMillis()));
        }
        int status;
        ObjectNode answer;
        if (settings.downModels().contains(model)) {
            status = 503;
            answer = error("server_error", "The server is overloaded or not ready yet.", null);
        } else if (draw < settings.rateLimitRate()) {
            status = 429;
            answer = error("rate_limit_error" , "Rate limit reached for requests on " + model + ". Please try again in 1s.", "rate_limit_exceeded");
            exchange.getResponseHeaders().add("Retry-After", "1");
        } else if (draw < settings.rateLimitRate() + settings.errorRate()) {
            status = 500;
            answer = error("server_error", "The server had an error while processing your request.", null);
        } else {
            status = 200;
            answer = completion(model, body);
        }
        int finalStatus = status;
        if (delayMs <= 0) {
            respond(exchange, finalStatus, answer);
        } else {
            delays.schedule(() -> respondQuietly(exchange, finalStatus, answer), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private ObjectNode completion(String model, JsonNode body) {
        String lastUser = "";
        int promptChars = 0;
        for (JsonNode message : body.path("messages")) {
            String content = message.path("content").asText("");
            promptChars += content.length();
            if ("user".equals(message.path("role").asText())) {
                lastUser = content;
            }
        }
        JsonNode schema = body.path("response_format").path("json_schema").path("schema");
        String content = schema.isMissingNode()
                ? "Simulated answer from " + model + " to: " + lastUser.substring(0, Math.min(60, lastUser.length()))
                : SchemaInstances.minimal(schema).toString();
        int maxTokens = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(1024));
        long promptTokens = Math.max(1, (promptChars + 3) / 4);
        long completionTokens = Math.min(maxTokens, Math.max(1, (content.length() + 3) / 4));

        ObjectNode response = MAPPER.createObjectNode();
        response.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""));
        response.put("object", "chat.completion");
        response.put("created", System.currentTimeMillis() / 1000);
        response.put("model", model);
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", completionTokens >= maxTokens ? "length" : "stop");
        ObjectNode usage = response.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", 0);
        promptDetails.put("audio_tokens", 0);
        ObjectNode completionDetails = usage.putObject("completion_tokens_details");
        completionDetails.put("reasoning_tokens", 0);
        completionDetails.put("audio_tokens", 0);
        completionDetails.put("accepted_prediction_tokens", 0);
        completionDetails.put("rejected_prediction_tokens", 0);
        response.put("service_tier", "default");
        response.putNull("system_fingerprint");
        return response;
    }

    private static ObjectNode error(String type, String message, String code) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root;
    }

    private void respondQuietly(HttpExchange exchange, int status, ObjectNode body) {
        try {
            respond(exchange, status, body);
        } catch (IOException e) {
            exchange.close(); // the client went away; nothing else to do
        }
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        handlers.shutdownNow();
    }
}
