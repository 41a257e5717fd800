package dev.sluice.ops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.ops.BadInputException;
import dev.sluice.processors.classify.Classifier;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How often the classify stage names a prompt's business domain right. Reads JSON lines {@code {"text", "domain"}}, the
 * domain one of the configuration's or {@code general}; each text is classified as a user turn, as the classify stage
 * classifies a request, and its domain compared with the label.
 */
public final class DomainEval {

    /** A labelled prompt. */
    public record Example(String text, String domain) {
    }

    /** Per domain: how many texts carry its label, how many were given it, how many of those rightly. */
    public static final class Counts {
        long gold;
        long predicted;
        long correct;

        public long gold() {
            return gold;
        }

        public long predicted() {
            return predicted;
        }

        public long correct() {
            return correct;
        }

        /** Of the texts given this domain, the share that carry it; NaN when none was given it. */
        public double precision() {
            return predicted == 0 ? Double.NaN : (double) correct / predicted;
        }

        /** Of the texts that carry this domain, the share given it; NaN when none carries it. */
        public double recall() {
            return gold == 0 ? Double.NaN : (double) correct / gold;
        }
    }

    private DomainEval() {
    }

    public static List<Example> read(Path file) throws IOException {
        BadInputException.requireFile(file);
        String content = Files.readString(file, StandardCharsets.UTF_8).strip();
        List<Example> examples = new ArrayList<>();
        JsonLines.read(file, content, DomainEval::example, examples);
        if (examples.isEmpty()) {
            throw new BadInputException(file + ": no examples (expected JSON lines {\"text\": ..., \"domain\": ...})");
        }
        return examples;
    }

    private static Example example(JsonNode item, String where) {
        if (!item.isObject() || !item.path("text").isTextual()) {
            throw new BadInputException(where + ": no \"text\" string");
        }
        if (!item.path("domain").isTextual() || item.get("domain").asText().isBlank()) {
            throw new BadInputException(where + ": no \"domain\" string (a configured domain or general)");
        }
        return new Example(item.get("text").asText(), item.get("domain").asText());
    }

    /**
     * Classifies every example; the counts per domain (labelled or predicted), in name order.
     *
     * @throws BadInputException when a label names a domain the configuration does not define (a typo would count as a miss)
     */
    public static Map<String, Counts> measure(List<Example> examples, Classifier classifier, Set<String> domains) {
        Map<String, Counts> counts = new TreeMap<>();
        for (Example e : examples) {
            if (!domains.contains(e.domain())) {
                throw new BadInputException("label '" + e.domain() + "' is no domain of the configuration; one of " + String.join(", ", new TreeSet<>(domains)));
            }
            String predicted = classifier.classify(List.of(new ChatMessage(Role.USER, e.text(), null, null)), null, "US", false).getDomain();
            counts.computeIfAbsent(e.domain(), d -> new Counts()).gold++;
            counts.computeIfAbsent(predicted, d -> new Counts()).predicted++;
            if (predicted.equals(e.domain())) {
                counts.get(predicted).correct++;
            }
        }
        return counts;
    }

    /** The share of examples given their labelled domain. */
    public static double accuracy(Map<String, Counts> counts) {
        long gold = counts.values().stream().mapToLong(Counts::gold).sum();
        long correct = counts.values().stream().mapToLong(Counts::correct).sum();
        return gold == 0 ? Double.NaN : (double) correct / gold;
    }

    public static void print(Map<String, Counts> counts, PrintStream out) {
        out.printf(Locale.ROOT, "%-14s %7s %7s %7s %9s %7s%n", "domain", "gold", "given", "right", "precision", "recall");
        counts.forEach((domain, c) -> out.printf(Locale.ROOT, "%-14s %7d %7d %7d %9s %7s%n", domain, c.gold, c.predicted, c.correct,
                InjectionEval.figure(c.precision()), InjectionEval.figure(c.recall())));
        out.println("domains: accuracy=" + InjectionEval.figure(accuracy(counts)));
    }
}
