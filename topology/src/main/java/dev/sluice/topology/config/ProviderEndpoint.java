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

    public ProviderEndpoint {
        if (!OPENAI_COMPATIBLE.equals(kind)) {
            throw new IllegalArgumentException("provider '" + name + "' has unsupported kind '" + kind + "'; supported: " + OPENAI_COMPATIBLE);
        }
    }

    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    public ProviderEndpoint withBaseUrl(String url) {
        return new ProviderEndpoint(name, kind, url, apiKeyEnv, timeout);
    }
}
