package dev.sluice.processors.config;

import dev.sluice.schemas.avro.PolicyVersion;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the global policy store and this instance's {@link PolicyBook} in step with the policies control topic; a null value retires a version. */
public final class PolicyVersionProcessor implements Processor<String, PolicyVersion, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyVersionProcessor.class);
    private final PolicyBook book;
    private final String storeName;
    private KeyValueStore<String, PolicyVersion> store;

    public PolicyVersionProcessor(PolicyBook book, String storeName) {
        this.book = book;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        try (var all = store.all()) {
            all.forEachRemaining(entry -> take(entry.value));
        }
    }

    @Override
    public void process(Record<String, PolicyVersion> record) {
        if (record.value() == null) {
            store.delete(record.key());
            book.remove(record.key());
            return;
        }
        store.put(record.key(), record.value());
        take(record.value());
    }

    private void take(PolicyVersion version) {
        String refused = book.put(version);
        if (refused != null) {
            LOG.error("{}: ignored", refused);
        } else {
            LOG.info("policy {} in force from {}", version.getVersion(), version.getEffectiveFrom());
        }
    }
}
