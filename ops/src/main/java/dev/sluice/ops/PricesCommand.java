package dev.sluice.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.ModelPrice;
import dev.sluice.schemas.avro.PriceTable;
import dev.sluice.topology.Topics;
import dev.sluice.topology.config.GatewayConfigLoader;
import dev.sluice.topology.config.SluiceConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice prices publish FILE} and {@code sluice prices list}: versions of the price table on
 * the prices control topic (docs/budgets.md, "The price table"). A published version and the audit
 * event recording who published it are written in one Kafka transaction.
 */
@Command(name = "prices", mixinStandardHelpOptions = true, description = "Publish and list versions of the price table (a control topic).",
        subcommands = {PricesCommand.Publish.class, PricesCommand.ListVersions.class})
public final class PricesCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static GatewayConfig gateway(SluiceConfig config) throws IOException {
        String path = config.getString(SluiceConfig.GATEWAY_CONFIG);
        GatewayConfigLoader loader = new GatewayConfigLoader(System::getenv);
        return (path.isBlank() ? loader.loadDefault() : loader.load(Path.of(path))).gateway();
    }

    /**
     * Reads a price table file (YAML or JSON): {@code version}, {@code effectiveFrom}, {@code currency}
     * and {@code models.<id>} with the per-million prices. Checked against the gateway: its currency,
     * known models, no negative price, a discount within 0..100. Cached input and cache writes default
     * to the input price, reasoning to the output price.
     */
    static PriceTable read(Path file, GatewayConfig gateway, String changedBy, String note, String versionOverride, Instant fromOverride) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        String version = versionOverride != null ? versionOverride : root.path("version").asText("");
        if (version.isBlank()) {
            throw new IllegalArgumentException(file + ": version is required (in the file or --version)");
        }
        Instant from;
        try {
            from = fromOverride != null ? fromOverride : Instant.parse(root.path("effectiveFrom").asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": effectiveFrom must be an instant such as 2026-12-01T00:00:00Z (in the file or --effective-from)");
        }
        String currency = root.path("currency").asText(gateway.currency());
        if (!currency.equals(gateway.currency())) {
            throw new IllegalArgumentException(file + ": currency " + currency + " is not the gateway's " + gateway.currency());
        }
        Map<String, ModelPrice> models = new TreeMap<>();
        var fields = root.path("models").fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            String model = entry.getKey();
            if (gateway.model(model).isEmpty()) {
                throw new IllegalArgumentException(file + ": models." + model + " is not a configured model");
            }
            JsonNode m = entry.getValue();
            long input = price(m, "inputPerMillion", -1, file, model);
            if (input < 0) {
                throw new IllegalArgumentException(file + ": models." + model + ".inputPerMillion is required");
            }
            long output = price(m, "outputPerMillion", -1, file, model);
            if (output < 0) {
                throw new IllegalArgumentException(file + ": models." + model + ".outputPerMillion is required");
            }
            int discount = m.path("batchDiscountPercent").asInt(0);
            if (discount < 0 || discount > 100) {
                throw new IllegalArgumentException(file + ": models." + model + ".batchDiscountPercent must be within 0..100");
            }
            models.put(model, new ModelPrice(input, price(m, "cachedInputPerMillion", input, file, model), price(m, "cacheWritePerMillion", input, file, model),
                    output, price(m, "reasoningPerMillion", output, file, model), discount));
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException(file + ": models must list at least one model");
        }
        return new PriceTable(version, from, currency, models, changedBy, note);
    }

    private static long price(JsonNode m, String field, long otherwise, Path file, String model) {
        if (!m.has(field)) {
            return otherwise;
        }
        long value = m.path(field).asLong(-1);
        if (value < 0) {
            throw new IllegalArgumentException(file + ": models." + model + "." + field + " must be a non-negative integer");
        }
        return value;
    }

    /** The audit event that records a published version. */
    static AuditEvent audited(PriceTable table, String topic, String configVersion, Instant now) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("version", table.getVersion());
        attributes.put("effectiveFrom", table.getEffectiveFrom().toString());
        attributes.put("currency", table.getCurrency());
        attributes.put("changedBy", table.getChangedBy());
        attributes.put("models", String.join(",", table.getModels().keySet()));
        if (table.getNote() != null) {
            attributes.put("note", table.getNote());
        }
        return ControlPublisher.audit("price-table/" + table.getVersion(), "PRICE_TABLE_PUBLISHED", attributes, topic, configVersion, now);
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Publish a version of the price table from a YAML or JSON file; it prices calls from its effectiveFrom on.")
    static final class Publish implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Parameters(index = "0", description = "Price table file: version, effectiveFrom, currency, models.<id>.{inputPerMillion, ...}")
        Path file;

        @Mixin
        ControlPublisher.Change change;

        @Option(names = "--version", description = "Version id, instead of the file's.")
        String version;

        @Option(names = "--effective-from", description = "From when it prices calls (2026-12-01T00:00:00Z), instead of the file's.")
        Instant effectiveFrom;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            GatewayConfig gateway = gateway(config);
            PriceTable table;
            try {
                table = read(file, gateway, change.changedBy, change.note, version, effectiveFrom);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            Topics topics = ApprovalsCommand.topics(config);
            ControlPublisher.publish(common, config, topics, topics.prices(), table.getVersion(), table,
                    audited(table, topics.prices().name(), gateway.version(), Instant.now()));
            System.out.printf(Locale.ROOT, "Published price table %s (%d models, in force from %s), audited as PRICE_TABLE_PUBLISHED by %s%n",
                    table.getVersion(), table.getModels().size(), table.getEffectiveFrom(), table.getChangedBy());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the published versions of the price table, the one in force marked.")
    static final class ListVersions implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            Map<String, PriceTable> versions = ControlPublisher.latest(common, config, ApprovalsCommand.topics(config).prices());
            PriceTable inForce = ControlPublisher.inForce(versions.values(), PriceTable::getEffectiveFrom, Instant.now());
            System.out.printf(Locale.ROOT, "%-3s %-20s %-22s %-8s %-24s %s%n", "", "version", "effective from", "currency", "changed by", "models");
            versions.values().stream().sorted(java.util.Comparator.comparing(PriceTable::getEffectiveFrom)).forEach(t ->
                    System.out.printf(Locale.ROOT, "%-3s %-20s %-22s %-8s %-24s %s%n", t == inForce ? "*" : "", t.getVersion(), t.getEffectiveFrom(),
                            t.getCurrency(), t.getChangedBy(), String.join(",", t.getModels().keySet())));
            if (inForce == null) {
                System.out.println("No published version is in force: the gateway configuration's prices apply.");
            }
            return 0;
        }
    }
}
