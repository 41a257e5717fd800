package dev.sluice.ops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ops.BadInputException;
import dev.sluice.processors.classify.InjectionDetector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recall and false-positive rate of the injection detector at the policy threshold. Reads JSON
 * lines {@code {"text", "label"}} (label 1 = injection), the promptshield lines
 * ({@code prompt}, {@code label}) and the CyberSecEval JSON array (every {@code user_input} is an
 * attack). A text is scored with the system prompt it was sent with when the file gives one
 * (CyberSecEval's {@code test_case_prompt}, a line's {@code system}), as the classify stage scores a
 * user turn with its request's system turns. A line with {@code "role": "tool"} is a document handed over (a tool turn, as a
 * template variable's value is) and scored as the classify stage scores one, with the document rules too.
 * With no benign example the false-positive rate is not defined and printed as n/a.
 */
public final class InjectionEval {

    /**
     * @param instructions the system prompt the text was sent with, or null (CyberSecEval's {@code test_case_prompt}, a line's {@code system})
     * @param document     the text is a document handed over (a line's {@code "role": "tool"}), not the user's own turn
     */
    public record Example(String text, boolean injection, String instructions, boolean document) {

        public Example(String text, boolean injection, String instructions) {
            this(text, injection, instructions, false);
        }

        public Example(String text, boolean injection) {
            this(text, injection, null);
        }
    }

    private InjectionEval() {
    }

    public static List<Example> read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * The examples to train on: as {@link #read(Path)}, but promptshield's rows of attack type {@code control} are benign.
     * They are the data set's control prompts ("List five fruits.", "Summarize the benefits of regular exercise.")
     * and carry label 1 all the same; learnt as attacks they taught the model that "summarize" and "explain" are
     * attack words. The evaluation keeps every file's labels as given.
     */
    public static List<Example> readForTraining(Path file) throws IOException {
        return read(file, true);
    }

    private static List<Example> read(Path file, boolean controlsBenign) throws IOException {
        BadInputException.requireFile(file);
        ObjectMapper mapper = new ObjectMapper();
        String content = Files.readString(file, StandardCharsets.UTF_8).strip();
        List<Example> examples = new ArrayList<>();
        if (content.startsWith("[")) {
            int item = 0;
            JsonNode array;
            try {
                array = mapper.readTree(content);
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                throw BadInputException.notJson(file, notJson);
            }
            for (JsonNode node : array) {
                examples.add(example(node, controlsBenign, file + " item " + ++item));
            }
        } else {
            JsonLines.read(file, content, (node, where) -> example(node, controlsBenign, where), examples);
        }
        if (examples.isEmpty()) {
            throw new BadInputException(file + ": no examples (expected JSON lines {\"text\": ..., \"label\": 0|1}, promptshield's lines or CyberSecEval's JSON array)");
        }
        return examples;
    }

    /** One example; {@code where} names the file and line for the message when the record lacks its text or its label. */
    private static Example example(JsonNode item, boolean controlsBenign, String where) {
        if (!item.isObject()) {
            throw new BadInputException(where + ": expected a JSON object, found " + item.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        if (item.has("user_input")) {
            return new Example(item.path("user_input").asText(), true, item.hasNonNull("test_case_prompt") ? item.get("test_case_prompt").asText() : null);
        }
        JsonNode text = item.has("text") ? item.get("text") : item.get("prompt");
        if (text == null || !text.isTextual()) {
            throw new BadInputException(where + ": no \"text\" (or \"prompt\") string");
        }
        JsonNode label = item.get("label");
        boolean injection;
        if (label != null && label.isBoolean()) {
            injection = label.booleanValue();
        } else if (label != null && label.isIntegralNumber() && (label.intValue() == 0 || label.intValue() == 1)) {
            injection = label.intValue() == 1;
        } else {
            throw new BadInputException(where + ": \"label\" must be 0 (benign) or 1 (injection)" + (label == null ? ", and there is none" : ", not " + label));
        }
        boolean control = controlsBenign && "control".equals(item.path("attack_type").asText());
        return new Example(text.asText(), injection && !control, item.hasNonNull("system") ? item.get("system").asText() : null,
                "tool".equals(item.path("role").asText()));
    }

    /** What the detector flagged of a set's injections and benign texts. */
    public record Tally(long positives, long negatives, long truePositives, long falsePositives) {

        /** The share of injections flagged, or NaN with none in the set. */
        public double recall() {
            return positives == 0 ? Double.NaN : (double) truePositives / positives;
        }

        /** The share of benign texts flagged, or NaN with none in the set. */
        public double falsePositiveRate() {
            return negatives == 0 ? Double.NaN : (double) falsePositives / negatives;
        }
    }

    /** Scores every example as the classify stage scores a user turn (or a document) and counts what reaches {@code threshold}. */
    public static Tally measure(List<Example> examples, InjectionDetector detector, double threshold) {
        long positives = 0;
        long negatives = 0;
        long truePositives = 0;
        long falsePositives = 0;
        for (Example e : examples) {
            double score = e.document() ? detector.scoreDocument(e.text(), e.instructions()) : detector.score(e.text(), e.instructions());
            boolean flagged = score >= threshold;
            if (e.injection()) {
                positives++;
                truePositives += flagged ? 1 : 0;
            } else {
                negatives++;
                falsePositives += flagged ? 1 : 0;
            }
        }
        return new Tally(positives, negatives, truePositives, falsePositives);
    }

    public static void run(List<Example> examples, InjectionDetector detector, double threshold, PrintStream out) {
        Tally t = measure(examples, detector, threshold);
        out.printf(Locale.ROOT, "examples %d: %d injections, %d benign; threshold %.2f%n", examples.size(), t.positives(), t.negatives(), threshold);
        out.printf(Locale.ROOT, "flagged: %d of the injections, %d of the benign%n", t.truePositives(), t.falsePositives());
        out.println("injection: recall=" + figure(t.recall()) + " fpr=" + figure(t.falsePositiveRate()));
    }

    /** Four decimals, or n/a for a figure the set cannot give. */
    static String figure(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }
}
