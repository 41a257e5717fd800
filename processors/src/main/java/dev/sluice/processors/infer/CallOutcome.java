package dev.sluice.processors.infer;

import dev.sluice.schemas.avro.Usage;
import java.time.Duration;

/** How one provider call ended. */
public sealed interface CallOutcome {

    record Success(String content, String finishReason, Usage usage, long latencyMs) implements CallOutcome {
    }

    /** Why a call failed; decides retry, fallback and what the circuit breaker records. */
    enum Kind {
        /** 5xx, connection failure, unreadable body: retry with backoff; counts against the breaker. */
        TRANSIENT,
        /** 429: retry after the provider's Retry-After; the provider is up, so the breaker does not count it. */
        RATE_LIMITED,
        /** No answer within the use case's time limit: retry; counts against the breaker. */
        TIMEOUT,
        /** 400, 401, 403, 404, 422: the same call always fails here; next model, no retry. */
        PERMANENT,
        /** The provider's breaker is open: no call was made; next model at once. */
        CIRCUIT_OPEN
    }

    /**
     * @param status     HTTP status, or 0 when no response arrived
     * @param retryAfter the provider's Retry-After, or null
     */
    record Failure(Kind kind, int status, String message, Duration retryAfter) implements CallOutcome {
        public Failure(Kind kind, int status, String message) {
            this(kind, status, message, null);
        }

        public boolean retryable() {
            return kind == Kind.TRANSIENT || kind == Kind.RATE_LIMITED || kind == Kind.TIMEOUT;
        }
    }
}
