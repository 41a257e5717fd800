package dev.sluice.processors.pipeline;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a control topic's global store and its {@link ControlBook} in step: every record goes to
 * both, a tombstone retires the version, and on start the book is filled from the restored store.
 * A version the book refuses is logged and ignored.
 */
public final class ControlRecordProcessor<V> implements Processor<String, V, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ControlRecordProcessor.class);
    private final ControlBook<V> book;
    private final String storeName;
    private KeyValueStore<String, V> store;

    public ControlRecordProcessor(ControlBook<V> book, String storeName) {
        this.book = book;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        try (var all = store.all()) {
            all.forEachRemaining(entry -> take(entry.key, entry.value));
        }
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.value() == null) {
            store.delete(record.key());
            book.remove(record.key());
            LOG.info("{} {} retired", storeName, record.key());
            return;
        }
        store.put(record.key(), record.value());
        take(record.key(), record.value());
    }

    private void take(String key, V value) {
        String refused = book.put(value);
        if (refused != null) {
            LOG.error("{}: ignored", refused);
        } else {
            LOG.info("{} {} taken", storeName, key);
        }
    }
}
