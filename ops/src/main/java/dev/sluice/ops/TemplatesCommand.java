package dev.sluice.ops;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.TemplateState;
import dev.sluice.schemas.avro.TemplateVersion;
import dev.sluice.schemas.serde.InProcessSchemaRegistry;
import dev.sluice.topology.Topics;
import dev.sluice.topology.config.SluiceConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * {@code sluice templates list | draft | approve | retire}: the prompt template registry on the
 * templates control topic (docs/audit.md, "Prompt templates"). Every change is written with its
 * audit event in one Kafka transaction; an approval by the version's own author is refused.
 */
@Command(name = "templates", mixinStandardHelpOptions = true, description = "Manage versioned prompt templates: draft, approve (four eyes), retire, list.",
        subcommands = {TemplatesCommand.ListVersions.class, TemplatesCommand.Draft.class, TemplatesCommand.Approve.class, TemplatesCommand.Retire.class})
public final class TemplatesCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static String key(String id, int version) {
        return id + "@" + version;
    }

    /** The registry as the topic holds it, with the configured templates as approved versions under it. */
    static Map<String, TemplateVersion> registry(SluiceCli.Common common, SluiceConfig config, GatewayConfig gateway) throws Exception {
        Map<String, TemplateVersion> versions = new TreeMap<>();
        gateway.templates().values().forEach(t -> versions.put(key(t.id(), t.version()), new TemplateVersion(t.id(), t.version(), TemplateState.APPROVED,
                t.system(), t.user(), "configuration", "configuration", "configuration", Instant.EPOCH, null)));
        versions.putAll(ControlPublisher.latest(common, config, ApprovalsCommand.topics(config).templates()));
        return versions;
    }

    /** Writes the version and its audit event in one transaction. */
    static void publish(SluiceCli.Common common, SluiceConfig config, GatewayConfig gateway, TemplateVersion version, String decision) throws Exception {
        Topics topics = Topics.create(config.getString(SluiceConfig.TOPIC_PREFIX), InProcessSchemaRegistry.seeded());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("template", key(version.getId(), version.getVersion()));
        attributes.put("state", version.getState().name());
        attributes.put("author", version.getAuthor());
        attributes.put("changedBy", version.getChangedBy());
        if (version.getApprover() != null) {
            attributes.put("approver", version.getApprover());
        }
        if (version.getNote() != null) {
            attributes.put("note", version.getNote());
        }
        AuditEvent audit = ControlPublisher.audit("template/" + key(version.getId(), version.getVersion()), decision, attributes, topics.templates().name(),
                gateway.version(), version.getChangedAt());
        ControlPublisher.publish(common, config, topics, topics.templates(), key(version.getId(), version.getVersion()), version, audit);
    }

    /**
     * The next state of a version, or why the change is refused.
     *
     * @return the new version record; throws IllegalArgumentException with the reason
     */
    static TemplateVersion change(TemplateVersion current, TemplateState to, String who, String note, Instant now) {
        if (current == null) {
            throw new IllegalArgumentException("no such template version");
        }
        if (to == TemplateState.APPROVED) {
            if (current.getState() != TemplateState.DRAFT) {
                throw new IllegalArgumentException(key(current.getId(), current.getVersion()) + " is " + current.getState() + ", only a draft can be approved");
            }
            if (current.getAuthor().equals(who)) {
                throw new IllegalArgumentException("four eyes: " + who + " wrote " + key(current.getId(), current.getVersion()) + " and cannot approve it");
            }
            return TemplateVersion.newBuilder(current).setState(TemplateState.APPROVED).setApprover(who).setChangedBy(who).setChangedAt(now).setNote(note).build();
        }
        if (current.getState() == TemplateState.RETIRED) {
            throw new IllegalArgumentException(key(current.getId(), current.getVersion()) + " is already retired");
        }
        return TemplateVersion.newBuilder(current).setState(TemplateState.RETIRED).setChangedBy(who).setChangedAt(now).setNote(note).build();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every template version with its state, author and approver.")
    static final class ListVersions implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            GatewayConfig gateway = PricesCommand.gateway(config);
            System.out.printf(Locale.ROOT, "%-28s %-9s %-24s %-24s %s%n", "template", "state", "author", "approver", "changed");
            for (TemplateVersion v : registry(common, config, gateway).values()) {
                System.out.printf(Locale.ROOT, "%-28s %-9s %-24s %-24s %s by %s%n", key(v.getId(), v.getVersion()), v.getState(), v.getAuthor(),
                        v.getApprover() == null ? "-" : v.getApprover(), v.getChangedAt(), v.getChangedBy());
            }
            return 0;
        }
    }

    @Command(name = "draft", mixinStandardHelpOptions = true, description = "Write a new version as a draft (usable once someone else approves it).")
    static final class Draft implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Parameters(index = "0", description = "Template id.")
        String id;

        @Option(names = "--version", required = true, description = "The new version number.")
        int version;

        @Option(names = "--user", required = true, description = "User message with {{placeholders}}.")
        String user;

        @Option(names = "--system", description = "System message with {{placeholders}}.")
        String system;

        @Option(names = "--author", required = true, description = "Who writes it.")
        String author;

        @Option(names = "--note", description = "Why, for the audit trail.")
        String note;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            GatewayConfig gateway = PricesCommand.gateway(config);
            if (version < 1 || registry(common, config, gateway).containsKey(key(id, version))) {
                System.err.println(key(id, version) + " exists already (or the version is below 1): versions are never rewritten, draft a new one");
                return 2;
            }
            TemplateVersion draft = new TemplateVersion(id, version, TemplateState.DRAFT, system, user, author, null, author, Instant.now(), note);
            publish(common, config, gateway, draft, "TEMPLATE_DRAFTED");
            System.out.printf(Locale.ROOT, "%s drafted by %s; it renders requests once someone else approves it%n", key(id, version), author);
            return 0;
        }
    }

    /** approve and retire: a state change of an existing version. */
    abstract static class Change implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Parameters(index = "0", description = "Template id@version.")
        String version;

        @Option(names = "--note", description = "Why, for the audit trail.")
        String note;

        abstract TemplateState to();

        abstract String who();

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            GatewayConfig gateway = PricesCommand.gateway(config);
            TemplateVersion next;
            try {
                next = change(registry(common, config, gateway).get(version), to(), who(), note, Instant.now());
            } catch (IllegalArgumentException e) {
                System.err.println(version + ": " + e.getMessage());
                return 2;
            }
            publish(common, config, gateway, next, to() == TemplateState.APPROVED ? "TEMPLATE_APPROVED" : "TEMPLATE_RETIRED");
            System.out.printf(Locale.ROOT, "%s %s by %s%n", version, to() == TemplateState.APPROVED ? "approved" : "retired", who());
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a draft (not your own).")
    static final class Approve extends Change {
        @Option(names = "--approver", required = true, description = "Who approves.")
        String approver;

        @Override
        TemplateState to() {
            return TemplateState.APPROVED;
        }

        @Override
        String who() {
            return approver;
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true, description = "Retire a version: requests citing it are refused from then on.")
    static final class Retire extends Change {
        @Option(names = "--by", required = true, description = "Who retires it.")
        String by;

        @Override
        TemplateState to() {
            return TemplateState.RETIRED;
        }

        @Override
        String who() {
            return by;
        }
    }
}
