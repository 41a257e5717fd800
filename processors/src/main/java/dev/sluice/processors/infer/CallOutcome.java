package dev.sluice.processors.infer;

import dev.sluice.schemas.avro.Usage;

/** How one provider call ended. */
public sealed interface CallOutcome {

    record Success(String content, String finishReason, Usage usage, long latencyMs) implements CallOutcome {
    }

    /**
     * @param retryable true for errors worth trying again or elsewhere (429, 5xx, timeouts, connection
     *                  failures); false for errors the same request will always get (400, 401, 404)
     * @param status    HTTP status, or 0 when no response arrived
     */
    record Failure(boolean retryable, int status, String message) implements CallOutcome {
    }
}
