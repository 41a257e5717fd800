package dev.sluice.connectors.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.connectors.ProviderErrors;
import dev.sluice.connectors.openai.OpenAiCompatibleProvider;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.infer.BatchApiProvider;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The OpenAI Batch API: the calls go into a JSONL file ({@code POST /v1/files}, purpose
 * {@code batch}), a batch is created over it ({@code POST /v1/batches}, endpoint
 * {@code /v1/chat/completions}, window 24h), polled ({@code GET /v1/batches/{id}}), and when it has
 * completed its output and error files are read ({@code GET /v1/files/{id}/content}). At most
 * 50,000 requests a job (the API's limit; the 200 MB file limit is far above Sluice's request size
 * limits times that count for typical prompts and is not checked).
 */
public final class OpenAiBatchApi implements BatchApiProvider {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String name;
    private final String baseUrl;
    private final BatchHttp http;
    private final OpenAiCompatibleProvider protocol;

    public OpenAiBatchApi(String name, String baseUrl, String apiKey) {
        this.name = name;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.http = new BatchHttp(apiKey == null || apiKey.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey));
        this.protocol = new OpenAiCompatibleProvider(name, baseUrl, apiKey, Duration.ofMinutes(1));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxJobSize() {
        return 50_000;
    }

    @Override
    public CompletableFuture<String> submit(ModelSpec model, List<ModelCall> calls) {
        StringBuilder jsonl = new StringBuilder();
        for (ModelCall call : calls) {
            ObjectNode line = MAPPER.createObjectNode();
            line.put("custom_id", BatchApiProvider.customId(call));
            line.put("method", "POST");
            line.put("url", "/v1/chat/completions");
            line.set("body", protocol.requestBody(model, call));
            jsonl.append(line).append('\n');
        }
        String boundary = "sluice-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sluice-batch.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jsonl.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.postMultipart(baseUrl + "/v1/files", boundary, body.toByteArray())
                .thenCompose(file -> {
                    ObjectNode create = MAPPER.createObjectNode();
                    create.put("input_file_id", read(file).path("id").asText());
                    create.put("endpoint", "/v1/chat/completions");
                    create.put("completion_window", "24h");
                    return http.postJson(baseUrl + "/v1/batches", create.toString());
                })
                .thenApply(batch -> read(batch).path("id").asText());
    }

    @Override
    public CompletableFuture<JobStatus> poll(String jobId) {
        return http.get(baseUrl + "/v1/batches/" + jobId).thenCompose(text -> {
            JsonNode batch = read(text);
            String status = batch.path("status").asText();
            switch (status) {
                case "completed": {
                    CompletableFuture<String> output = file(batch.path("output_file_id"));
                    CompletableFuture<String> errors = file(batch.path("error_file_id"));
                    return output.thenCombine(errors, (out, err) -> {
                        Map<String, CallOutcome> outcomes = new HashMap<>();
                        results(out, outcomes);
                        results(err, outcomes);
                        return new JobStatus(true, outcomes);
                    });
                }
                case "failed", "expired", "cancelled":
                    return CompletableFuture.completedFuture(new JobStatus(true, Map.of())); // every call fails as TRANSIENT
                default:
                    return CompletableFuture.completedFuture(JobStatus.running());
            }
        });
    }

    private CompletableFuture<String> file(JsonNode id) {
        return id.isTextual() ? http.get(baseUrl + "/v1/files/" + id.asText() + "/content") : CompletableFuture.completedFuture("");
    }

    /** One line per request: {@code custom_id}, {@code response.status_code}, {@code response.body}, or {@code error}. */
    void results(String jsonl, Map<String, CallOutcome> outcomes) {
        for (String line : jsonl.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = read(line);
            String id = entry.path("custom_id").asText();
            JsonNode response = entry.path("response");
            int status = response.path("status_code").asInt(0);
            if (status == 200) {
                outcomes.put(id, protocol.parse(response.path("body").toString(), 0));
            } else if (status != 0) {
                outcomes.put(id, ProviderErrors.failure(status, response.path("body").toString(), null));
            } else {
                outcomes.put(id, new CallOutcome.Failure(CallOutcome.Kind.TRANSIENT, 0, "batch entry error: " + entry.path("error")));
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable batch API answer: " + e.getOriginalMessage(), e);
        }
    }
}
