package dev.sluice.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.processors.infer.ModelProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP side every provider protocol shares: one JSON POST per call over {@code java.net.http}
 * (thin adapters instead of the vendors' SDKs, which bring tens of megabytes and their own retry
 * loops), the call's time limit as the request timeout, errors mapped by {@link ProviderErrors}.
 * Subclasses say where to send, which headers and body, and how to read an answer. Never blocks the
 * caller; a future never completes exceptionally.
 */
public abstract class JsonHttpProvider implements ModelProvider {

    protected static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final Duration maxTimeout;
    private final HttpClient http;

    protected JsonHttpProvider(String name, Duration maxTimeout) {
        this.name = name;
        this.maxTimeout = maxTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public final String name() {
        return name;
    }

    /** Where the call goes. */
    protected abstract URI uri(ModelSpec model, ModelCall call);

    /** Authentication and protocol headers. */
    protected abstract Map<String, String> headers();

    /** The protocol's request body. */
    public abstract ObjectNode requestBody(ModelSpec model, ModelCall call);

    /** Reads a 200 answer into a success (or a failure when the body is not a usable answer). */
    public abstract CallOutcome parse(String body, long latencyMs);

    @Override
    public final List<CompletableFuture<CallOutcome>> call(ModelSpec model, List<ModelCall> batch) {
        List<CompletableFuture<CallOutcome>> futures = new ArrayList<>(batch.size());
        for (ModelCall call : batch) {
            futures.add(callOne(model, call));
        }
        return futures;
    }

    private CompletableFuture<CallOutcome> callOne(ModelSpec model, ModelCall call) {
        Duration timeout = call.timeout().compareTo(maxTimeout) < 0 ? call.timeout() : maxTimeout;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri(model, call))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-Request-Id", call.requestId())
                    .POST(HttpRequest.BodyPublishers.ofString(requestBody(model, call).toString()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new CallOutcome.Failure(CallOutcome.Kind.PERMANENT, 0, "cannot build the request: " + e.getMessage()));
        }
        headers().forEach(request::header);
        long started = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    long latencyMs = (System.nanoTime() - started) / 1_000_000;
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        if (cause instanceof HttpTimeoutException) {
                            return new CallOutcome.Failure(CallOutcome.Kind.TIMEOUT, 0, "timed out after " + timeout.toMillis() + " ms");
                        }
                        return new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 0, cause.toString());
                    }
                    if (response.statusCode() != 200) {
                        return ProviderErrors.failure(response.statusCode(), response.body(), response.headers().firstValue("retry-after").orElse(null));
                    }
                    return parse(response.body(), latencyMs);
                });
    }

    /** The body could not be read as an answer: the provider misbehaved, so this is worth a retry. */
    protected static CallOutcome.Failure unreadable(String what) {
        return new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 200, "unreadable answer: " + what);
    }

    /** The call's JSON Schema as a tree, for providers that take it inline. */
    protected static com.fasterxml.jackson.databind.JsonNode schemaOf(ModelCall call) {
        try {
            return MAPPER.readTree(call.responseSchema());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("responseSchema is not JSON", e);
        }
    }

    /** Adds the call's stop sequences under {@code field}, if it has any. */
    protected static void putStop(ObjectNode node, String field, ModelCall call) {
        if (!call.parameters().getStop().isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode stop = node.putArray(field);
            call.parameters().getStop().forEach(stop::add);
        }
    }

    protected static String baseUrl(String url) {
        return url.replaceAll("/+$", "");
    }
}
