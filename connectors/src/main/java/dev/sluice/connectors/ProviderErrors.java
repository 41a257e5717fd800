package dev.sluice.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.processors.infer.CallOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Maps a provider's HTTP error to a {@link CallOutcome.Failure}, the same way for every protocol:
 * 429 is RATE_LIMITED with its Retry-After; 408, 409, 5xx and Anthropic's 529 are TRANSIENT; other
 * 4xx are PERMANENT. The message is taken from the error body, whose shape differs per provider
 * ({@code error.message} for OpenAI, Anthropic and Gemini alike, with {@code error.type} or
 * {@code error.status} as its kind).
 */
public final class ProviderErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProviderErrors() {
    }

    public static CallOutcome.Failure failure(int status, String body, String retryAfterHeader) {
        String message = "HTTP " + status;
        try {
            JsonNode error = MAPPER.readTree(body == null ? "" : body);
            JsonNode e = error == null ? null : error.path("error");
            if (e != null && e.isObject()) {
                String kind = e.path("type").asText(e.path("status").asText("error"));
                message = kind + ": " + e.path("message").asText("");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
            message = "HTTP " + status + " with an unreadable body";
        }
        CallOutcome.Kind kind;
        if (status == 429) {
            kind = CallOutcome.Kind.RATE_LIMITED;
        } else if (status == 408 || status == 409 || status >= 500) {
            kind = CallOutcome.Kind.TRANSIENT;
        } else {
            kind = CallOutcome.Kind.PERMANENT;
        }
        Duration retryAfter = retryAfter(retryAfterHeader, Instant.now());
        if (retryAfter == null) {
            retryAfter = retryInfo(body);
        }
        return new CallOutcome.Failure(kind, status, message, retryAfter);
    }

    /** Gemini puts the wait into the error body: {@code error.details[].retryDelay} of a RetryInfo, e.g. "30s". */
    static Duration retryInfo(String body) {
        try {
            JsonNode details = MAPPER.readTree(body == null ? "" : body).path("error").path("details");
            for (JsonNode detail : details) {
                String delay = detail.path("retryDelay").asText("");
                if (delay.endsWith("s")) {
                    return Duration.ofMillis((long) (Double.parseDouble(delay.substring(0, delay.length() - 1)) * 1000));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NumberFormatException | NullPointerException ignored) {
            return null;
        }
        return null;
    }

    /** Retry-After as delay-seconds or an HTTP date (RFC 9110 10.2.3); null when absent or unreadable. */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
