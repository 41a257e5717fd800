package dev.sluice.ops.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.processors.classify.LinearTextModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The composed training text of the injection model is what {@code sluice train injection} makes by
 * default, the same for the same seed, and shares no run of {@value #RUN} words with the hold-out
 * files: a hold-out figure means something only if the model never saw the hold-out's sentences.
 */
class TrainingCorpusTest {

    private static final int RUN = 7;
    private static final String[] HOLD_OUTS = {"/eval/attacks-holdout-2.jsonl", "/eval/benign-holdout-2.jsonl", "/eval/attacks-holdout-3.jsonl",
            "/eval/benign-holdout-3.jsonl", "/eval/attacks-holdout-4.jsonl", "/eval/benign-holdout-4.jsonl",
            "/eval/attacks-holdout-5.jsonl", "/eval/benign-holdout-5.jsonl", "/eval/attacks-holdout-6.jsonl", "/eval/benign-holdout-6.jsonl",
            "/eval/benign-defended-holdout.jsonl", "/eval/benign-defended-holdout-2.jsonl",
            "/eval/attacks-holdout-7.jsonl", "/eval/benign-holdout-7.jsonl", "/eval/attacks-holdout-8.jsonl", "/eval/benign-holdout-8.jsonl",
            "/eval/attacks-holdout-9.jsonl", "/eval/benign-holdout-9.jsonl", "/eval/attacks-holdout-10.jsonl", "/eval/benign-holdout-10.jsonl",
            "/eval/attacks-holdout-11.jsonl", "/eval/benign-holdout-11.jsonl", "/eval/attacks-holdout-14.jsonl", "/eval/benign-holdout-14.jsonl"};

    private static List<LinearTextModel.Example> defaultCorpus() throws java.io.IOException {
        TrainCommand.Injection command = new TrainCommand.Injection();
        new CommandLine(command).parseArgs("--out", "unused.slm", "unused.jsonl");
        return TrainCommand.Injection.composed(command.seed, command.hardNegatives, command.documents, command.attacks, CodeText.defaultDirectory());
    }

    /** The composed text of every model the default recipe averages, each of its own seed. */
    private static List<LinearTextModel.Example> everyAveragedModelsCorpus() throws java.io.IOException {
        TrainCommand.Injection command = new TrainCommand.Injection();
        new CommandLine(command).parseArgs("--out", "unused.slm", "unused.jsonl");
        List<LinearTextModel.Example> all = new ArrayList<>();
        for (int k = 0; k < command.average; k++) {
            all.addAll(TrainCommand.Injection.composed(command.seed + k * TrainCommand.Injection.SEED_STRIDE, command.hardNegatives, command.documents,
                    command.attacks, CodeText.defaultDirectory()));
        }
        return all;
    }

    @Test
    void theComposedTextShouldShareNoRunOfWordsWithTheHoldOutFiles() throws IOException {
        Set<String> runs = new HashSet<>();
        List<LinearTextModel.Example> corpus = everyAveragedModelsCorpus();
        assertThat(corpus.size()).as("eight composed texts").isEqualTo(8 * defaultCorpus().size());
        for (LinearTextModel.Example example : corpus) {
            runs.addAll(runs(example.text()));
        }
        List<String> shared = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        int lines = 0;
        for (String file : HOLD_OUTS) {
            try (InputStream in = TrainingCorpusTest.class.getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    lines++;
                    for (String run : runs(json.readTree(line).path("text").asText())) {
                        if (runs.contains(run)) {
                            shared.add(file + ": " + run);
                        }
                    }
                }
            }
        }
        assertThat(lines).isEqualTo(1140);
        assertThat(shared).isEmpty();
    }

    @Test
    void theSameSeedShouldComposeTheSameTextAndBothClassesShouldBeThere() throws java.io.IOException {
        List<LinearTextModel.Example> a = defaultCorpus();
        assertThat(defaultCorpus()).isEqualTo(a);
        long attacks = a.stream().filter(LinearTextModel.Example::positive).count();
        assertThat(attacks).as("8,000 composed attacks, 500 defended documents and 250 role prompts with a planted instruction, 500 long jailbreaks").isEqualTo(9250);
        assertThat(a.size() - attacks).isGreaterThan(attacks);
        assertThat(TrainCommand.Injection.composed(7, 100, 100, 100, CodeText.defaultDirectory())).isNotEqualTo(TrainCommand.Injection.composed(8, 100, 100, 100, CodeText.defaultDirectory()));
    }

    @Test
    void theShippedModelShouldBeWhatTheDocumentedRecipeTrains(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path trained = dir.resolve("injection.slm");
        int exit = new CommandLine(new TrainCommand.Injection()).execute("../../shared/eval-data/injection/promptshield-train.jsonl", "--out", trained.toString());
        assertThat(exit).isZero();
        byte[] shipped;
        try (InputStream in = LinearTextModel.class.getResourceAsStream(dev.sluice.processors.classify.InjectionDetector.SHIPPED_MODEL)) {
            shipped = new java.util.zip.GZIPInputStream(in).readAllBytes();
        }
        byte[] made;
        try (InputStream in = java.nio.file.Files.newInputStream(trained)) {
            made = new java.util.zip.GZIPInputStream(in).readAllBytes();
        }
        assertThat(made).as("retrain with ./sluice train injection (docs/evaluation.md) and ship the result").isEqualTo(shipped);
    }

    /** Lower-cased runs of {@value #RUN} consecutive words. */
    private static Set<String> runs(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + RUN <= words.length; i++) {
            out.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + RUN)));
        }
        return out;
    }
}
