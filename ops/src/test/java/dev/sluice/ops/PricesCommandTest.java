package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.avro.PriceTable;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and checking a price table file before it is published. */
class PricesCommandTest {

    private final dev.sluice.processors.config.GatewayConfig gateway = new GatewayConfigLoader(System::getenv).loadDefault().gateway();

    @Test
    void shouldReadAPriceTableAndFillTheDefaultRates(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, """
                version: 2026-12-01
                effectiveFrom: 2026-12-01T00:00:00Z
                currency: USD
                models:
                  gpt-4o-mini: {inputPerMillion: 160000, outputPerMillion: 640000, batchDiscountPercent: 50}
                  claude-sonnet: {inputPerMillion: 3000000, cachedInputPerMillion: 300000, cacheWritePerMillion: 3750000, outputPerMillion: 15000000, reasoningPerMillion: 15000000}
                """);
        PriceTable table = PricesCommand.read(file, gateway, "finops", "December list prices", null, null);
        assertThat(table.getVersion()).isEqualTo("2026-12-01");
        assertThat(table.getEffectiveFrom()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        var mini = table.getModels().get("gpt-4o-mini");
        assertThat(mini.getCachedInputPerMillion()).as("cached input defaults to input").isEqualTo(160_000L);
        assertThat(mini.getCacheWritePerMillion()).isEqualTo(160_000L);
        assertThat(mini.getReasoningPerMillion()).as("reasoning defaults to output").isEqualTo(640_000L);
        assertThat(mini.getBatchDiscountPercent()).isEqualTo(50);
        assertThat(table.getModels().get("claude-sonnet").getCacheWritePerMillion()).isEqualTo(3_750_000L);
        var audited = PricesCommand.audited(table, "sluice.control.prices", gateway.version(), Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(audited.getDecision()).isEqualTo("PRICE_TABLE_PUBLISHED");
        assertThat(audited.getAttributes()).containsEntry("changedBy", "finops").containsEntry("models", "claude-sonnet,gpt-4o-mini")
                .containsEntry("note", "December list prices");
    }

    @Test
    void shouldRefuseWhatWouldMispriceCalls(@TempDir Path dir) throws Exception {
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "version: v1\neffectiveFrom: 2026-12-01T00:00:00Z\nmodels:\n  gpt-5: {inputPerMillion: 1, outputPerMillion: 1}\n");
        assertThatThrownBy(() -> PricesCommand.read(unknown, gateway, "x", null, null, null)).hasMessageContaining("models.gpt-5 is not a configured model");
        Path currency = dir.resolve("currency.yaml");
        Files.writeString(currency, "version: v1\neffectiveFrom: 2026-12-01T00:00:00Z\ncurrency: EUR\nmodels:\n  gpt-4o: {inputPerMillion: 1, outputPerMillion: 1}\n");
        assertThatThrownBy(() -> PricesCommand.read(currency, gateway, "x", null, null, null)).hasMessageContaining("currency EUR is not the gateway's USD");
        Path negative = dir.resolve("negative.yaml");
        Files.writeString(negative, "version: v1\neffectiveFrom: 2026-12-01T00:00:00Z\nmodels:\n  gpt-4o: {inputPerMillion: -5, outputPerMillion: 1}\n");
        assertThatThrownBy(() -> PricesCommand.read(negative, gateway, "x", null, null, null)).hasMessageContaining("inputPerMillion must be a non-negative integer");
        Path noDate = dir.resolve("nodate.yaml");
        Files.writeString(noDate, "version: v1\nmodels:\n  gpt-4o: {inputPerMillion: 1, outputPerMillion: 1}\n");
        assertThatThrownBy(() -> PricesCommand.read(noDate, gateway, "x", null, null, null)).hasMessageContaining("effectiveFrom must be an instant");
    }
}
