package dev.sluice.topology.config;

import java.time.Duration;

/**
 * How to reach one provider.
 *
 * @param baseUrl   server root; null means "not configured": the embedded default answers with the simulator
 * @param apiKeyEnv environment variable holding the API key, or null
 */
public record ProviderEndpoint(String name, String kind, String baseUrl, String apiKeyEnv, Duration timeout) {
    public static final String OPENAI_COMPATIBLE = "openai-compatible";
    public static final String ANTHROPIC = "anthropic";
    public static final String GEMINI = "gemini";

    public ProviderEndpoint {
        if (!java.util.List.of(OPENAI_COMPATIBLE, ANTHROPIC, GEMINI).contains(kind)) {
            throw new IllegalArgumentException("provider '" + name + "' has unsupported kind '" + kind + "'; supported: "
                    + OPENAI_COMPATIBLE + ", " + ANTHROPIC + ", " + GEMINI);
        }
    }

    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    public ProviderEndpoint withBaseUrl(String url) {
        return new ProviderEndpoint(name, kind, url, apiKeyEnv, timeout);
    }
}
