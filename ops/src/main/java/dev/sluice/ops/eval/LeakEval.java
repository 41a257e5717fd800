package dev.sluice.ops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.ops.BadInputException;
import dev.sluice.processors.validate.AnswerLeaks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Precision and recall of the answer leak check ({@link AnswerLeaks}). Reads JSON lines in either of two forms:
 * <ul>
 *   <li>Tensor Trust's prompt-extraction detection set: {@code {"access_code", "llm_output", "is_prompt_extraction"}};
 *       the access code is the protected value;</li>
 *   <li>Sluice's own: {@code {"instructions", "answer", "label": 0|1}} and optionally {@code "caller"} (the caller's
 *       own turns); the protected values are read from the instructions as the validate stage reads them.</li>
 * </ul>
 */
public final class LeakEval {

    public record Example(String answer, List<String> protectedValues, String instructions, String caller, boolean leak) {
    }

    private LeakEval() {
    }

    public static List<Example> read(Path file) throws IOException {
        BadInputException.requireFile(file);
        List<Example> examples = new ArrayList<>();
        JsonLines.read(file, Files.readString(file, StandardCharsets.UTF_8), LeakEval::example, examples);
        if (examples.isEmpty()) {
            throw new BadInputException(file + ": no examples (expected JSON lines {\"instructions\", \"answer\", \"label\": 0|1} "
                    + "or Tensor Trust's {\"access_code\", \"llm_output\", \"is_prompt_extraction\"})");
        }
        return examples;
    }

    private static Example example(JsonNode item, String where) {
        if (!item.isObject()) {
            throw new BadInputException(where + ": expected a JSON object");
        }
        if (item.has("llm_output")) {
            JsonNode label = item.get("is_prompt_extraction");
            if (!item.path("access_code").isTextual() || !item.get("llm_output").isTextual() || label == null || !label.isBoolean()) {
                throw new BadInputException(where + ": a Tensor Trust line needs \"access_code\" and \"llm_output\" strings and a boolean \"is_prompt_extraction\"");
            }
            return new Example(item.get("llm_output").asText(), List.of(item.get("access_code").asText()), null, null, label.booleanValue());
        }
        JsonNode instructions = item.get("instructions");
        JsonNode answer = item.get("answer");
        if (instructions == null || !instructions.isTextual() || answer == null || !answer.isTextual()) {
            throw new BadInputException(where + ": no \"instructions\" and \"answer\" strings (nor Tensor Trust's \"access_code\" and \"llm_output\")");
        }
        JsonNode label = item.get("label");
        if (label == null || !label.isIntegralNumber() || (label.intValue() != 0 && label.intValue() != 1)) {
            throw new BadInputException(where + ": \"label\" must be 0 (no leak) or 1 (leak)" + (label == null ? ", and there is none" : ", not " + label));
        }
        return new Example(answer.asText(), AnswerLeaks.protectedValues(instructions.asText()), instructions.asText(),
                item.hasNonNull("caller") ? item.get("caller").asText() : null, label.intValue() == 1);
    }

    /** What the check flagged of a set's leaks and of its other answers. */
    public record Tally(long examples, long leaks, long caught, long falseAlarms, Map<String, Integer> byForm) {

        /** Of the answers flagged, the share that leak; NaN when none was flagged. */
        public double precision() {
            return caught + falseAlarms == 0 ? Double.NaN : (double) caught / (caught + falseAlarms);
        }

        /** Of the answers that leak, the share flagged; NaN when none leaks. */
        public double recall() {
            return leaks == 0 ? Double.NaN : (double) caught / leaks;
        }
    }

    /** Runs the leak check on every example's answer, as the validate stage does. */
    public static Tally measure(List<Example> examples) {
        long leaks = 0;
        long caught = 0;
        long falseAlarms = 0;
        Map<String, Integer> byForm = new TreeMap<>();
        for (Example e : examples) {
            Optional<AnswerLeaks.Leak> found = AnswerLeaks.find(e.answer(), e.protectedValues(), e.instructions(), e.caller());
            leaks += e.leak() ? 1 : 0;
            if (found.isPresent()) {
                byForm.merge(found.get().toString(), 1, Integer::sum);
                caught += e.leak() ? 1 : 0;
                falseAlarms += e.leak() ? 0 : 1;
            }
        }
        return new Tally(examples.size(), leaks, caught, falseAlarms, byForm);
    }

    public static void run(List<Example> examples, PrintStream out) {
        Tally t = measure(examples);
        out.printf(Locale.ROOT, "examples %d: %d leaks, %d without%n", t.examples(), t.leaks(), t.examples() - t.leaks());
        out.printf(Locale.ROOT, "flagged: %d of the leaks, %d of the others%n", t.caught(), t.falseAlarms());
        t.byForm().forEach((form, n) -> out.printf(Locale.ROOT, "  %-70s %d%n", form, n));
        out.println("leaks: precision=" + InjectionEval.figure(t.precision()) + " recall=" + InjectionEval.figure(t.recall()));
    }
}
