package dev.sluice.processors.infer;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.GenerationParameters;
import dev.sluice.schemas.avro.Priority;
import java.time.Duration;
import java.util.List;

/**
 * One provider call to make: the redacted prompt of one request for one model.
 *
 * @param attempt         index into the request's route chain
 * @param sequence        the request's call count when this call was made; a completion whose
 *                        attempt or sequence no longer matches the in-flight entry is stale
 * @param estimatedTokens prompt estimate plus maximum output, charged against tokens-per-minute
 * @param timeout         the use case's time limit for the call
 */
public record ModelCall(String requestId, String tenant, int attempt, int sequence, ModelSpec model, List<ChatMessage> messages,
                        GenerationParameters parameters, String responseSchema, Priority priority, long estimatedTokens,
                        Duration timeout) {
    public ModelCall {
        messages = List.copyOf(messages);
    }
}
