package dev.sluice.connectors.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's provider batch APIs: OpenAI Files + Batch ({@code POST /v1/files},
 * {@code POST /v1/batches}, {@code GET /v1/batches/{id}}, {@code GET /v1/files/{id}/content}) and
 * Anthropic Message Batches ({@code POST /v1/messages/batches}, {@code GET .../{id}},
 * {@code GET .../{id}/results}). A job ends once the simulator's latency has passed since it was
 * created; each entry's outcome is drawn like a single call's (errors, outages), so batch work meets
 * the same faults. Objects have the fields the real APIs return.
 */
final class BatchApis {

    private record Job(String id, Instant created, Instant done, String output, String errors, int total, int failed) {
    }

    private final ProviderSimulator simulator;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Job> openAiJobs = new ConcurrentHashMap<>();
    private final Map<String, Job> anthropicJobs = new ConcurrentHashMap<>();

    BatchApis(ProviderSimulator simulator) {
        this.simulator = simulator;
    }

    // ---- OpenAI -------------------------------------------------------------------------------

    void openAiFiles(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/files")) {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, byte[]> parts = Multipart.parse(body, contentType);
            if (!parts.containsKey("file") || !"batch".equals(new String(parts.getOrDefault("purpose", new byte[0]), StandardCharsets.UTF_8))) {
                ProviderSimulator.respond(exchange, 400, SimulatedProtocol.OPENAI.error(400, "invalid_request", "A 'file' part and purpose=batch are required."));
                return;
            }
            String id = "file-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            files.put(id, parts.get("file"));
            ObjectNode file = ProviderSimulator.MAPPER.createObjectNode();
            file.put("id", id).put("object", "file").put("bytes", parts.get("file").length).put("created_at", Instant.now().getEpochSecond())
                    .put("filename", "batch.jsonl").put("purpose", "batch");
            ProviderSimulator.respond(exchange, 200, file);
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/content")) {
            byte[] content = files.get(path.substring("/v1/files/".length(), path.length() - "/content".length()));
            if (content == null) {
                ProviderSimulator.respond(exchange, 404, SimulatedProtocol.OPENAI.error(404, "invalid_request", "No such File object."));
                return;
            }
            exchange.sendResponseHeaders(200, content.length);
            exchange.getResponseBody().write(content);
            exchange.close();
            return;
        }
        ProviderSimulator.respond(exchange, 404, SimulatedProtocol.OPENAI.error(404, "invalid_request", "Unknown files endpoint."));
    }

    void openAiBatches(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/batches")) {
            JsonNode request = ProviderSimulator.MAPPER.readTree(exchange.getRequestBody());
            byte[] input = files.get(request.path("input_file_id").asText());
            if (input == null || !"/v1/chat/completions".equals(request.path("endpoint").asText())) {
                ProviderSimulator.respond(exchange, 400, SimulatedProtocol.OPENAI.error(400, "invalid_request",
                        "input_file_id must name an uploaded file and endpoint must be /v1/chat/completions."));
                return;
            }
            StringBuilder output = new StringBuilder();
            StringBuilder errors = new StringBuilder();
            int total = 0;
            int failed = 0;
            for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                total++;
                JsonNode entry = ProviderSimulator.MAPPER.readTree(line);
                JsonNode body = entry.path("body");
                String model = body.path("model").asText();
                ProviderSimulator.Fate fate = simulator.fate(model);
                ObjectNode result = ProviderSimulator.MAPPER.createObjectNode();
                result.put("id", "batch_req_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
                result.put("custom_id", entry.path("custom_id").asText());
                ObjectNode response = result.putObject("response");
                response.put("request_id", UUID.randomUUID().toString());
                if (fate.kind() == ProviderSimulator.Fate.Kind.OK || fate.kind() == ProviderSimulator.Fate.Kind.MALFORMED
                        || fate.kind() == ProviderSimulator.Fate.Kind.HANG) {
                    response.put("status_code", 200);
                    response.set("body", SimulatedProtocol.OPENAI.success(model, body));
                    result.putNull("error");
                    output.append(result).append('\n');
                } else {
                    failed++;
                    int status = fate.kind() == ProviderSimulator.Fate.Kind.RATE_LIMITED ? 429 : 500;
                    response.put("status_code", status);
                    response.set("body", SimulatedProtocol.OPENAI.error(status, status == 429 ? "rate_limit" : "server", "Simulated batch entry failure."));
                    result.putNull("error");
                    errors.append(result).append('\n');
                }
            }
            String id = "batch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            Instant now = Instant.now();
            String outputId = store(output);
            String errorId = errors.length() == 0 ? null : store(errors);
            Job job = new Job(id, now, now.plus(simulator.settings().latency()), outputId, errorId, total, failed);
            openAiJobs.put(id, job);
            ProviderSimulator.respond(exchange, 200, openAiBatch(job, request.path("input_file_id").asText()));
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            Job job = openAiJobs.get(path.substring("/v1/batches/".length()));
            if (job == null) {
                ProviderSimulator.respond(exchange, 404, SimulatedProtocol.OPENAI.error(404, "invalid_request", "No such batch."));
                return;
            }
            ProviderSimulator.respond(exchange, 200, openAiBatch(job, null));
            return;
        }
        ProviderSimulator.respond(exchange, 405, SimulatedProtocol.OPENAI.error(405, "invalid_request", "Method not allowed."));
    }

    private String store(CharSequence jsonl) {
        String id = "file-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        files.put(id, jsonl.toString().getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private ObjectNode openAiBatch(Job job, String inputFileId) {
        boolean done = !Instant.now().isBefore(job.done());
        ObjectNode batch = ProviderSimulator.MAPPER.createObjectNode();
        batch.put("id", job.id()).put("object", "batch").put("endpoint", "/v1/chat/completions").putNull("errors");
        batch.put("input_file_id", inputFileId).put("completion_window", "24h");
        batch.put("status", done ? "completed" : "in_progress");
        if (done) {
            batch.put("output_file_id", job.output());
            if (job.errors() == null) {
                batch.putNull("error_file_id");
            } else {
                batch.put("error_file_id", job.errors());
            }
            batch.put("completed_at", job.done().getEpochSecond());
        } else {
            batch.putNull("output_file_id").putNull("error_file_id").putNull("completed_at");
        }
        batch.put("created_at", job.created().getEpochSecond()).put("in_progress_at", job.created().getEpochSecond());
        batch.put("expires_at", job.created().getEpochSecond() + 86_400);
        batch.putObject("request_counts").put("total", job.total()).put("completed", done ? job.total() - job.failed() : 0)
                .put("failed", done ? job.failed() : 0);
        batch.putNull("metadata");
        return batch;
    }

    // ---- Anthropic ----------------------------------------------------------------------------

    void anthropic(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/messages/batches")) {
            JsonNode request = ProviderSimulator.MAPPER.readTree(exchange.getRequestBody());
            if (!request.path("requests").isArray() || request.path("requests").isEmpty()) {
                ProviderSimulator.respond(exchange, 400, SimulatedProtocol.ANTHROPIC.error(400, "invalid_request", "requests: at least one request is required"));
                return;
            }
            StringBuilder results = new StringBuilder();
            int failed = 0;
            for (JsonNode entry : request.path("requests")) {
                JsonNode params = entry.path("params");
                String model = params.path("model").asText();
                ProviderSimulator.Fate fate = simulator.fate(model);
                ObjectNode line = ProviderSimulator.MAPPER.createObjectNode();
                line.put("custom_id", entry.path("custom_id").asText());
                ObjectNode result = line.putObject("result");
                if (fate.kind() == ProviderSimulator.Fate.Kind.ERROR || fate.kind() == ProviderSimulator.Fate.Kind.DOWN
                        || fate.kind() == ProviderSimulator.Fate.Kind.RATE_LIMITED) {
                    failed++;
                    result.put("type", "errored");
                    result.set("error", SimulatedProtocol.ANTHROPIC.error(500, fate.kind() == ProviderSimulator.Fate.Kind.DOWN ? "overloaded" : "server",
                            "Simulated batch entry failure."));
                } else {
                    result.put("type", "succeeded");
                    result.set("message", SimulatedProtocol.message(model, params));
                }
                results.append(line).append('\n');
            }
            String id = "msgbatch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            Instant now = Instant.now();
            Job job = new Job(id, now, now.plus(simulator.settings().latency()), results.toString(), null, request.path("requests").size(), failed);
            anthropicJobs.put(id, job);
            ProviderSimulator.respond(exchange, 200, anthropicBatch(job, exchange));
            return;
        }
        String rest = path.substring("/v1/messages/batches/".length());
        boolean results = rest.endsWith("/results");
        Job job = anthropicJobs.get(results ? rest.substring(0, rest.length() - "/results".length()) : rest);
        if (job == null || !"GET".equals(exchange.getRequestMethod())) {
            ProviderSimulator.respond(exchange, 404, SimulatedProtocol.ANTHROPIC.error(404, "not_found", "Batch not found."));
            return;
        }
        if (results) {
            byte[] bytes = job.output().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/binary");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
            return;
        }
        ProviderSimulator.respond(exchange, 200, anthropicBatch(job, exchange));
    }

    private ObjectNode anthropicBatch(Job job, HttpExchange exchange) {
        boolean done = !Instant.now().isBefore(job.done());
        ObjectNode batch = ProviderSimulator.MAPPER.createObjectNode();
        batch.put("id", job.id()).put("type", "message_batch").put("processing_status", done ? "ended" : "in_progress");
        batch.putObject("request_counts").put("processing", done ? 0 : job.total()).put("succeeded", done ? job.total() - job.failed() : 0)
                .put("errored", done ? job.failed() : 0).put("canceled", 0).put("expired", 0);
        if (done) {
            batch.put("ended_at", job.done().toString());
            batch.put("results_url", simulator.baseUrl() + "/v1/messages/batches/" + job.id() + "/results");
        } else {
            batch.putNull("ended_at").putNull("results_url");
        }
        batch.put("created_at", job.created().toString()).put("expires_at", job.created().plusSeconds(86_400).toString());
        batch.putNull("archived_at").putNull("cancel_initiated_at");
        return batch;
    }
}
