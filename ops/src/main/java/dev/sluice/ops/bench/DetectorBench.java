package dev.sluice.ops.bench;

import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice bench-detectors}: the JMH benchmark of the classify and redact stages on one core, or with
 * {@code --leaks} of the validate stage's leak check (docs/BENCHMARKS.md).
 */
@Command(name = "bench-detectors", mixinStandardHelpOptions = true,
        description = "JMH: 1 KB prompts per second through classify + redact on one thread (--leaks: 1 KB answers through the leak check).")
public final class DetectorBench implements Callable<Integer> {

    @Option(names = "--iterations", defaultValue = "5", description = "Measurement iterations of 3 s (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--leaks", description = "Measure the validate stage's answer leak check instead.")
    boolean leaks;

    @Override
    public Integer call() throws Exception {
        new Runner(new OptionsBuilder()
                .include((leaks ? AnswerLeakBenchmark.class : DetectorBenchmark.class).getName())
                .measurementIterations(iterations)
                .build()).run();
        return 0;
    }
}
