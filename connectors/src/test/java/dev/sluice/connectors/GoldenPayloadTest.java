package dev.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.connectors.anthropic.AnthropicProvider;
import dev.sluice.connectors.gemini.GeminiProvider;
import dev.sluice.connectors.openai.OpenAiCompatibleProvider;
import dev.sluice.processors.config.GatewayConfig.Hosting;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.infer.CallOutcome;
import dev.sluice.processors.infer.ModelCall;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.GenerationParameters;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.Role;
import dev.sluice.schemas.avro.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each connector against golden payloads of its provider's real protocol. */
class GoldenPayloadTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"summary\"],\"properties\":{\"summary\":{\"type\":\"string\"}}}";

    static String golden(String path) {
        try (InputStream in = GoldenPayloadTest.class.getResourceAsStream("/golden/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing golden file " + path, e);
        }
    }

    static ModelSpec model(String provider, String providerModel) {
        return new ModelSpec("m", provider, providerModel, "premium", List.of("EU"), Hosting.EXTERNAL, 1, 1, 1, 1, 50);
    }

    static ModelCall call(ModelSpec model) {
        return new ModelCall("r-1", "acme", 0, 0, model,
                List.of(new ChatMessage(Role.SYSTEM, "You are terse.", null, "ephemeral"),
                        new ChatMessage(Role.USER, "Summarise <EMAIL_1>'s ticket.", null, null)),
                GenerationParameters.newBuilder().setMaxOutputTokens(200).setTemperature(0.2).setStop(List.of("END")).build(),
                SCHEMA, Priority.INTERACTIVE, 300, Duration.ofSeconds(30));
    }

    private static CallOutcome.Success success(CallOutcome outcome) {
        assertThat(outcome).isInstanceOf(CallOutcome.Success.class);
        return (CallOutcome.Success) outcome;
    }

    @Test
    void openAiShouldSendTheDocumentedRequestAndCountCachedAndReasoningTokensOnce() throws Exception {
        var provider = new OpenAiCompatibleProvider("openai", "http://127.0.0.1:1", "k", Duration.ofSeconds(30));
        ModelSpec model = model("openai", "gpt-4o-mini-2024-07-18");

        assertThat(provider.requestBody(model, call(model))).isEqualTo(MAPPER.readTree(golden("openai/request.json")));
        CallOutcome.Success answer = success(provider.parse(golden("openai/response.json"), 7));
        assertThat(answer.content()).isEqualTo("{\"summary\":\"Customer asks for a refund.\"}");
        assertThat(answer.usage()).isEqualTo(new Usage(1117L, 46L, 1024L, 0L, 0L));
        CallOutcome.Success reasoning = success(provider.parse(golden("openai/response-reasoning.json"), 7));
        assertThat(reasoning.usage()).isEqualTo(new Usage(75L, 1186L, 0L, 0L, 1024L));
        assertThat(reasoning.finishReason()).isEqualTo("length");
    }

    @Test
    void anthropicShouldPassCacheControlThroughAndCountCacheReadsAndWritesAsInput() throws Exception {
        var provider = new AnthropicProvider("anthropic", "http://127.0.0.1:1", "k", Duration.ofSeconds(30));
        ModelSpec model = model("anthropic", "claude-sonnet-4-5-20250929");

        assertThat(provider.requestBody(model, call(model))).isEqualTo(MAPPER.readTree(golden("anthropic/request.json")));
        CallOutcome.Success written = success(provider.parse(golden("anthropic/response.json"), 7));
        assertThat(written.usage()).isEqualTo(new Usage(21L + 188_086L, 393L, 0L, 188_086L, 0L));
        assertThat(written.finishReason()).isEqualTo("stop");
        CallOutcome.Success read = success(provider.parse(golden("anthropic/response-cache-read.json"), 7));
        assertThat(read.usage()).isEqualTo(new Usage(100_050L, 200L, 100_000L, 0L, 0L));
        assertThat(read.finishReason()).isEqualTo("length");
    }

    @Test
    void geminiShouldSendGenerateContentAndCountThoughtsAsOutput() throws Exception {
        var provider = new GeminiProvider("gemini", "http://127.0.0.1:1", "k", Duration.ofSeconds(30));
        ModelSpec model = model("gemini", "gemini-2.5-flash");

        assertThat(provider.requestBody(model, call(model))).isEqualTo(MAPPER.readTree(golden("gemini/request.json")));
        CallOutcome.Success answer = success(provider.parse(golden("gemini/response.json"), 7));
        assertThat(answer.content()).isEqualTo("{\"summary\":\"Customer asks for a refund.\"}");
        assertThat(answer.usage()).isEqualTo(new Usage(2048L, 12L + 530L, 1024L, 0L, 530L));
    }

    @Test
    void shouldClassifyEveryProvidersErrorsAndHonourItsRetryHints() {
        CallOutcome.Failure openAi429 = ProviderErrors.failure(429, golden("openai/error-429.json"), "2");
        assertThat(openAi429.kind()).isEqualTo(CallOutcome.Kind.RATE_LIMITED);
        assertThat(openAi429.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(openAi429.message()).startsWith("requests: Rate limit reached");

        assertThat(ProviderErrors.failure(400, golden("openai/error-400.json"), null).kind()).isEqualTo(CallOutcome.Kind.PERMANENT);
        assertThat(ProviderErrors.failure(529, golden("anthropic/error-529.json"), null))
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(CallOutcome.Kind.TRANSIENT);
                    assertThat(f.message()).isEqualTo("overloaded_error: Overloaded");
                });
        assertThat(ProviderErrors.failure(429, golden("anthropic/error-429.json"), "17").retryAfter()).isEqualTo(Duration.ofSeconds(17));

        CallOutcome.Failure gemini429 = ProviderErrors.failure(429, golden("gemini/error-429.json"), null);
        assertThat(gemini429.kind()).isEqualTo(CallOutcome.Kind.RATE_LIMITED);
        assertThat(gemini429.retryAfter()).isEqualTo(Duration.ofSeconds(29));
        assertThat(gemini429.message()).startsWith("RESOURCE_EXHAUSTED: You exceeded");
        assertThat(ProviderErrors.failure(400, golden("gemini/error-400.json"), null).kind()).isEqualTo(CallOutcome.Kind.PERMANENT);
        assertThat(ProviderErrors.failure(502, "<html>Bad gateway</html>", null).kind()).isEqualTo(CallOutcome.Kind.TRANSIENT);
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(ProviderErrors.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(ProviderErrors.retryAfter("0.5", now)).isEqualTo(Duration.ofMillis(500));
        assertThat(ProviderErrors.retryAfter("Mon, 23 Nov 2026 10:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProviderErrors.retryAfter("soon", now)).isNull();
    }

    @Test
    void shouldTreatUnreadableAnswersAsTransient() {
        var provider = new OpenAiCompatibleProvider("openai", "http://127.0.0.1:1", null, Duration.ofSeconds(30));
        assertThat(provider.parse("{\"choices\": [", 1)).isInstanceOfSatisfying(CallOutcome.Failure.class,
                f -> assertThat(f.kind()).isEqualTo(CallOutcome.Kind.TRANSIENT));
        assertThat(new GeminiProvider("g", "http://x", null, Duration.ofSeconds(1)).parse("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}", 1))
                .isInstanceOfSatisfying(CallOutcome.Failure.class, f -> assertThat(f.kind()).isEqualTo(CallOutcome.Kind.PERMANENT));
    }
}
