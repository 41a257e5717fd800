package dev.sluice.processors.template;

import dev.sluice.schemas.avro.TemplateVersion;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global template store and this instance's {@link TemplateBook} in step with the templates control topic. */
public final class TemplateRegistryProcessor implements Processor<String, TemplateVersion, Void, Void> {

    private final TemplateBook book;
    private final String storeName;
    private KeyValueStore<String, TemplateVersion> store;

    public TemplateRegistryProcessor(TemplateBook book, String storeName) {
        this.book = book;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        try (var all = store.all()) {
            all.forEachRemaining(entry -> book.put(entry.value));
        }
    }

    @Override
    public void process(Record<String, TemplateVersion> record) {
        if (record.value() == null) {
            return; // versions are retired, never deleted: the audit trail keeps citing them
        }
        store.put(record.key(), record.value());
        book.put(record.value());
    }
}
