package dev.sluice.ops.train;

import dev.sluice.ops.eval.InjectionEval;
import dev.sluice.processors.classify.LinearTextModel;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice train injection FILE... --out MODEL}: trains the learned half of the injection detector (docs/evaluation.md). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the learned detectors.",
        subcommands = {TrainCommand.Injection.class})
public final class TrainCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "injection", mixinStandardHelpOptions = true,
            description = "Train the injection model on labelled files plus composed text (Datafaker sentences, hard negatives, benign documents, attacks of the classes the files lack).")
    static final class Injection implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "labelled JSON lines ({\"text\", \"label\"} or promptshield's {\"prompt\", \"label\"})")
        List<Path> files;

        @Option(names = "--out", required = true, description = "Where to write the model (the shipped one: processors/src/main/resources/sluice/models/injection.slm).")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}); the same inputs and seed give the same model.")
        long seed;

        @Option(names = "--hard-negatives", defaultValue = "3000", description = "How many composed benign requests with trigger words (default: ${DEFAULT-VALUE}).")
        int hardNegatives;

        @Option(names = "--attacks", defaultValue = "8000", description = "How many composed attacks of the classes promptshield lacks (default: ${DEFAULT-VALUE}).")
        int attacks;

        @Option(names = "--documents", defaultValue = "3000", description = "How many composed documents with benign notes in them, and as many requests that use attack words for ordinary work and texts carrying personal data (default: ${DEFAULT-VALUE}).")
        int documents;

        @Option(names = "--code-corpus", description = "Directory of the source-code artifacts read as benign code (default: where the ops build copies them, ops/target/corpus).")
        Path codeCorpus;

        @Option(names = "--average", defaultValue = "8", description = "How many models to train, each with its own seed and composed text, and average (default: ${DEFAULT-VALUE}).")
        int average;

        /** How far apart the seeds of the averaged models are: each uses {@code seed + k * SEED_STRIDE} and the composed parts the next 19. */
        static final long SEED_STRIDE = 1000;

        @Option(names = "--epochs", defaultValue = "5")
        int epochs;

        @Option(names = "--l2", defaultValue = "1e-5", description = "L2 regularisation (default: ${DEFAULT-VALUE}).")
        double l2;

        @Option(names = "--bits", defaultValue = "18", description = "Feature hash bits (default: ${DEFAULT-VALUE}).")
        int bits;

        /**
         * The composed training text by part, in training order, each part's name as the train summary prints it: hard
         * negatives, benign documents, work requests and personal-data texts ({@code documents} of each), service reviews
         * (a third as many), a fixed list of other benign requests, tasks with the caller's own defences around a document
         * (a third as many), ordinary work in the attacks' other languages with their override words (a sixth as many),
         * prompts of document pipelines and plain task instructions (a third as many each), role prompts (a third as many),
         * code prompts from the artifacts in {@code corpus} (a third as many), notices, prompts about conversations with an AI,
         * persona requests and simulations, answers about code and build requests, image prompts and sectioned templates (a third as many each), attacks, defended documents that carry a
         * planted instruction all the same (a sixth as many) and role prompts with one (a twelfth as many).
         */
        static Map<String, List<LinearTextModel.Example>> composedParts(long seed, int hardNegatives, int documents, int attacks, Path corpus) throws java.io.IOException {
            Map<String, List<LinearTextModel.Example>> parts = new LinkedHashMap<>();
            parts.put("hard negatives", benign(BenignText.hardNegatives(hardNegatives, seed)));
            parts.put("benign documents", benign(BenignText.documents(documents, seed + 1)));
            parts.put("work requests", benign(BenignText.vocabulary(documents, seed + 3)));
            parts.put("personal-data texts", benign(BenignText.personalData(documents, seed + 4)));
            parts.put("service reviews", benign(BenignText.service(documents / 3, seed + 5)));
            parts.put("other requests", benign(BenignText.other()));
            parts.put("defended tasks", benign(BenignText.defended(documents / 3, seed + 6)));
            parts.put("sentences of work in other languages", benign(BenignText.foreignWork(documents / 6, seed + 8)));
            parts.put("pipeline prompts", benign(BenignText.pipelinePrompts(documents / 3, seed + 9)));
            parts.put("task instructions", benign(BenignText.taskInstructions(documents / 3, seed + 10)));
            parts.put("role prompts", benign(BenignText.rolePrompts(documents / 3, seed + 11)));
            parts.put("code prompts", benign(CodeText.prompts(corpus, documents / 3, seed + 13)));
            parts.put("notices that open like attacks", benign(BenignText.notices(documents / 3, seed + 15)));
            parts.put("prompts about conversations with an AI", benign(BenignText.conversationTasks(documents / 3, seed + 16)));
            parts.put("persona requests and simulations", benign(BenignText.actAsRequests(documents / 3, seed + 17)));
            parts.put("answers about code", benign(CodeText.answers(corpus, documents / 3, seed + 18)));
            parts.put("build requests, image prompts and sectioned prompt templates", benign(SpecText.specs(documents, seed + 19)));
            parts.put("sectioned prompts of a prompt library", benign(LibraryPromptText.prompts(documents / 3, seed + 20)));
            parts.put("composed attacks", AttackText.attacks(attacks, seed + 2).stream().map(s -> new LinearTextModel.Example(s, true)).toList());
            parts.put("defended documents with a planted instruction",
                    AttackText.defendedPlanted(documents / 6, seed + 7).stream().map(s -> new LinearTextModel.Example(s, true)).toList());
            parts.put("role prompts with a planted instruction",
                    AttackText.rolePlanted(documents / 12, seed + 12).stream().map(s -> new LinearTextModel.Example(s, true)).toList());
            parts.put("long jailbreaks with two answers to every prompt",
                    AttackText.dualResponses(documents / 6, seed + 14).stream().map(s -> new LinearTextModel.Example(s, true)).toList());
            return parts;
        }

        private static List<LinearTextModel.Example> benign(List<String> texts) {
            return texts.stream().map(s -> new LinearTextModel.Example(s, false)).toList();
        }

        /** {@link #composedParts} in one list, in training order. */
        static List<LinearTextModel.Example> composed(long seed, int hardNegatives, int documents, int attacks, Path corpus) throws java.io.IOException {
            List<LinearTextModel.Example> examples = new ArrayList<>();
            composedParts(seed, hardNegatives, documents, attacks, corpus).values().forEach(examples::addAll);
            return examples;
        }

        @Override
        public Integer call() throws Exception {
            List<LinearTextModel.Example> examples = new ArrayList<>();
            for (Path file : files) {
                for (InjectionEval.Example e : InjectionEval.readForTraining(file)) {
                    examples.add(new LinearTextModel.Example(e.text(), e.injection()));
                }
            }
            long labelled = examples.size();
            List<String> faker = BenignText.fakerSentences();
            faker.forEach(s -> examples.add(new LinearTextModel.Example(s, false)));
            int common = examples.size();
            Map<String, List<LinearTextModel.Example>> parts = null;
            List<LinearTextModel> models = new ArrayList<>();
            for (int k = 0; k < average; k++) {
                // each model on the labelled text and a composed text of its own seed (the parts' sizes are the same for every seed)
                examples.subList(common, examples.size()).clear();
                parts = composedParts(seed + k * SEED_STRIDE, hardNegatives, documents, attacks, codeCorpus != null ? codeCorpus : CodeText.defaultDirectory());
                parts.values().forEach(examples::addAll);
                models.add(LinearTextModel.train(examples, bits, epochs, l2, seed + k * SEED_STRIDE));
            }
            LinearTextModel model = LinearTextModel.average(models);
            long positives = examples.stream().filter(LinearTextModel.Example::positive).count();
            Files.createDirectories(out.toAbsolutePath().getParent());
            try (OutputStream stream = Files.newOutputStream(out)) {
                model.write(stream);
            }
            StringBuilder composition = new StringBuilder();
            parts.forEach((name, part) -> composition.append(composition.length() == 0 ? "" : ", ").append(part.size()).append(' ').append(name));
            System.out.printf("trained %d model%s, averaged, each on %d examples (%d labelled, %d Datafaker sentences, %d composed with its own seed: %s; %d injections); wrote %s (%d bytes)%n",
                    average, average == 1 ? "" : "s", examples.size(), labelled, faker.size(), examples.size() - labelled - faker.size(), composition, positives, out, Files.size(out));
            return 0;
        }
    }
}
