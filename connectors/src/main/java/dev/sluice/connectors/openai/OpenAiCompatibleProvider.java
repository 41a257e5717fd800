package dev.sluice.connectors.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.connectors.JsonHttpProvider;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Usage;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAI chat-completions protocol ({@code POST /v1/chat/completions}), which OpenAI, Azure
 * OpenAI, vLLM, Ollama and many other servers speak. Usage: {@code prompt_tokens} includes
 * {@code prompt_tokens_details.cached_tokens}; {@code completion_tokens} includes
 * {@code completion_tokens_details.reasoning_tokens}. OpenAI caches prompts automatically, so there
 * is no marker to pass.
 */
public final class OpenAiCompatibleProvider extends JsonHttpProvider {

    private final URI endpoint;
    private final String apiKey;

    /**
     * @param baseUrl e.g. {@code https://api.openai.com} or {@code http://127.0.0.1:8000}; {@code /v1/chat/completions} is appended
     * @param apiKey  bearer token, or null for servers without authentication
     */
    public OpenAiCompatibleProvider(String name, String baseUrl, String apiKey, Duration timeout) {
        super(name, timeout);
        this.endpoint = URI.create(baseUrl(baseUrl) + "/v1/chat/completions");
        this.apiKey = apiKey;
    }

    @Override
    protected URI uri(ModelSpec model, ModelCall call) {
        return endpoint;
    }

    @Override
    protected Map<String, String> headers() {
        return apiKey == null || apiKey.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    }

    @Override
    public ObjectNode requestBody(ModelSpec model, ModelCall call) {
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
        putStop(body, "stop", call);
        if (call.responseSchema() != null) {
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode jsonSchema = format.putObject("json_schema");
            jsonSchema.put("name", "response");
            jsonSchema.set("schema", schemaOf(call));
        }
        return body;
    }

    @Override
    public CallOutcome parse(String body, long latencyMs) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return unreadable(e.getOriginalMessage());
        }
        JsonNode choice = json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (choice.isMissingNode() || !content.isTextual()) {
            return unreadable("no choices[0].message.content");
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
