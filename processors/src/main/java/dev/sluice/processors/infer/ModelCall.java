package dev.sluice.processors.infer;

import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.GenerationParameters;
import dev.sluice.schemas.avro.Priority;
import java.util.List;

/**
 * One provider call to make: the redacted prompt of one request for one model.
 *
 * @param attempt index into the request's route chain; a completion for another attempt is stale
 */
public record ModelCall(String requestId, int attempt, ModelSpec model, List<ChatMessage> messages,
                        GenerationParameters parameters, String responseSchema, Priority priority) {
    public ModelCall {
        messages = List.copyOf(messages);
    }
}
