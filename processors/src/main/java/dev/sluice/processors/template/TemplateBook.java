package dev.sluice.processors.template;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.schemas.avro.RejectReason;
import dev.sluice.schemas.avro.TemplateState;
import dev.sluice.schemas.avro.TemplateVersion;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The template versions this instance knows: the gateway configuration's templates (approved, their
 * author "configuration") and the versions of the templates control topic, which override a
 * configured version with the same id and version. Only an APPROVED version renders a request; a
 * request without a version gets the highest approved one. Thread-safe: the global store's processor
 * writes, the stream threads read.
 */
public final class TemplateBook implements dev.sluice.processors.pipeline.ControlBook<TemplateVersion> {

    /** A template version to render, or why the request is refused. */
    public record Lookup(TemplateVersion version, RejectReason refusal, String detail) {
        static Lookup found(TemplateVersion version) {
            return new Lookup(version, null, null);
        }

        static Lookup refused(RejectReason reason, String detail) {
            return new Lookup(null, reason, detail);
        }
    }

    private final Map<String, NavigableMap<Integer, TemplateVersion>> byId = new ConcurrentHashMap<>();

    public TemplateBook(GatewayConfig config) {
        config.templates().values().forEach(t -> put(new TemplateVersion(t.id(), t.version(), TemplateState.APPROVED, t.system(), t.user(),
                "configuration", "configuration", "configuration", Instant.EPOCH, "from the gateway configuration " + config.version())));
    }

    @Override
    public String put(TemplateVersion version) {
        byId.computeIfAbsent(version.getId(), id -> new ConcurrentSkipListMap<>()).put(version.getVersion(), version);
        return null;
    }

    /**
     * Deletes a version (a tombstone for {@code id@version} on the control topic). Sluice's own tools
     * never do: they retire versions, which the audit trail keeps citing.
     */
    @Override
    public void remove(String key) {
        int at = key.lastIndexOf('@');
        if (at > 0) {
            NavigableMap<Integer, TemplateVersion> versions = byId.get(key.substring(0, at));
            if (versions != null) {
                try {
                    versions.remove(Integer.parseInt(key.substring(at + 1)));
                } catch (NumberFormatException notAVersion) {
                    // not a key this book wrote
                }
            }
        }
    }

    public Lookup lookup(String id, Integer version) {
        NavigableMap<Integer, TemplateVersion> versions = byId.get(id);
        if (versions == null || versions.isEmpty()) {
            return Lookup.refused(RejectReason.UNKNOWN_TEMPLATE, "template '" + id + "' is not registered");
        }
        if (version == null) {
            for (TemplateVersion v : versions.descendingMap().values()) {
                if (v.getState() == TemplateState.APPROVED) {
                    return Lookup.found(v);
                }
            }
            return Lookup.refused(RejectReason.TEMPLATE_NOT_APPROVED, "template '" + id + "' has no approved version");
        }
        TemplateVersion v = versions.get(version);
        if (v == null) {
            return Lookup.refused(RejectReason.UNKNOWN_TEMPLATE, "template '" + id + "' has no version " + version + " (versions " + versions.keySet() + ")");
        }
        return switch (v.getState()) {
            case APPROVED -> Lookup.found(v);
            case DRAFT -> Lookup.refused(RejectReason.TEMPLATE_NOT_APPROVED, "template '" + id + "@" + version + "' is a draft by " + v.getAuthor()
                    + " and has not been approved");
            case RETIRED -> Lookup.refused(RejectReason.TEMPLATE_RETIRED, "template '" + id + "@" + version + "' was retired by " + v.getChangedBy()
                    + " on " + v.getChangedAt() + (v.getNote() == null ? "" : " (" + v.getNote() + ")"));
        };
    }
}
