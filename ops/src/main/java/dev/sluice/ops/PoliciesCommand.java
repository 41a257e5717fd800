package dev.sluice.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.config.PolicyBook;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.PolicyVersion;
import dev.sluice.topology.Topics;
import dev.sluice.topology.config.SluiceConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice policies publish FILE} and {@code sluice policies list}: policy versions on the
 * policies control topic, reloaded by the running pipeline; every policy decision cites the version
 * that made it (docs/audit.md, "Policies").
 */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "Publish and list versions of the policy (a control topic, reloaded while running).",
        subcommands = {PoliciesCommand.Publish.class, PoliciesCommand.ListVersions.class})
public final class PoliciesCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Map<String, List<String>> lists(JsonNode node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), strings(e.getValue())));
        return out;
    }

    /**
     * Reads a policy file: {@code version}, {@code effectiveFrom} and the keys of the gateway's
     * {@code policy} section; checked as the pipeline will check it (known models, ranges).
     */
    static PolicyVersion read(Path file, GatewayConfig gateway, String changedBy, String note) throws java.io.IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        String version = root.path("version").asText("");
        if (version.isBlank()) {
            throw new IllegalArgumentException(file + ": version is required");
        }
        Instant from;
        try {
            from = Instant.parse(root.path("effectiveFrom").asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": effectiveFrom must be an instant such as 2026-12-01T00:00:00Z");
        }
        PolicyVersion policy = PolicyVersion.newBuilder().setVersion(version).setEffectiveFrom(from)
                .setModelsByDomain(lists(root.path("modelsByDomain"))).setModelsByCountry(lists(root.path("modelsByCountry")))
                .setBlockedCountries(strings(root.path("blockedCountries"))).setInjectionThreshold(root.path("injectionThreshold").asDouble(0.7))
                .setInjectionReviewThreshold(root.hasNonNull("injectionReviewThreshold") ? root.get("injectionReviewThreshold").asDouble() : null)
                .setAnswerLeaks(root.hasNonNull("answerLeaks") ? root.get("answerLeaks").asText() : null)
                .setRestrictedNeedsInternal(root.path("restrictedNeedsInternal").asBoolean(true))
                .setRawTextForInternalDomains(strings(root.path("rawTextForInternalDomains"))).setApprovalDomains(strings(root.path("approvalDomains")))
                .setApprovalUseCases(strings(root.path("approvalUseCases"))).setApprovalExpiryMinutes(root.path("approvalExpiryMinutes").asLong(1440))
                .setChangedBy(changedBy).setNote(note).build();
        String refused = new PolicyBook(gateway).put(policy);
        if (refused != null) {
            throw new IllegalArgumentException(file + ": " + refused);
        }
        return policy;
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish a policy version; the running pipeline decides by it from its effectiveFrom on.")
    static final class Publish implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Parameters(index = "0", description = "Policy file: version, effectiveFrom and the keys of the gateway's policy section.")
        Path file;

        @Mixin
        ControlPublisher.Change change;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            GatewayConfig gateway = PricesCommand.gateway(config);
            PolicyVersion policy;
            try {
                policy = read(file, gateway, change.changedBy, change.note);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            Topics topics = ApprovalsCommand.topics(config);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("version", policy.getVersion());
            attributes.put("effectiveFrom", policy.getEffectiveFrom().toString());
            attributes.put("changedBy", change.changedBy);
            if (change.note != null) {
                attributes.put("note", change.note);
            }
            Instant now = Instant.now();
            AuditEvent audit = ControlPublisher.audit("policy/" + policy.getVersion(), "POLICY_PUBLISHED", attributes, topics.policies().name(),
                    gateway.version(), now);
            ControlPublisher.publish(common, config, topics, topics.policies(), policy.getVersion(), policy, audit);
            System.out.printf(Locale.ROOT, "Published policy %s (in force from %s), audited as POLICY_PUBLISHED by %s%n", policy.getVersion(),
                    policy.getEffectiveFrom(), change.changedBy);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the published policy versions, the one in force marked.")
    static final class ListVersions implements Callable<Integer> {
        @Mixin
        SluiceCli.Common common;

        @Override
        public Integer call() throws Exception {
            SluiceConfig config = common.config(Map.of());
            Topics topics = ApprovalsCommand.topics(config);
            Map<String, PolicyVersion> versions = ControlPublisher.latest(common, config, topics.policies());
            PolicyVersion inForce = ControlPublisher.inForce(versions.values(), PolicyVersion::getEffectiveFrom, Instant.now());
            versions.values().stream().sorted(Comparator.comparing(PolicyVersion::getEffectiveFrom)).forEach(v ->
                    System.out.printf(Locale.ROOT, "%-3s %-24s from %-22s by %s%n", v == inForce ? "*" : "", v.getVersion(), v.getEffectiveFrom(), v.getChangedBy()));
            if (inForce == null) {
                System.out.println("No published version is in force: the gateway configuration's policy decides.");
            }
            return 0;
        }
    }
}
