package dev.sluice.topology.config;

import dev.sluice.processors.config.GatewayConfig;
import java.util.Map;

/** The gateway configuration plus how to reach its providers, as read from one file. */
public record LoadedConfig(GatewayConfig gateway, Map<String, ProviderEndpoint> providers) {
    public LoadedConfig {
        providers = Map.copyOf(providers);
        for (var model : gateway.models().values()) {
            if (!providers.containsKey(model.provider())) {
                throw new IllegalArgumentException("model '" + model.id() + "' names unknown provider '" + model.provider() + "'");
            }
        }
    }

    /** True when no provider has an endpoint: the embedded default serves them all with the simulator. */
    public boolean needsSimulator() {
        return providers.values().stream().anyMatch(p -> !p.configured());
    }
}
