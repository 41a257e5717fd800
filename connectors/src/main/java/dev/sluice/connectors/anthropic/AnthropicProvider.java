package dev.sluice.connectors.anthropic;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic Messages protocol ({@code POST /v1/messages}, {@code anthropic-version: 2023-06-01}).
 *
 * <p>System turns go to the top-level {@code system}; a turn's {@code cacheControl} becomes its
 * content block's {@code cache_control}, untouched, so the provider's own prompt caching works.
 * Usage: Anthropic's {@code input_tokens} excludes cache reads and writes, so Sluice's input count
 * is their sum, with {@code cache_read_input_tokens} as cached and
 * {@code cache_creation_input_tokens} as cache-write tokens (each priced once at its own rate).
 * A requested JSON Schema is stated as a system instruction.
 */
public final class AnthropicProvider extends JsonHttpProvider {

    public static final String VERSION = "2023-06-01";
    private final URI endpoint;
    private final String apiKey;

    public AnthropicProvider(String name, String baseUrl, String apiKey, Duration timeout) {
        super(name, timeout);
        this.endpoint = URI.create(baseUrl(baseUrl) + "/v1/messages");
        this.apiKey = apiKey;
    }

    @Override
    protected URI uri(ModelSpec model, ModelCall call) {
        return endpoint;
    }

    @Override
    protected Map<String, String> headers() {
        return apiKey == null || apiKey.isBlank() ? Map.of("anthropic-version", VERSION)
                : Map.of("anthropic-version", VERSION, "x-api-key", apiKey);
    }

    @Override
    public ObjectNode requestBody(ModelSpec model, ModelCall call) {
        return params(model, call);
    }

    /** The Messages request, also the {@code params} of a Message Batches entry. */
    public static ObjectNode params(ModelSpec model, ModelCall call) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model.providerModel());
        body.put("max_tokens", call.parameters().getMaxOutputTokens());
        List<ChatMessage> system = new ArrayList<>();
        List<ChatMessage> turns = new ArrayList<>();
        for (ChatMessage m : call.messages()) {
            (m.getRole() == Role.SYSTEM ? system : turns).add(m);
        }
        if (call.responseSchema() != null) {
            system.add(new ChatMessage(Role.SYSTEM, "Answer with a single JSON value, and nothing else, that satisfies this JSON Schema: "
                    + call.responseSchema(), null, null));
        }
        if (!system.isEmpty()) {
            if (system.stream().anyMatch(m -> m.getCacheControl() != null)) {
                ArrayNode blocks = body.putArray("system");
                system.forEach(m -> blocks.add(textBlock(m)));
            } else {
                body.put("system", String.join("\n\n", system.stream().map(ChatMessage::getContent).toList()));
            }
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : turns) {
            ObjectNode message = messages.addObject();
            message.put("role", m.getRole() == Role.ASSISTANT ? "assistant" : "user");
            if (m.getCacheControl() != null) {
                message.putArray("content").add(textBlock(m));
            } else {
                message.put("content", m.getContent());
            }
        }
        if (call.parameters().getTemperature() != null) {
            body.put("temperature", call.parameters().getTemperature());
        }
        if (call.parameters().getTopP() != null) {
            body.put("top_p", call.parameters().getTopP());
        }
        putStop(body, "stop_sequences", call);
        return body;
    }

    private static ObjectNode textBlock(ChatMessage m) {
        ObjectNode block = MAPPER.createObjectNode();
        block.put("type", "text");
        block.put("text", m.getContent());
        if (m.getCacheControl() != null) {
            block.putObject("cache_control").put("type", m.getCacheControl());
        }
        return block;
    }

    @Override
    public CallOutcome parse(String body, long latencyMs) {
        try {
            return message(MAPPER.readTree(body), latencyMs);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return unreadable(e.getOriginalMessage());
        }
    }

    /** Reads a Messages response object (also found inside Message Batches results). */
    public static CallOutcome message(JsonNode json, long latencyMs) {
        if (json == null || !json.path("content").isArray()) {
            return unreadable("no content array");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : json.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        JsonNode usage = json.path("usage");
        long uncached = usage.path("input_tokens").asLong(0);
        long written = usage.path("cache_creation_input_tokens").asLong(0);
        long read = usage.path("cache_read_input_tokens").asLong(0);
        long output = usage.path("output_tokens").asLong(0);
        String finish = switch (json.path("stop_reason").asText("end_turn")) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
        return new CallOutcome.Success(text.toString(), finish, new Usage(uncached + written + read, output, read, written, 0L), latencyMs);
    }
}
