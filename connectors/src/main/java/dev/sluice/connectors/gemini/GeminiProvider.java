package dev.sluice.connectors.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.connectors.JsonHttpProvider;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Role;
import dev.sluice.schemas.avro.Usage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Google Gemini {@code generateContent} protocol
 * ({@code POST /v1beta/models/{model}:generateContent}, key in {@code x-goog-api-key}).
 *
 * <p>System turns go to {@code systemInstruction}, assistant turns have role {@code model}; a JSON
 * Schema becomes {@code responseMimeType: application/json} with {@code responseJsonSchema}. Usage:
 * {@code promptTokenCount} includes {@code cachedContentTokenCount}; thinking tokens
 * ({@code thoughtsTokenCount}) are billed as output but not part of {@code candidatesTokenCount}, so
 * Sluice's output is their sum with the thoughts as reasoning tokens.
 */
public final class GeminiProvider extends JsonHttpProvider {

    private final String baseUrl;
    private final String apiKey;

    public GeminiProvider(String name, String baseUrl, String apiKey, Duration timeout) {
        super(name, timeout);
        this.baseUrl = baseUrl(baseUrl);
        this.apiKey = apiKey;
    }

    @Override
    protected URI uri(ModelSpec model, ModelCall call) {
        return URI.create(baseUrl + "/v1beta/models/" + URLEncoder.encode(model.providerModel(), StandardCharsets.UTF_8) + ":generateContent");
    }

    @Override
    protected Map<String, String> headers() {
        return apiKey == null || apiKey.isBlank() ? Map.of() : Map.of("x-goog-api-key", apiKey);
    }

    @Override
    public ObjectNode requestBody(ModelSpec model, ModelCall call) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode contents = body.putArray("contents");
        StringBuilder system = new StringBuilder();
        for (ChatMessage m : call.messages()) {
            if (m.getRole() == Role.SYSTEM) {
                system.append(system.length() == 0 ? "" : "\n\n").append(m.getContent());
                continue;
            }
            ObjectNode content = contents.addObject();
            content.put("role", m.getRole() == Role.ASSISTANT ? "model" : "user");
            content.putArray("parts").addObject().put("text", m.getContent());
        }
        if (system.length() > 0) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
        }
        ObjectNode generation = body.putObject("generationConfig");
        generation.put("maxOutputTokens", call.parameters().getMaxOutputTokens());
        if (call.parameters().getTemperature() != null) {
            generation.put("temperature", call.parameters().getTemperature());
        }
        if (call.parameters().getTopP() != null) {
            generation.put("topP", call.parameters().getTopP());
        }
        putStop(generation, "stopSequences", call);
        if (call.responseSchema() != null) {
            generation.put("responseMimeType", "application/json");
            generation.set("responseJsonSchema", schemaOf(call));
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
        JsonNode candidate = json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            String blocked = json == null ? "" : json.path("promptFeedback").path("blockReason").asText("");
            if (!blocked.isEmpty()) {
                return new CallOutcome.Failure(CallOutcome.Kind.PERMANENT, 200, "prompt blocked: " + blocked);
            }
            return unreadable("no candidates");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.has("text") && !part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText());
            }
        }
        JsonNode usage = json.path("usageMetadata");
        long prompt = usage.path("promptTokenCount").asLong(0);
        long candidates = usage.path("candidatesTokenCount").asLong(0);
        long thoughts = usage.path("thoughtsTokenCount").asLong(0);
        long cached = usage.path("cachedContentTokenCount").asLong(0);
        String finish = switch (candidate.path("finishReason").asText("STOP")) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII" -> "content_filter";
            default -> "stop";
        };
        return new CallOutcome.Success(text.toString(), finish, new Usage(prompt, candidates + thoughts, cached, 0L, thoughts), latencyMs);
    }
}
