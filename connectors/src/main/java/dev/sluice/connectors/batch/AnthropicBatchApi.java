package dev.sluice.connectors.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.connectors.anthropic.AnthropicProvider;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.infer.BatchApiProvider;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Anthropic Message Batches: {@code POST /v1/messages/batches} with one {@code {custom_id, params}}
 * per call (params are exactly a Messages request), {@code GET /v1/messages/batches/{id}} until
 * {@code processing_status} is {@code ended}, then the JSONL at {@code results_url}: per custom id a
 * {@code succeeded} message, or {@code errored}, {@code canceled} or {@code expired}. At most
 * 100,000 requests a job.
 */
public final class AnthropicBatchApi implements BatchApiProvider {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String name;
    private final String baseUrl;
    private final BatchHttp http;

    public AnthropicBatchApi(String name, String baseUrl, String apiKey) {
        this.name = name;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        Map<String, String> headers = new HashMap<>(Map.of("anthropic-version", AnthropicProvider.VERSION));
        if (apiKey != null && !apiKey.isBlank()) {
            headers.put("x-api-key", apiKey);
        }
        this.http = new BatchHttp(headers);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxJobSize() {
        return 100_000;
    }

    @Override
    public CompletableFuture<String> submit(ModelSpec model, List<ModelCall> calls) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode requests = body.putArray("requests");
        for (ModelCall call : calls) {
            ObjectNode request = requests.addObject();
            request.put("custom_id", BatchApiProvider.customId(call));
            request.set("params", AnthropicProvider.params(model, call));
        }
        return http.postJson(baseUrl + "/v1/messages/batches", body.toString()).thenApply(text -> read(text).path("id").asText());
    }

    @Override
    public CompletableFuture<JobStatus> poll(String jobId) {
        return http.get(baseUrl + "/v1/messages/batches/" + jobId).thenCompose(text -> {
            JsonNode batch = read(text);
            if (!"ended".equals(batch.path("processing_status").asText())) {
                return CompletableFuture.completedFuture(JobStatus.running());
            }
            return http.get(batch.path("results_url").asText()).thenApply(results -> new JobStatus(true, results(results)));
        });
    }

    static Map<String, CallOutcome> results(String jsonl) {
        Map<String, CallOutcome> outcomes = new HashMap<>();
        for (String line : jsonl.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = read(line);
            JsonNode result = entry.path("result");
            String id = entry.path("custom_id").asText();
            switch (result.path("type").asText()) {
                case "succeeded" -> outcomes.put(id, AnthropicProvider.message(result.path("message"), 0));
                case "errored" -> {
                    String type = result.path("error").path("error").path("type").asText("api_error");
                    CallOutcome.Kind kind = type.equals("invalid_request_error") || type.equals("authentication_error")
                            || type.equals("permission_error") || type.equals("not_found_error") ? CallOutcome.Kind.PERMANENT : CallOutcome.Kind.TRANSIENT;
                    outcomes.put(id, new CallOutcome.Failure(kind, 0, type + ": " + result.path("error").path("error").path("message").asText("")));
                }
                default -> outcomes.put(id, new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 0, "batch entry " + result.path("type").asText()));
            }
        }
        return outcomes;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable batch API answer: " + e.getOriginalMessage(), e);
        }
    }
}
