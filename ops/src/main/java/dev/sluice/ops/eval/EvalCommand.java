package dev.sluice.ops.eval;

import dev.sluice.processors.classify.InjectionDetector;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice eval pii FILE}, {@code sluice eval injection FILE} and {@code sluice eval leaks FILE} (docs/evaluation.md). */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure the detectors on labelled data.",
        subcommands = {EvalCommand.Pii.class, EvalCommand.Injection.class, EvalCommand.Leaks.class})
public final class EvalCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "pii", mixinStandardHelpOptions = true,
            description = "Precision, recall and F2 per entity type on a presidio-research JSON file; last line: pii: precision=P recall=R f2=F")
    static final class Pii implements Callable<Integer> {
        @Parameters(index = "0", description = "presidio-research JSON file")
        Path file;

        @Option(names = "--region", defaultValue = "US", description = "Phone region of records whose metadata names no country (default: ${DEFAULT-VALUE}).")
        String region;

        @Option(names = "--predictions", paramLabel = "OUT",
                description = "Also write the predicted spans to OUT in the input's presidio-research format (offsets in code points, end exclusive).")
        Path predictions;

        @Override
        public Integer call() throws Exception {
            PiiEval.print(PiiEval.run(file, new PiiDetector(), region, predictions), System.out);
            if (predictions != null) {
                System.err.println("predictions written to " + predictions); // stdout keeps the figures as its last line
            }
            return 0;
        }
    }

    @Command(name = "injection", mixinStandardHelpOptions = true,
            description = "Recall and false-positive rate at the policy threshold; last line: injection: recall=R fpr=F")
    static final class Injection implements Callable<Integer> {
        @Parameters(index = "0", description = "JSON lines {\"text\", \"label\"}, promptshield lines, or the CyberSecEval JSON array")
        Path file;

        @Override
        public Integer call() throws Exception {
            double threshold = new GatewayConfigLoader(System::getenv).loadDefault().gateway().policy().injectionThreshold();
            InjectionEval.run(InjectionEval.read(file), new InjectionDetector(), threshold, System.out);
            return 0;
        }
    }

    @Command(name = "leaks", mixinStandardHelpOptions = true,
            description = "Precision and recall of the answer leak check; last line: leaks: precision=P recall=R")
    static final class Leaks implements Callable<Integer> {
        @Parameters(index = "0", description = "JSON lines {\"instructions\", \"answer\", \"label\"} or Tensor Trust's {\"access_code\", \"llm_output\", \"is_prompt_extraction\"}")
        Path file;

        @Override
        public Integer call() throws Exception {
            LeakEval.run(LeakEval.read(file), System.out);
            return 0;
        }
    }
}
