package dev.sluice.ops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.ops.BadInputException;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.processors.redact.PiiFinding;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Entity-level evaluation of the PII detector on the presidio-research JSON format. A predicted span
 * is a true positive when it overlaps a gold span of the type it maps to; a gold span is found when
 * a predicted span of its mapped type overlaps it. Gold labels map to Sluice types by {@link #MAPPING}
 * (documented in docs/evaluation.md); gold spans of unmapped labels are not scored, and a prediction
 * that overlaps only such a span counts neither way. Every mapped label is scored whether Sluice
 * detects the type yet or not, so the overall figure is honest about what is missing.
 */
public final class PiiEval {

    /** presidio-research label → Sluice entity type. */
    public static final Map<String, String> MAPPING = Map.ofEntries(
            Map.entry("EMAIL_ADDRESS", "EMAIL"), Map.entry("EMAIL", "EMAIL"),
            Map.entry("PHONE_NUMBER", "PHONE"), Map.entry("PHONE", "PHONE"),
            Map.entry("CREDIT_CARD", "CREDIT_CARD"),
            Map.entry("IBAN_CODE", "IBAN"), Map.entry("IBAN", "IBAN"),
            Map.entry("US_SSN", "US_SSN"),
            Map.entry("IP_ADDRESS", "IP"), Map.entry("IP", "IP"),
            Map.entry("PERSON", "PERSON"),
            Map.entry("STREET_ADDRESS", "LOCATION"), Map.entry("GPE", "LOCATION"), Map.entry("LOCATION", "LOCATION"),
            Map.entry("ORGANIZATION", "ORGANIZATION"),
            Map.entry("DATE_TIME", "DATE"),
            Map.entry("DOMAIN_NAME", "URL"), Map.entry("URL", "URL"),
            Map.entry("NATIONAL_ID", "NATIONAL_ID"), Map.entry("IT_FISCAL_CODE", "NATIONAL_ID"), Map.entry("ES_NIF", "NATIONAL_ID"),
            Map.entry("ES_NIE", "NATIONAL_ID"), Map.entry("PL_PESEL", "NATIONAL_ID"), Map.entry("FI_PERSONAL_IDENTITY_CODE", "NATIONAL_ID"),
            Map.entry("VAT_ID", "VAT_ID"), Map.entry("IT_VAT_CODE", "VAT_ID"));

    private record Span(String type, int start, int end) {
        boolean overlaps(int s, int e) {
            return start < e && s < end;
        }
    }

    /** Counts per entity type. */
    public static final class Counts {
        long truePositives;
        long falsePositives;
        long found;
        long gold;

        /** These counts and {@code other}'s together (one type over several files). */
        public Counts plus(Counts other) {
            Counts sum = new Counts();
            sum.truePositives = truePositives + other.truePositives;
            sum.falsePositives = falsePositives + other.falsePositives;
            sum.found = found + other.found;
            sum.gold = gold + other.gold;
            return sum;
        }

        public long truePositives() {
            return truePositives;
        }

        public long gold() {
            return gold;
        }

        public long found() {
            return found;
        }

        public long predicted() {
            return truePositives + falsePositives;
        }

        public double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return gold == 0 ? 1.0 : (double) found / gold;
        }

        public double f2() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
        }
    }

    private PiiEval() {
    }

    public static Map<String, Counts> run(Path file, PiiDetector detector, String region) throws IOException {
        return run(file, detector, region, null);
    }

    /**
     * @param predictions where to write the predicted spans in the input's format (a JSON array of
     *                    {@code full_text} and {@code spans}, one per input record, in input order), or null
     */
    public static Map<String, Counts> run(Path file, PiiDetector detector, String region, Path predictions) throws IOException {
        BadInputException.requireFile(file);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode samples;
        try {
            samples = mapper.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            throw BadInputException.notJson(file, notJson);
        }
        if (samples == null || !samples.isArray() || samples.isEmpty()) {
            throw new BadInputException(file + ": expected presidio-research JSON, a non-empty array of records {\"full_text\": ..., \"spans\": [...]}");
        }
        ArrayNode written = mapper.createArrayNode();
        Map<String, Counts> counts = new TreeMap<>();
        int index = 0;
        for (JsonNode sample : samples) {
            index++;
            if (!sample.path("full_text").isTextual() || (sample.has("spans") && !sample.get("spans").isArray())) {
                throw new BadInputException(file + " record " + index + ": expected {\"full_text\": a string, \"spans\": an array}");
            }
            String text = sample.path("full_text").asText();
            List<Span> gold = new ArrayList<>();
            List<Span> unscored = new ArrayList<>();
            int length = text.codePointCount(0, text.length());
            for (JsonNode span : sample.path("spans")) {
                int start = span.path("start_position").asInt(-1);
                int end = span.path("end_position").asInt(-1);
                if (!span.path("start_position").isIntegralNumber() || !span.path("end_position").isIntegralNumber() || start < 0 || end < start || end > length) {
                    throw new BadInputException(file + " record " + index + ": a span needs start_position <= end_position within the text's "
                            + length + " characters, found " + span.path("start_position") + " and " + span.path("end_position"));
                }
                String mapped = MAPPING.get(span.path("entity_type").asText());
                // presidio-research offsets count code points (Python string indices)
                Span s = new Span(mapped, utf16(text, span.path("start_position").asInt()), utf16(text, span.path("end_position").asInt()));
                (mapped == null ? unscored : gold).add(s);
            }
            // a record may say which country its text comes from ("metadata": {"country": "DE"}), as a request does: its
            // numbers written without a country code are read in that country's numbering plan
            String country = sample.path("metadata").path("country").asText("");
            List<PiiFinding> predicted = detector.detect(text, country.isEmpty() ? region : country);
            if (predictions != null) {
                ObjectNode record = written.addObject();
                record.put("full_text", text);
                ArrayNode spans = record.putArray("spans");
                for (PiiFinding p : predicted) {
                    spans.addObject()
                            .put("entity_type", p.type().name())
                            .put("entity_value", p.value())
                            .put("start_position", text.codePointCount(0, p.start()))
                            .put("end_position", text.codePointCount(0, p.end()));
                }
            }
            for (Span g : gold) {
                Counts c = counts.computeIfAbsent(g.type(), t -> new Counts());
                c.gold++;
                if (predicted.stream().anyMatch(p -> p.type().name().equals(g.type()) && g.overlaps(p.start(), p.end()))) {
                    c.found++;
                }
            }
            for (PiiFinding p : predicted) {
                Counts c = counts.computeIfAbsent(p.type().name(), t -> new Counts());
                if (gold.stream().anyMatch(g -> g.type().equals(p.type().name()) && g.overlaps(p.start(), p.end()))) {
                    c.truePositives++;
                } else if (unscored.stream().noneMatch(u -> u.overlaps(p.start(), p.end()))) {
                    c.falsePositives++;
                }
            }
        }
        if (predictions != null) {
            mapper.writerWithDefaultPrettyPrinter().writeValue(predictions.toFile(), written);
        }
        return counts;
    }

    /** A code-point offset as a UTF-16 index into {@code text}, clamped to its length. */
    private static int utf16(String text, int codePoints) {
        int total = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, total)));
    }

    /** The counts of every entity type together: the overall figures. */
    public static Counts total(Map<String, Counts> counts) {
        return counts.values().stream().reduce(new Counts(), Counts::plus);
    }

    public static void print(Map<String, Counts> counts, PrintStream out) {
        out.printf(Locale.ROOT, "%-14s %7s %7s %7s %7s %7s %7s%n", "entity", "gold", "found", "pred", "prec", "recall", "f2");
        counts.forEach((type, c) -> out.printf(Locale.ROOT, "%-14s %7d %7d %7d %7.3f %7.3f %7.3f%n", type, c.gold, c.found, c.predicted(),
                c.precision(), c.recall(), c.f2()));
        Counts all = total(counts);
        out.printf(Locale.ROOT, "pii: precision=%.4f recall=%.4f f2=%.4f%n", all.precision(), all.recall(), all.f2());
    }
}
