package dev.sluice.connectors.batch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The few HTTP exchanges the batch APIs need; a non-2xx answer fails the future with its status and body. */
final class BatchHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> headers;

    BatchHttp(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    CompletableFuture<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    CompletableFuture<String> postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    CompletableFuture<String> postMultipart(String url, String boundary, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private CompletableFuture<String> send(HttpRequest.Builder request) {
        request.timeout(Duration.ofMinutes(2));
        headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new CompletionException(new IllegalStateException("HTTP " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(300, response.body().length()))));
            }
            return response.body();
        });
    }
}
