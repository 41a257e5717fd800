package dev.sluice.processors.price;

import dev.sluice.schemas.avro.PriceTable;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global price-table store and this instance's {@link PriceBook} in step with the prices
 * control topic (keyed by version; a null value retires a version). On start the book is filled from
 * the restored store.
 */
public final class PriceTableProcessor implements Processor<String, PriceTable, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(PriceTableProcessor.class);
    private final PriceBook book;
    private final String storeName;
    private KeyValueStore<String, PriceTable> store;

    public PriceTableProcessor(PriceBook book, String storeName) {
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
    public void process(Record<String, PriceTable> record) {
        if (record.value() == null) {
            store.delete(record.key());
            book.remove(record.key());
            LOG.info("price table {} retired", record.key());
            return;
        }
        store.put(record.key(), record.value());
        take(record.value());
    }

    private void take(PriceTable table) {
        String refused = book.put(table);
        if (refused != null) {
            LOG.error("{}: ignored", refused);
        } else {
            LOG.info("price table {} in force from {} ({} models)", table.getVersion(), table.getEffectiveFrom(), table.getModels().size());
        }
    }
}
