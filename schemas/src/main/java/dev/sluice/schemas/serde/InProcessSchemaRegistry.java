package dev.sluice.schemas.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A schema registry that lives in the JVM, for the embedded default and the tests.
 *
 * <p>It is seeded from {@code sluice/registry/seed.txt} on the classpath: every released schema
 * version with a fixed id, so that separate processes (the pipeline, {@code sluice submit},
 * {@code sluice results}) agree on ids without talking to each other. Schemas registered at run time
 * get process-local ids from {@value #FIRST_LOCAL_ID} on and are therefore only readable by the
 * same process; production deployments use a shared registry instead.
 */
public final class InProcessSchemaRegistry implements SchemaRegistry {

    static final int FIRST_LOCAL_ID = 100_000;
    private static final String SEED = "sluice/registry/seed.txt";

    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, Integer> idByKey = new ConcurrentHashMap<>();
    private final AtomicInteger nextLocalId = new AtomicInteger(FIRST_LOCAL_ID);

    private InProcessSchemaRegistry() {
    }

    /** A registry holding every released Sluice schema under its released id. */
    public static InProcessSchemaRegistry seeded() {
        InProcessSchemaRegistry registry = new InProcessSchemaRegistry();
        for (SeedEntry entry : readSeed()) {
            registry.put(entry.id(), entry.subject(), entry.schema());
        }
        return registry;
    }

    /** An empty registry (tests of registration behaviour). */
    public static InProcessSchemaRegistry empty() {
        return new InProcessSchemaRegistry();
    }

    @Override
    public int register(String subject, Schema schema) {
        return idByKey.computeIfAbsent(key(subject, schema), k -> {
            int id = nextLocalId.getAndIncrement();
            byId.put(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("no schema with id " + id + " in the in-process registry");
        }
        return schema;
    }

    private void put(int id, String subject, Schema schema) {
        if (byId.putIfAbsent(id, schema) != null) {
            throw new IllegalStateException("duplicate schema id " + id + " in " + SEED);
        }
        idByKey.put(key(subject, schema), id);
    }

    private static String key(String subject, Schema schema) {
        // Parsing canonical form ignores docs and defaults: the same wire shape gets the same id.
        return subject + '\n' + SchemaNormalization.parsingFingerprint64(schema);
    }

    /** One line of the seed file: {@code id subject resource}. */
    public record SeedEntry(int id, String subject, String resource, Schema schema) {
    }

    /** The released schema versions, in id order, as listed on the classpath. */
    public static java.util.List<SeedEntry> readSeed() {
        ClassLoader loader = InProcessSchemaRegistry.class.getClassLoader();
        java.util.List<SeedEntry> entries = new java.util.ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException(SEED + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                if (parts.length != 3) {
                    throw new IllegalStateException("bad line in " + SEED + ": " + line);
                }
                String resource = "sluice/registry/" + parts[2];
                try (InputStream schemaIn = loader.getResourceAsStream(resource)) {
                    if (schemaIn == null) {
                        throw new IllegalStateException(resource + " named in " + SEED + " is missing");
                    }
                    Schema schema = new Schema.Parser().parse(schemaIn);
                    entries.add(new SeedEntry(Integer.parseInt(parts[0]), parts[1], resource, schema));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
