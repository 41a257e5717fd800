package dev.sluice.processors.price;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.schemas.avro.ModelPrice;
import dev.sluice.schemas.avro.PriceTable;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The versions of the price table this instance knows (from the prices control topic), and the
 * gateway configuration's prices for models no version lists. The version in force at a time is the
 * one with the latest {@code effectiveFrom} not after it. Thread-safe: the global store's processor
 * writes, the stream threads read.
 */
public final class PriceBook implements dev.sluice.processors.pipeline.ControlBook<PriceTable> {

    /** A model's prices and the version they come from. */
    public record Priced(String version, ModelPrice price) {
    }

    private final GatewayConfig config;
    private final ConcurrentNavigableMap<Instant, PriceTable> byStart = new ConcurrentSkipListMap<>();
    private final Map<String, Instant> starts = new ConcurrentHashMap<>();

    public PriceBook(GatewayConfig config) {
        this.config = config;
    }

    /** The version id of the configuration's own prices: "config-" and the configuration's version. */
    public String configVersion() {
        return "config-" + config.version();
    }

    /**
     * Adds or replaces a version.
     *
     * @return why the version was refused, or null when it was taken
     */
    @Override
    public synchronized String put(PriceTable table) {
        if (!config.currency().equals(table.getCurrency())) {
            return "price table " + table.getVersion() + " is in " + table.getCurrency() + ", the gateway prices in " + config.currency();
        }
        remove(table.getVersion());
        byStart.put(table.getEffectiveFrom(), table);
        starts.put(table.getVersion(), table.getEffectiveFrom());
        return null;
    }

    @Override
    public synchronized void remove(String version) {
        Instant start = starts.remove(version);
        if (start != null) {
            byStart.remove(start);
        }
    }

    /** The model's prices at {@code when}: from the version in force, or from the configuration when that version does not list the model. */
    public Priced at(String model, Instant when) {
        Map.Entry<Instant, PriceTable> current = byStart.floorEntry(when);
        if (current != null) {
            ModelPrice price = current.getValue().getModels().get(model);
            if (price != null) {
                return new Priced(current.getValue().getVersion(), price);
            }
        }
        return new Priced(configVersion(), Prices.of(config.model(model).orElseThrow(() -> new IllegalArgumentException("unknown model " + model))));
    }
}
