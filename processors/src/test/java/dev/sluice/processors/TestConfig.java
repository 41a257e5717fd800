package dev.sluice.processors;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.ClassifierRules;
import dev.sluice.processors.config.GatewayConfig.Hosting;
import dev.sluice.processors.config.GatewayConfig.Limits;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.config.GatewayConfig.PolicyRules;
import dev.sluice.processors.config.GatewayConfig.RoutingRules;
import dev.sluice.processors.config.GatewayConfig.Template;
import dev.sluice.processors.config.GatewayConfig.Tenant;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.GenerationParameters;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.avro.Priority;
import dev.sluice.schemas.avro.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small gateway configuration for the cores' tests. */
public final class TestConfig {
    public static final byte[] KEY = "unit-test-signing-key-0001".getBytes(StandardCharsets.UTF_8);
    public static final byte[] VAULT_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private TestConfig() {
    }

    public static GatewayConfig config() {
        return new GatewayConfig("v-test",
                Map.of("acme", new Tenant("acme", KEY, List.of("finance", "legal"))),
                Map.of("ext-big", new ModelSpec("ext-big", "p1", null, "premium", List.of("US", "EU"), Hosting.EXTERNAL, 2_000_000, 1_000_000, 2_500_000, 8_000_000, 50),
                        "ext-small", new ModelSpec("ext-small", "p1", null, "low-cost", List.of("US", "EU"), Hosting.EXTERNAL, 100_000, 50_000, 125_000, 400_000, 50),
                        "eu-only", new ModelSpec("eu-only", "p2", null, "premium", List.of("EU"), Hosting.EXTERNAL, 1_000_000, 1_000_000, 1_000_000, 3_000_000, 0),
                        "onprem", new ModelSpec("onprem", "p3", null, "internal", List.of("EU", "US"), Hosting.INTERNAL, 10_000, 10_000, 10_000, 10_000, 0)),
                new PolicyRules(Map.of("legal", List.of("eu-only", "onprem")), Map.of("CH", List.of("eu-only", "onprem")), List.of("KP"), 0.7, true),
                new RoutingRules(Map.of("premium", List.of("ext-big", "eu-only"), "low-cost", List.of("ext-small"), "internal", List.of("onprem")),
                        Map.of("simple", "low-cost", "standard", "low-cost", "complex", "premium"), "internal", List.of("internal"),
                        Map.of("contract-review", List.of("eu-only", "ext-big", "onprem"))),
                Map.of("greet", new Template("greet", 1, "Be brief.", "Say hello to {{name}}.")),
                new ClassifierRules(Map.of("finance", List.of("invoice", "ledger"), "legal", List.of("contract", "clause")), List.of("salary")),
                new Limits(10_000, 2_000, Duration.ofHours(1), 100, Duration.ofMillis(20), Duration.ofMillis(200), 4, Duration.ofSeconds(2), Duration.ofSeconds(1)),
                GatewayConfig.Resilience.defaults(), Map.of(),
                new GatewayConfig.RedactionRules("k1", Map.of("k1", VAULT_KEY), java.util.Set.of()), "USD");
    }

    public static LlmRequest.Builder request(String id, String text) {
        return LlmRequest.newBuilder().setRequestId(id).setTenant("acme").setDepartment("finance").setUseCase("triage")
                .setPrincipal("svc").setCountry("DE").setRegion("EU").setPriority(Priority.BATCH)
                .setMessages(List.of(new ChatMessage(Role.USER, text, null, null)))
                .setParameters(GenerationParameters.newBuilder().setMaxOutputTokens(100).build())
                .setSubmittedAt(Instant.parse("2026-11-23T10:00:00Z"));
    }
}
