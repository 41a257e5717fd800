package dev.sluice.connectors.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.connectors.ProviderErrors;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.processors.infer.ModelProvider;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Usage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Connector for the OpenAI chat-completions protocol ({@code POST /v1/chat/completions}), which
 * OpenAI, Azure OpenAI, vLLM, Ollama and many other servers speak. A thin adapter over
 * {@code java.net.http} rather than the vendor SDK (72 MB with Kotlin and OkHttp): the protocol is
 * small and Sluice keeps control of timeouts and retries. One HTTP request per call; calls of a
 * batch go out concurrently. Never blocks the caller; failures become {@link CallOutcome.Failure}.
 */
public final class OpenAiCompatibleProvider implements ModelProvider {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final URI endpoint;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl e.g. {@code https://api.openai.com} or {@code http://127.0.0.1:8000}; {@code /v1/chat/completions} is appended
     * @param apiKey  bearer token, or null for servers without authentication
     */
    public OpenAiCompatibleProvider(String name, String baseUrl, String apiKey, Duration timeout) {
        this.name = name;
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/chat/completions");
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<CompletableFuture<CallOutcome>> call(ModelSpec model, List<ModelCall> batch) {
        List<CompletableFuture<CallOutcome>> futures = new ArrayList<>(batch.size());
        for (ModelCall call : batch) {
            futures.add(callOne(model, call));
        }
        return futures;
    }

    private CompletableFuture<CallOutcome> callOne(ModelSpec model, ModelCall call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(call.timeout().compareTo(timeout) < 0 ? call.timeout() : timeout)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", call.requestId())
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(model, call).toString()));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        long started = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    long latencyMs = (System.nanoTime() - started) / 1_000_000;
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        if (cause instanceof HttpTimeoutException) {
                            return new CallOutcome.Failure(CallOutcome.Kind.TIMEOUT, 0, "timed out after " + call.timeout().toMillis() + " ms");
                        }
                        return new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 0, cause.toString());
                    }
                    if (response.statusCode() != 200) {
                        return ProviderErrors.failure(response.statusCode(), response.body(), response.headers().firstValue("retry-after").orElse(null));
                    }
                    return parse(response.body(), latencyMs);
                });
    }

    public static ObjectNode requestBody(ModelSpec model, ModelCall call) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model.providerModel());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : call.messages()) {
            ObjectNode message = messages.addObject();
            message.put("role", m.getRole().name().toLowerCase(Locale.ROOT));
            message.put("content", m.getContent());
            if (m.getName() != null) {
                message.put("name", m.getName());
            }
        }
        body.put("max_tokens", call.parameters().getMaxOutputTokens());
        if (call.parameters().getTemperature() != null) {
            body.put("temperature", call.parameters().getTemperature());
        }
        if (call.parameters().getTopP() != null) {
            body.put("top_p", call.parameters().getTopP());
        }
        if (!call.parameters().getStop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            call.parameters().getStop().forEach(stop::add);
        }
        if (call.responseSchema() != null) {
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode jsonSchema = format.putObject("json_schema");
            jsonSchema.put("name", "response");
            try {
                jsonSchema.set("schema", MAPPER.readTree(call.responseSchema()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("responseSchema is not JSON", e);
            }
        }
        return body;
    }

    /** Parses a 200 chat-completion body. Cached tokens are part of prompt_tokens, reasoning tokens part of completion_tokens. */
    public static CallOutcome parse(String body, long latencyMs) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 200, "unreadable response body: " + e.getOriginalMessage());
        }
        JsonNode choice = json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (choice.isMissingNode() || !content.isTextual()) {
            return new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 200, "response has no choices[0].message.content");
        }
        JsonNode usage = json.path("usage");
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completion = usage.path("completion_tokens").asLong(0);
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
        return new CallOutcome.Success(content.asText(), choice.path("finish_reason").asText("stop"),
                new Usage(prompt, completion, cached, 0L, reasoning), latencyMs);
    }
}
