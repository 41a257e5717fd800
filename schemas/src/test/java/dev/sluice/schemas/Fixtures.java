package dev.sluice.schemas;

import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.GenerationParameters;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;

final class Fixtures {
    private Fixtures() {
    }

    static LlmRequest request(String id) {
        return LlmRequest.newBuilder()
                .setRequestId(id)
                .setTenant("acme")
                .setDepartment("finance")
                .setUseCase("invoice-triage")
                .setPrincipal("svc-batch")
                .setCountry("DE")
                .setRegion("EU")
                .setPriority(Priority.BATCH)
                .setMessages(List.of(new ChatMessage(Role.USER, "Summarise invoice 42", null, null)))
                .setParameters(GenerationParameters.newBuilder().setMaxOutputTokens(256).build())
                .setSubmittedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setMetadata(Map.of("batch", "b-1"))
                .build();
    }
}
