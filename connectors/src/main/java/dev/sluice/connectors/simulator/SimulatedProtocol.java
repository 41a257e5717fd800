package dev.sluice.connectors.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.UUID;

/** The three chat protocols the simulator speaks: validation, answers and error bodies of each. */
enum SimulatedProtocol {

    OPENAI {
        @Override
        boolean authorised(HttpExchange exchange, String key) {
            return key == null || ("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        }

        @Override
        String invalid(HttpExchange exchange, JsonNode body) {
            if (body == null || !body.path("model").isTextual()) {
                return "you must provide a model parameter";
            }
            return body.path("messages").isArray() && !body.path("messages").isEmpty() ? null : "'messages' must contain at least one message.";
        }

        @Override
        String model(HttpExchange exchange, JsonNode body) {
            return body.path("model").asText();
        }

        @Override
        ObjectNode success(String model, JsonNode body) {
            String lastUser = "";
            int promptChars = 0;
            for (JsonNode message : body.path("messages")) {
                promptChars += message.path("content").asText("").length();
                if ("user".equals(message.path("role").asText())) {
                    lastUser = message.path("content").asText("");
                }
            }
            String content = answer(model, lastUser, body.path("response_format").path("json_schema").path("schema"));
            int maxTokens = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(1024));
            long promptTokens = tokens(promptChars);
            long completionTokens = Math.min(maxTokens, tokens(content.length()));
            ObjectNode response = ProviderSimulator.MAPPER.createObjectNode();
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
            usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
            usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                    .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
            response.put("service_tier", "default");
            response.putNull("system_fingerprint");
            return response;
        }

        @Override
        ObjectNode error(int status, String kind, String message) {
            ObjectNode root = ProviderSimulator.MAPPER.createObjectNode();
            ObjectNode error = root.putObject("error");
            error.put("message", message);
            error.put("type", switch (kind) {
                case "rate_limit" -> "requests";
                case "invalid_request", "authentication" -> "invalid_request_error";
                default -> "server_error";
            });
            error.putNull("param");
            if ("rate_limit".equals(kind)) {
                error.put("code", "rate_limit_exceeded");
            } else if ("authentication".equals(kind)) {
                error.put("code", "invalid_api_key");
            } else {
                error.putNull("code");
            }
            return root;
        }
    },

    ANTHROPIC {
        @Override
        boolean authorised(HttpExchange exchange, String key) {
            return key == null || key.equals(exchange.getRequestHeaders().getFirst("x-api-key"));
        }

        @Override
        String invalid(HttpExchange exchange, JsonNode body) {
            if (exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
                return "anthropic-version: header is required";
            }
            if (body == null || !body.path("model").isTextual()) {
                return "model: Field required";
            }
            if (!body.path("max_tokens").isInt()) {
                return "max_tokens: Field required";
            }
            return body.path("messages").isArray() && !body.path("messages").isEmpty() ? null : "messages: at least one message is required";
        }

        @Override
        String model(HttpExchange exchange, JsonNode body) {
            return body.path("model").asText();
        }

        @Override
        ObjectNode success(String model, JsonNode body) {
            return message(model, body);
        }

        @Override
        ObjectNode error(int status, String kind, String message) {
            ObjectNode root = ProviderSimulator.MAPPER.createObjectNode();
            root.put("type", "error");
            ObjectNode error = root.putObject("error");
            error.put("type", switch (kind) {
                case "rate_limit" -> "rate_limit_error";
                case "invalid_request" -> "invalid_request_error";
                case "authentication" -> "authentication_error";
                case "overloaded" -> "overloaded_error";
                default -> "api_error";
            });
            error.put("message", message);
            root.put("request_id", "req_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
            return root;
        }

        @Override
        int overloadedStatus() {
            return 529;
        }
    },

    GEMINI {
        @Override
        boolean authorised(HttpExchange exchange, String key) {
            return key == null || key.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"));
        }

        @Override
        String invalid(HttpExchange exchange, JsonNode body) {
            if (!exchange.getRequestURI().getPath().endsWith(":generateContent")) {
                return "Only :generateContent is supported by the simulator.";
            }
            return body != null && body.path("contents").isArray() && !body.path("contents").isEmpty() ? null
                    : "* GenerateContentRequest.contents: contents is not specified";
        }

        @Override
        String model(HttpExchange exchange, JsonNode body) {
            String path = exchange.getRequestURI().getPath();
            return path.substring("/v1beta/models/".length(), path.lastIndexOf(':'));
        }

        @Override
        ObjectNode success(String model, JsonNode body) {
            String lastUser = "";
            int promptChars = 0;
            for (JsonNode content : body.path("contents")) {
                for (JsonNode part : content.path("parts")) {
                    promptChars += part.path("text").asText("").length();
                    if ("user".equals(content.path("role").asText("user"))) {
                        lastUser = part.path("text").asText("");
                    }
                }
            }
            JsonNode generation = body.path("generationConfig");
            String text = answer(model, lastUser, generation.path("responseJsonSchema"));
            long prompt = tokens(promptChars);
            long candidates = Math.min(generation.path("maxOutputTokens").asInt(8192), tokens(text.length()));
            ObjectNode response = ProviderSimulator.MAPPER.createObjectNode();
            ObjectNode candidate = response.putArray("candidates").addObject();
            ObjectNode content = candidate.putObject("content");
            content.putArray("parts").addObject().put("text", text);
            content.put("role", "model");
            candidate.put("finishReason", "STOP");
            candidate.put("index", 0);
            ObjectNode usage = response.putObject("usageMetadata");
            usage.put("promptTokenCount", prompt);
            usage.put("candidatesTokenCount", candidates);
            usage.put("totalTokenCount", prompt + candidates);
            usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", prompt);
            response.put("modelVersion", model);
            response.put("responseId", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
            return response;
        }

        @Override
        ObjectNode error(int status, String kind, String message) {
            ObjectNode root = ProviderSimulator.MAPPER.createObjectNode();
            ObjectNode error = root.putObject("error");
            error.put("code", status);
            error.put("message", message);
            error.put("status", switch (kind) {
                case "rate_limit" -> "RESOURCE_EXHAUSTED";
                case "invalid_request" -> "INVALID_ARGUMENT";
                case "authentication" -> "UNAUTHENTICATED";
                case "overloaded" -> "UNAVAILABLE";
                default -> "INTERNAL";
            });
            if ("rate_limit".equals(kind)) {
                error.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", "1s");
            }
            return root;
        }
    };

    abstract boolean authorised(HttpExchange exchange, String key);

    /** Why the request is invalid, or null. */
    abstract String invalid(HttpExchange exchange, JsonNode body);

    abstract String model(HttpExchange exchange, JsonNode body);

    abstract ObjectNode success(String model, JsonNode body);

    /** @param kind rate_limit, server, overloaded, invalid_request or authentication */
    abstract ObjectNode error(int status, String kind, String message);

    int overloadedStatus() {
        return 503;
    }

    /** An Anthropic Messages answer (also the body of a Message Batches result). */
    static ObjectNode message(String model, JsonNode body) {
        String lastUser = "";
        int promptChars = body.path("system").isTextual() ? body.path("system").asText().length() : 0;
        for (JsonNode block : body.path("system").isArray() ? body.path("system") : ProviderSimulator.MAPPER.createArrayNode()) {
            promptChars += block.path("text").asText("").length();
        }
        boolean cacheMarked = body.path("system").isArray() && body.path("system").findValue("cache_control") != null;
        for (JsonNode message : body.path("messages")) {
            String text = message.path("content").isTextual() ? message.path("content").asText()
                    : message.path("content").path(0).path("text").asText("");
            cacheMarked |= message.path("content").isArray() && message.path("content").findValue("cache_control") != null;
            promptChars += text.length();
            if ("user".equals(message.path("role").asText())) {
                lastUser = text;
            }
        }
        String text = answer(model, lastUser, schemaFromInstruction(systemText(body)));
        long prompt = tokens(promptChars);
        long output = Math.min(body.path("max_tokens").asInt(1024), tokens(text.length()));
        ObjectNode response = ProviderSimulator.MAPPER.createObjectNode();
        response.put("id", "msg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        response.put("type", "message");
        response.put("role", "assistant");
        response.put("model", model);
        response.putArray("content").addObject().put("type", "text").put("text", text);
        response.put("stop_reason", output >= body.path("max_tokens").asInt(1024) ? "max_tokens" : "end_turn");
        response.putNull("stop_sequence");
        ObjectNode usage = response.putObject("usage");
        // a marked prompt is written to the cache: those tokens are cache writes, not plain input
        usage.put("input_tokens", cacheMarked ? 0 : prompt);
        usage.put("cache_creation_input_tokens", cacheMarked ? prompt : 0);
        usage.put("cache_read_input_tokens", 0);
        usage.put("output_tokens", output);
        return response;
    }

    static long tokens(int chars) {
        return Math.max(1, (chars + 3) / 4);
    }

    /** The simulated answer: echo text, or a minimal JSON value satisfying the schema. */
    static String answer(String model, String lastUser, JsonNode schema) {
        if (schema != null && !schema.isMissingNode() && !schema.isNull()) {
            return SchemaInstances.minimal(schema).toString();
        }
        return "Simulated answer from " + model + " to: " + lastUser.substring(0, Math.min(60, lastUser.length()));
    }

    private static String systemText(JsonNode body) {
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            return system.asText();
        }
        StringBuilder text = new StringBuilder();
        system.forEach(block -> text.append(block.path("text").asText("")).append('\n'));
        return text.toString();
    }

    /** Sluice states a response schema to Anthropic models as an instruction; the simulator obeys it. */
    private static JsonNode schemaFromInstruction(String text) {
        String marker = "satisfies this JSON Schema: ";
        int at = text.indexOf(marker);
        if (at < 0) {
            return null;
        }
        try {
            return ProviderSimulator.MAPPER.readTree(text.substring(at + marker.length()).strip());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
