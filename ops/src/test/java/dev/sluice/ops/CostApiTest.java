package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schemas.avro.CostAggregate;
import dev.sluice.topology.config.SluiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost API with two Sluice instances sharing the work on a real broker: each holds part of the
 * cost and budget stores, and either answers for all of them (fan-out for costs, forwarding to the
 * tenant's instance for budgets).
 */
@Tag("slow")
class CostApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String server, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + server + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer once it is 200 (while tasks move between the instances, the API answers 503). */
    private static JsonNode answer(String server, String pathAndQuery) {
        JsonNode[] body = new JsonNode[1];
        await(pathAndQuery + " on " + server).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = get(server, pathAndQuery);
            body[0] = JSON.readTree(response.body());
            return response.statusCode() == 200;
        });
        return body[0];
    }

    private static SluiceConfig config(Path home, String id, String name, String bootstrap) {
        Map<String, String> values = new HashMap<>(Map.of(
                SluiceConfig.STATE_DIR, home.resolve(name).toString(),
                SluiceConfig.APPLICATION_ID, id,
                SluiceConfig.TOPIC_PREFIX, id,
                SluiceConfig.PARTITIONS, "4",
                SluiceConfig.STREAM_THREADS, "1",
                SluiceConfig.HTTP_PORT, "0",
                SluiceConfig.SIMULATOR_LATENCY_MS, "20",
                SluiceConfig.SIMULATOR_ERROR_RATE, "0",
                SluiceConfig.SIMULATOR_RATE_LIMIT_RATE, "0"));
        if (bootstrap == null) {
            values.put(SluiceConfig.EMBEDDED_DATA_DIR, home.resolve("kafka").toString());
            values.put(SluiceConfig.EMBEDDED_PORT, "0");
        } else {
            values.put(SluiceConfig.BOOTSTRAP_SERVERS, bootstrap);
        }
        return new SluiceConfig(values);
    }

    @Test
    void eitherInstanceShouldAnswerForTheCostsAndBudgetsOfBoth(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path home) throws Exception {
        String id = "api-" + UUID.randomUUID().toString().substring(0, 8);
        try (SluiceRuntime first = new SluiceRuntime(config(home, id, "first", null)).start(System.out);
             SluiceRuntime second = new SluiceRuntime(config(home, id, "second", first.bootstrapServers())).start(System.out)) {
            Path requests = home.resolve("requests.jsonl");
            Files.write(requests, CrashRecoveryTest.requests(60));
            var topics = first.topics();
            Submitter.Summary summary = Submitter.submit(requests, first.bootstrapServers(), topics.requests().name(), first.registry(),
                    first.gateway().gateway(), true);
            List<Outcome> outcomes = new ArrayList<>();
            Map<String, CostAggregate> aggregates = new HashMap<>();
            try (TopicReader reader = new TopicReader(first.bootstrapServers(), List.of(topics.results().name(), topics.rejections().name()));
                 TopicReader costs = new TopicReader(first.bootstrapServers(), List.of(topics.costs().name()))) {
                await("an outcome for each request").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    outcomes.addAll(Outcome.decode(reader.poll(Duration.ofMillis(100)), topics));
                    return outcomes.size() >= summary.published();
                });
                long expected = outcomes.stream().filter(o -> o.result() != null).mapToLong(o -> o.result().getCostMicros()).sum();
                await("the cost stores to hold every priced request").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> r : costs.poll(Duration.ofMillis(100))) {
                        aggregates.put(new String(r.key()), topics.costs().valueSerde().deserializer().deserialize(r.topic(), r.value()));
                    }
                    return aggregates.values().stream().mapToLong(CostAggregate::getCostMicros).sum() == expected;
                });
            }
            long expected = outcomes.stream().filter(o -> o.result() != null).mapToLong(o -> o.result().getCostMicros()).sum();
            assertThat(expected).isPositive();
            String from = "?from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);

            for (String server : List.of(first.costApi(), second.costApi())) {
                JsonNode day = answer(server, "/costs" + from + "&window=day");
                assertThat(day.path("totalMicros").asLong()).as("daily costs from %s", server).isEqualTo(expected);
                assertThat(day.path("instances")).as("both instances hold part of the cost store").hasSize(2);
                assertThat(answer(server, "/costs" + from + "&window=hour").path("totalMicros").asLong()).isEqualTo(expected);
                assertThat(answer(server, "/costs" + from + "&window=month").path("totalMicros").asLong()).isEqualTo(expected);
                long acmeExpected = outcomes.stream().filter(o -> o.result() != null && "acme".equals(o.result().getTenant()))
                        .mapToLong(o -> o.result().getCostMicros()).sum();
                assertThat(answer(server, "/costs" + from + "&window=day&tenant=acme").path("totalMicros").asLong()).isEqualTo(acmeExpected);

                JsonNode budgets = answer(server, "/budgets?tenant=acme");
                JsonNode monthly = null;
                for (JsonNode b : budgets.path("budgets")) {
                    if (b.path("budget").asText().equals("acme-monthly")) {
                        monthly = b;
                    }
                }
                assertThat(monthly).as("acme-monthly in %s", budgets).isNotNull();
                assertThat(monthly.path("spentMicros").asLong()).isEqualTo(acmeExpected);
                assertThat(monthly.path("reservedMicros").asLong()).isZero();
            }
            assertThat(answer(first.costApi(), "/budgets?tenant=acme").path("answeredBy").asText())
                    .isEqualTo(answer(second.costApi(), "/budgets?tenant=acme").path("answeredBy").asText());

            HttpResponse<String> bad = get(first.costApi(), "/costs?window=year");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).path("error").asText()).contains("window must be hour, day or month");
            assertThat(get(first.costApi(), "/budgets?tenant=nobody").statusCode()).isEqualTo(404);
        }
    }
}
