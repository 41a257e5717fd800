package dev.sluice.ops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.ops.BadInputException;
import dev.sluice.processors.classify.Classifier;
import dev.sluice.processors.classify.InjectionDetector;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.processors.redact.PiiType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice eval certify}: every labelled set a manifest names, measured with the detectors the gateway
 * configuration builds, and each set's targets checked (docs/evaluation.md#re-certifying-the-detectors). A set marked
 * {@code gate: true} must meet its targets for the detectors to be certified; the others are reported beside them, so
 * that what is not met stays in view. The report names every file by its SHA-256 and the injection model by its own,
 * so that an auditor can tell what was measured.
 */
public final class Certification {

    /**
     * What a set holds: presidio-research PII records, labelled injection texts, prompts labelled with their business domain,
     * or answers labelled as leaking what their instructions protect.
     */
    public enum Kind {
        PII(Set.of("precision", "recall", "f2")), INJECTION(Set.of("recall", "fpr")), DOMAINS(Set.of("accuracy", "precision", "recall")),
        LEAKS(Set.of("precision", "recall"));

        final Set<String> metrics;

        Kind(Set<String> metrics) {
            this.metrics = metrics;
        }
    }

    /**
     * One figure a set must reach: {@code metric} of {@code entity} (a PII type, or null for the set as a whole) at
     * least (or at most) {@code bound}.
     */
    public record Target(String metric, String entity, boolean atLeast, double bound) {

        String name() {
            return entity == null ? metric : metric + "." + entity;
        }

        String condition() {
            return (atLeast ? ">= " : "<= ") + format(bound);
        }

        boolean metBy(double value) {
            return !Double.isNaN(value) && (atLeast ? value >= bound : value <= bound);
        }
    }

    /** A labelled set of the manifest; {@code files} are read as one set. */
    public record EvalSet(String name, Kind kind, List<Path> files, boolean gate, String region, String note, List<Target> targets) {
    }

    /** A target and the figure the set gave (NaN when the set cannot give it: no injections, no gold spans of the type). */
    public record Outcome(Target target, double value) {

        boolean met() {
            return target.metBy(value);
        }
    }

    /** A set measured: its files' digests, what was counted and each target's outcome. */
    public record SetResult(EvalSet set, List<String> sha256, ObjectNode counts, List<Outcome> outcomes) {
    }

    private static final Pattern CONDITION = Pattern.compile("\\s*(>=|<=)\\s*([0-9]*\\.?[0-9]+)\\s*");
    private static final Set<String> SET_KEYS = Set.of("name", "kind", "file", "files", "gate", "region", "note", "targets");

    private final PiiDetector pii;
    private final InjectionDetector injection;
    private final double threshold;
    private final Classifier classifier;
    private final Set<String> domains;

    /**
     * @param threshold  the injection score that flags (policy.injectionThreshold)
     * @param classifier the classify stage's classifier, for domain sets
     * @param domains    the domains it may name (the configuration's and general), the labels a domain set may use
     */
    public Certification(PiiDetector pii, InjectionDetector injection, double threshold, Classifier classifier, Set<String> domains) {
        this.pii = pii;
        this.injection = injection;
        this.threshold = threshold;
        this.classifier = classifier;
        this.domains = Set.copyOf(domains);
    }

    /** The manifest's sets, each checked; a file path is relative to the manifest's folder. */
    public static List<EvalSet> readManifest(Path manifest) throws IOException {
        BadInputException.requireFile(manifest);
        JsonNode root;
        try (InputStream in = Files.newInputStream(manifest)) { // a missing file is NoSuchFileException, named as such
            // a key given twice is a mistake (the later one would silently win)
            root = new ObjectMapper(new YAMLFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
                    .readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notYaml) {
            throw new BadInputException(manifest + ": not YAML: " + notYaml.getOriginalMessage());
        }
        if (root == null || !root.path("sets").isArray() || root.path("sets").isEmpty()) {
            throw new BadInputException(manifest + ": expected a mapping with 'sets', a non-empty list of labelled sets");
        }
        Path folder = manifest.toAbsolutePath().getParent();
        List<EvalSet> sets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("sets")) {
            index++;
            String where = manifest + " set " + index + (node.path("name").isTextual() ? " (" + node.get("name").asText() + ")" : "");
            EvalSet set = set(node, folder, where);
            if (!names.add(set.name())) {
                throw new BadInputException(where + ": a second set of that name");
            }
            sets.add(set);
        }
        return sets;
    }

    private static EvalSet set(JsonNode node, Path folder, String where) {
        if (!node.isObject()) {
            throw new BadInputException(where + ": expected a mapping");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!SET_KEYS.contains(key)) {
                throw new BadInputException(where + ": unknown key '" + key + "'; a set has " + String.join(", ", SET_KEYS.stream().sorted().toList()));
            }
        }
        String name = text(node, "name", where);
        Kind kind;
        try {
            kind = Kind.valueOf(text(node, "kind", where).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new BadInputException(where + ": kind must be pii, injection, domains or leaks, not '" + node.get("kind").asText() + "'");
        }
        List<Path> files = new ArrayList<>();
        if (node.has("file") == node.has("files")) {
            throw new BadInputException(where + ": give either 'file' or 'files'");
        }
        if (node.has("file")) {
            files.add(folder.resolve(text(node, "file", where)).normalize());
        } else {
            if (!node.get("files").isArray() || node.get("files").isEmpty()) {
                throw new BadInputException(where + ": 'files' must be a non-empty list of paths");
            }
            for (JsonNode f : node.get("files")) {
                if (!f.isTextual()) {
                    throw new BadInputException(where + ": 'files' must be a non-empty list of paths");
                }
                files.add(folder.resolve(f.asText()).normalize());
            }
        }
        for (Path file : files) {
            if (!Files.exists(file)) {
                throw new BadInputException(where + ": no such file: " + file); // before any set is measured
            }
        }
        if (node.has("gate") && !node.get("gate").isBoolean()) {
            throw new BadInputException(where + ": 'gate' must be true or false");
        }
        String region = node.has("region") ? text(node, "region", where) : "US";
        if (node.has("region") && kind != Kind.PII) {
            throw new BadInputException(where + ": 'region' (the phone region) applies to pii sets only");
        }
        if (!region.matches("[A-Z]{2}")) {
            throw new BadInputException(where + ": region must be a two-letter country code, not '" + region + "'");
        }
        if (!node.path("targets").isObject() || node.get("targets").isEmpty()) {
            throw new BadInputException(where + ": 'targets' must map metrics to conditions, such as recall: \">= 0.80\"");
        }
        List<Target> targets = new ArrayList<>();
        node.get("targets").fields().forEachRemaining(t -> targets.add(target(kind, t.getKey(), t.getValue(), where)));
        return new EvalSet(name, kind, List.copyOf(files), node.path("gate").asBoolean(false), region,
                node.path("note").asText(""), List.copyOf(targets));
    }

    private static Target target(Kind kind, String key, JsonNode value, String where) {
        int dot = key.indexOf('.');
        String metric = dot < 0 ? key : key.substring(0, dot);
        String entity = dot < 0 ? null : key.substring(dot + 1);
        if (!kind.metrics.contains(metric)) {
            throw new BadInputException(where + ": target '" + key + "': not a metric of " + (kind == Kind.INJECTION ? "an injection" : "a " + kind.name().toLowerCase(Locale.ROOT).replaceAll("s$", ""))
                    + " set; one of " + String.join(", ", kind.metrics.stream().sorted().toList()));
        }
        if (kind == Kind.PII && entity != null) {
            try {
                PiiType.valueOf(entity);
            } catch (IllegalArgumentException unknown) {
                throw new BadInputException(where + ": target '" + key + "': '" + entity + "' is not an entity type of Sluice");
            }
        }
        if (entity != null && (kind == Kind.INJECTION || kind == Kind.LEAKS || metric.equals("accuracy"))) {
            throw new BadInputException(where + ": target '" + key + "': " + metric + " is of the whole set, not of '" + entity + "'");
        }
        if (entity == null && kind == Kind.DOMAINS && !metric.equals("accuracy")) {
            throw new BadInputException(where + ": target '" + key + "': precision and recall are of one domain, such as " + metric + ".health");
        }
        Matcher m = CONDITION.matcher(value.isTextual() ? value.asText() : "");
        if (!m.matches() || Double.parseDouble(m.group(2)) > 1) {
            throw new BadInputException(where + ": target '" + key + "': expected \">= x\" or \"<= x\" with x from 0 to 1, not " + value);
        }
        return new Target(metric, entity, m.group(1).equals(">="), Double.parseDouble(m.group(2)));
    }

    private static String text(JsonNode node, String key, String where) {
        if (!node.path(key).isTextual() || node.get(key).asText().isBlank()) {
            throw new BadInputException(where + ": '" + key + "' must be a non-empty string");
        }
        return node.get(key).asText();
    }

    /** Measures one set with this certification's detectors. */
    public SetResult measure(EvalSet set) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode counts = mapper.createObjectNode();
        List<Outcome> outcomes = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (Path file : set.files()) {
            BadInputException.requireFile(file);
            digests.add(sha256(Files.newInputStream(file)));
        }
        if (set.kind() == Kind.INJECTION) {
            List<InjectionEval.Example> examples = readAll(set, InjectionEval::read);
            InjectionEval.Tally t = InjectionEval.measure(examples, injection, threshold);
            counts.put("injections", t.positives()).put("benign", t.negatives())
                    .put("injectionsFlagged", t.truePositives()).put("benignFlagged", t.falsePositives());
            for (Target target : set.targets()) {
                outcomes.add(new Outcome(target, target.metric().equals("recall") ? t.recall() : t.falsePositiveRate()));
            }
        } else if (set.kind() == Kind.LEAKS) {
            List<LeakEval.Example> examples = readAll(set, LeakEval::read);
            LeakEval.Tally t = LeakEval.measure(examples);
            counts.put("answers", t.examples()).put("leaks", t.leaks()).put("leaksFlagged", t.caught()).put("othersFlagged", t.falseAlarms());
            for (Target target : set.targets()) {
                outcomes.add(new Outcome(target, target.metric().equals("precision") ? t.precision() : t.recall()));
            }
        } else if (set.kind() == Kind.DOMAINS) {
            List<DomainEval.Example> examples = readAll(set, DomainEval::read);
            Map<String, DomainEval.Counts> byDomain = DomainEval.measure(examples, classifier, domains);
            byDomain.forEach((domain, c) -> counts.putObject(domain).put("gold", c.gold()).put("given", c.predicted()).put("right", c.correct()));
            for (Target target : set.targets()) {
                DomainEval.Counts c = target.entity() == null ? null : byDomain.get(target.entity());
                double value = switch (target.metric()) {
                    case "accuracy" -> DomainEval.accuracy(byDomain);
                    case "precision" -> c == null ? Double.NaN : c.precision();
                    default -> c == null ? Double.NaN : c.recall();
                };
                outcomes.add(new Outcome(target, value));
            }
        } else {
            Map<String, PiiEval.Counts> byType = new TreeMap<>();
            for (Path file : set.files()) {
                PiiEval.run(file, pii, set.region()).forEach((type, c) -> byType.merge(type, c, PiiEval.Counts::plus));
            }
            byType.forEach((type, c) -> counts.putObject(type)
                    .put("gold", c.gold()).put("found", c.found()).put("predicted", c.predicted()).put("predictedCorrectly", c.truePositives()));
            for (Target target : set.targets()) {
                PiiEval.Counts c = target.entity() == null ? PiiEval.total(byType) : byType.get(target.entity());
                outcomes.add(new Outcome(target, value(target.metric(), c)));
            }
        }
        return new SetResult(set, List.copyOf(digests), counts, List.copyOf(outcomes));
    }

    /** Reads one file of a set. */
    private interface Reader<E> {
        List<E> read(Path file) throws IOException;
    }

    /** The examples of every file of a set, read as one. */
    private static <E> List<E> readAll(EvalSet set, Reader<E> reader) throws IOException {
        List<E> examples = new ArrayList<>();
        for (Path file : set.files()) {
            examples.addAll(reader.read(file));
        }
        return examples;
    }

    /** A PII figure, or NaN where the counts cannot give it (no gold spans for recall and F2, no predictions for precision). */
    private static double value(String metric, PiiEval.Counts c) {
        if (c == null) {
            return Double.NaN;
        }
        return switch (metric) {
            case "precision" -> c.predicted() == 0 ? Double.NaN : c.precision();
            case "recall" -> c.gold() == 0 ? Double.NaN : c.recall();
            default -> c.gold() == 0 ? Double.NaN : c.f2();
        };
    }

    /**
     * Measures every set, prints one row per target and, as the last line, {@code certify: gating=M/N reported=M/N
     * result=certified|not-certified}; writes the JSON report to {@code report} unless it is null.
     *
     * @return whether every target of every gating set was met
     */
    public boolean run(Path manifest, List<EvalSet> sets, List<String> lenientChecksums, Path report, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "certify: %s (%d %s; injection threshold %s; lenient checksums: %s)%n", manifest, sets.size(), sets.size() == 1 ? "set" : "sets",
                format(threshold), lenientChecksums.isEmpty() ? "none" : String.join(", ", lenientChecksums));
        out.printf(Locale.ROOT, "%-28s %-5s %-20s %8s %9s  %s%n", "set", "gate", "metric", "value", "target", "result");
        int gatingMet = 0;
        int gating = 0;
        int reportedMet = 0;
        int reported = 0;
        List<SetResult> results = new ArrayList<>();
        for (EvalSet set : sets) {
            SetResult result = measure(set);
            results.add(result);
            for (Outcome o : result.outcomes()) {
                out.printf(Locale.ROOT, "%-28s %-5s %-20s %8s %9s  %s%n", set.name(), set.gate() ? "yes" : "no", o.target().name(),
                        InjectionEval.figure(o.value()), o.target().condition(), o.met() ? "met" : "NOT MET");
                if (set.gate()) {
                    gating++;
                    gatingMet += o.met() ? 1 : 0;
                } else {
                    reported++;
                    reportedMet += o.met() ? 1 : 0;
                }
            }
        }
        boolean certified = gatingMet == gating;
        if (report != null) {
            writeReport(report, manifest, results, lenientChecksums, certified);
        }
        out.printf(Locale.ROOT, "certify: gating=%d/%d reported=%d/%d result=%s%n", gatingMet, gating, reportedMet, reported,
                certified ? "certified" : "not-certified");
        return certified;
    }

    private void writeReport(Path report, Path manifest, List<SetResult> results, List<String> lenientChecksums, boolean certified) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("measuredAt", Instant.now().toString());
        root.put("certified", certified);
        root.put("manifest", manifest.toAbsolutePath().normalize().toString());
        root.put("manifestSha256", sha256(Files.newInputStream(manifest)));
        root.put("injectionThreshold", threshold);
        lenientChecksums.forEach(root.putArray("lenientChecksums")::add);
        try (InputStream model = InjectionDetector.class.getResourceAsStream(InjectionDetector.SHIPPED_MODEL)) {
            root.put("injectionModelSha256", model == null ? null : sha256(model));
        }
        ArrayNode sets = root.putArray("sets");
        for (SetResult r : results) {
            ObjectNode set = sets.addObject();
            set.put("name", r.set().name()).put("kind", r.set().kind().name().toLowerCase(Locale.ROOT)).put("gate", r.set().gate());
            if (!r.set().note().isEmpty()) {
                set.put("note", r.set().note());
            }
            ArrayNode files = set.putArray("files");
            for (int i = 0; i < r.set().files().size(); i++) {
                files.addObject().put("path", r.set().files().get(i).toString()).put("sha256", r.sha256().get(i));
            }
            set.set("counts", r.counts());
            ArrayNode targets = set.putArray("targets");
            for (Outcome o : r.outcomes()) {
                ObjectNode t = targets.addObject().put("metric", o.target().name()).put("condition", o.target().condition());
                if (Double.isNaN(o.value())) {
                    t.putNull("value");
                } else {
                    t.put("value", o.value());
                }
                t.put("met", o.met());
            }
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(report.toFile(), root);
    }

    private static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException absent) {
            throw new IllegalStateException("every Java platform has SHA-256", absent);
        }
    }

    /** At least two decimals, more only where the value has them: 0.80, 0.7 as 0.70, 0.125. */
    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("(\\.\\d\\d\\d*?)0+$", "$1");
    }
}
