package dev.sluice.topology.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.GatewayConfig.ClassifierRules;
import dev.sluice.processors.config.GatewayConfig.Hosting;
import dev.sluice.processors.config.GatewayConfig.Limits;
import dev.sluice.processors.config.GatewayConfig.ModelSpec;
import dev.sluice.processors.config.GatewayConfig.PolicyRules;
import dev.sluice.processors.config.GatewayConfig.ProviderLimits;
import dev.sluice.processors.config.GatewayConfig.RedactionRules;
import dev.sluice.processors.config.GatewayConfig.Resilience;
import dev.sluice.processors.config.GatewayConfig.RoutingRules;
import dev.sluice.processors.config.GatewayConfig.Template;
import dev.sluice.processors.config.GatewayConfig.Tenant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the gateway configuration (YAML, see docs/configuration.md) and fails fast with the path of
 * the first wrong key. The version recorded in audit events is the SHA-256 of the file's bytes.
 */
public final class GatewayConfigLoader {

    public static final String DEFAULT_RESOURCE = "sluice/gateway-default.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Function<String, String> env;

    /** @param env where {@code signingKeyEnv} and similar names are looked up (System::getenv in production) */
    public GatewayConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public LoadedConfig load(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    public LoadedConfig loadDefault() {
        try (InputStream in = GatewayConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return parse(in.readAllBytes(), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    public LoadedConfig parse(byte[] bytes, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(origin + ": must be a YAML mapping");
        }
        try {
            return new LoadedConfig(gateway(root, version(bytes)), providers(root.path("providers")));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(origin + ": " + e.getMessage());
        }
    }

    private GatewayConfig gateway(JsonNode root, String version) {
        Map<String, Tenant> tenants = new LinkedHashMap<>();
        fields(root, "tenants").forEach((id, t) -> tenants.put(id, new Tenant(id, signingKey(id, t), strings(t, "departments"))));
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        fields(root, "models").forEach((id, m) -> models.put(id, new ModelSpec(id, text(m, "provider", "models." + id), m.path("providerModel").asText(null),
                text(m, "tier", "models." + id), strings(m, "regions"),
                Hosting.valueOf(m.path("hosting").asText("external").toUpperCase(Locale.ROOT)),
                m.path("inputPerMillion").asLong(0), m.path("cachedInputPerMillion").asLong(m.path("inputPerMillion").asLong(0)),
                m.path("cacheWritePerMillion").asLong(m.path("inputPerMillion").asLong(0)),
                m.path("outputPerMillion").asLong(0), m.path("batchDiscountPercent").asInt(0))));
        JsonNode policy = root.path("policy");
        PolicyRules policyRules = new PolicyRules(lists(policy.path("modelsByDomain")), lists(policy.path("modelsByCountry")),
                strings(policy, "blockedCountries"), policy.path("injectionThreshold").asDouble(0.7),
                policy.path("restrictedNeedsInternal").asBoolean(true), strings(policy, "rawTextForInternalDomains"),
                strings(policy, "approvalDomains"), strings(policy, "approvalUseCases"),
                Duration.ofMinutes(policy.path("approvalExpiryMinutes").asLong(24 * 60)),
                policy.path("injectionReviewThreshold").asDouble(policy.path("injectionThreshold").asDouble(0.7)),
                policy.path("answerLeaks").asText(PolicyRules.WITHHOLD));
        JsonNode routing = root.path("routing");
        Map<String, String> byComplexity = new LinkedHashMap<>();
        routing.path("tierByComplexity").fields().forEachRemaining(e -> byComplexity.put(e.getKey(), e.getValue().asText()));
        Map<String, String> escalation = new LinkedHashMap<>();
        routing.path("escalation").fields().forEachRemaining(e -> escalation.put(e.getKey(), e.getValue().asText()));
        RoutingRules routingRules = new RoutingRules(lists(routing.path("tiers")), byComplexity, routing.path("restrictedTier").asText(null),
                strings(routing, "fallbackTiers"), lists(routing.path("chainsByUseCase")), escalation,
                routing.path("escalateBelowConfidence").asDouble(escalation.isEmpty() ? 0.0 : 0.5));
        Map<String, Template> templates = new LinkedHashMap<>();
        fields(root, "templates").forEach((id, t) -> templates.put(id, new Template(id, t.path("version").asInt(1),
                t.path("system").asText(null), t.path("user").asText(null))));
        JsonNode classifier = root.path("classifier");
        ClassifierRules classifierRules = new ClassifierRules(lists(classifier.path("domains")), strings(classifier, "sensitiveTerms"),
                classifier.path("domainModel").asText(ClassifierRules.KEYWORDS), lists(classifier.path("domainExamples")),
                classifier.path("domainMinSimilarity").asDouble(0.3), lists(classifier.path("domainKinds")));
        JsonNode l = root.path("limits");
        Limits limits = new Limits(l.path("maxRecordBytes").asInt(262_144), l.path("maxPromptChars").asInt(100_000),
                Duration.ofHours(l.path("dedupWindowHours").asLong(168)), l.path("maxInflight").asInt(10_000),
                Duration.ofMillis(l.path("interactiveWindowMs").asLong(50)), Duration.ofMillis(l.path("batchWindowMs").asLong(500)),
                l.path("maxBatchSize").asInt(32), Duration.ofMillis(l.path("batchJobWindowMs").asLong(2_000)),
                Duration.ofMillis(l.path("batchJobPollMs").asLong(1_000)));
        JsonNode r = root.path("resilience");
        Resilience defaults = Resilience.defaults();
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        r.path("timeoutMsByUseCase").fields().forEachRemaining(e -> timeouts.put(e.getKey(), Duration.ofMillis(e.getValue().asLong())));
        Resilience resilience = new Resilience(r.path("retriesPerModel").asInt(defaults.retriesPerModel()),
                Duration.ofMillis(r.path("backoffInitialMs").asLong(defaults.backoffInitial().toMillis())),
                r.path("backoffMultiplier").asDouble(defaults.backoffMultiplier()), r.path("backoffJitter").asDouble(defaults.backoffJitter()),
                Duration.ofMillis(r.path("backoffMaxMs").asLong(defaults.backoffMax().toMillis())),
                (float) r.path("breakerFailureRatePercent").asDouble(defaults.breakerFailureRate()),
                r.path("breakerMinimumCalls").asInt(defaults.breakerMinimumCalls()), r.path("breakerWindowCalls").asInt(defaults.breakerWindow()),
                Duration.ofMillis(r.path("breakerOpenMs").asLong(defaults.breakerOpen().toMillis())),
                Duration.ofMillis(r.path("timeoutMs").asLong(defaults.defaultTimeout().toMillis())), timeouts);
        Map<String, ProviderLimits> providerLimits = new LinkedHashMap<>();
        fields(root, "providers").forEach((name, p) -> providerLimits.put(name, new ProviderLimits(p.path("requestsPerMinute").asInt(0),
                p.path("tokensPerMinute").asLong(0), p.path("maxConcurrent").asInt(10_000), p.path("batchApi").asBoolean(false))));
        JsonNode red = root.path("redaction");
        Map<String, byte[]> vaultKeys = new LinkedHashMap<>();
        red.path("vaultKeys").fields().forEachRemaining(e -> vaultKeys.put(e.getKey(), vaultKey(e.getKey(), e.getValue())));
        RedactionRules redaction = new RedactionRules(red.path("activeKey").asText(null), vaultKeys,
                new java.util.HashSet<>(strings(red, "lenientChecksums")));
        JsonNode b = root.path("budgets");
        List<GatewayConfig.Budget> budgets = new ArrayList<>();
        fields(b, "limits").forEach((id, budget) -> budgets.add(new GatewayConfig.Budget(id, text(budget, "tenant", "budgets.limits." + id),
                budget.path("department").asText(null), budget.path("useCase").asText(null), budget.path("environment").asText(null),
                GatewayConfig.BudgetPeriod.valueOf(text(budget, "period", "budgets.limits." + id).toUpperCase(Locale.ROOT)),
                budget.path("capMicros").asLong(0), budget.path("softLimitPercent").asInt(80))));
        Map<String, String> downgrade = new LinkedHashMap<>();
        b.path("downgrade").fields().forEachRemaining(e -> downgrade.put(e.getKey(), e.getValue().asText()));
        GatewayConfig.BudgetRules budgetRules = new GatewayConfig.BudgetRules(budgets, b.path("inputTokenMargin").asDouble(0.25), downgrade);
        JsonNode a = root.path("audit");
        Map<String, byte[]> auditKeys = new LinkedHashMap<>();
        a.path("signingKeys").fields().forEachRemaining(e -> auditKeys.put(e.getKey(), base64Key("audit.signingKeys." + e.getKey(), e.getValue())));
        GatewayConfig.AuditRules auditRules = new GatewayConfig.AuditRules(a.path("activeKey").asText(null), auditKeys);
        return new GatewayConfig(version, tenants, models, policyRules, routingRules, templates, classifierRules, limits,
                resilience, providerLimits, redaction, root.path("currency").asText("USD"), budgetRules, auditRules);
    }

    private byte[] vaultKey(String id, JsonNode node) {
        return base64Key("redaction.vaultKeys." + id, node);
    }

    /** A key given as base64, inline ({@code key}) or in an environment variable ({@code keyEnv}). */
    private byte[] base64Key(String path, JsonNode node) {
        String envName = node.path("keyEnv").asText(null);
        String encoded = envName != null ? env.apply(envName) : node.path("key").asText(null);
        if (encoded == null) {
            throw new IllegalArgumentException(path + ": needs key or keyEnv"
                    + (envName != null ? " (environment variable " + envName + " is not set)" : ""));
        }
        try {
            return java.util.Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + " is not base64");
        }
    }

    private Map<String, ProviderEndpoint> providers(JsonNode node) {
        Map<String, ProviderEndpoint> providers = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            providers.put(e.getKey(), new ProviderEndpoint(e.getKey(), p.path("kind").asText(ProviderEndpoint.OPENAI_COMPATIBLE),
                    p.path("baseUrl").asText(null), p.path("apiKeyEnv").asText(null), Duration.ofMillis(p.path("timeoutMs").asLong(30_000))));
        });
        return providers;
    }

    private byte[] signingKey(String tenant, JsonNode t) {
        String inline = t.path("signingKey").asText(null);
        String envName = t.path("signingKeyEnv").asText(null);
        String key = envName != null ? env.apply(envName) : inline;
        if (key == null) {
            throw new IllegalArgumentException("tenants." + tenant + ": needs signingKey or signingKeyEnv"
                    + (envName != null ? " (environment variable " + envName + " is not set)" : ""));
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, JsonNode> fields(JsonNode root, String name) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.path(name).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(path + "." + field + " is required");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Map<String, List<String>> lists(JsonNode node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            out.put(e.getKey(), values);
        });
        return out;
    }

    private static String version(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration is wrong; the message says where. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
