package dev.sluice.ops.eval;

import dev.sluice.processors.classify.InjectionDetector;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.topology.Classifiers;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice eval pii FILE}, {@code sluice eval injection FILE}, {@code sluice eval leaks FILE} and
 * {@code sluice eval certify [MANIFEST]} (docs/evaluation.md).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure the detectors on labelled data.",
        subcommands = {EvalCommand.Pii.class, EvalCommand.Injection.class, EvalCommand.Domains.class, EvalCommand.Leaks.class, EvalCommand.Certify.class})
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

    @Command(name = "domains", mixinStandardHelpOptions = true,
            description = "Precision and recall per business domain of the classify stage; last line: domains: accuracy=A")
    static final class Domains implements Callable<Integer> {
        @Parameters(index = "0", description = "JSON lines {\"text\", \"domain\"}, the domain one of the configuration's or general")
        Path file;

        @Option(names = "--config", description = "Gateway YAML whose classifier domains apply (default: the built-in configuration).")
        Path config;

        @Override
        public Integer call() throws Exception {
            GatewayConfig gateway = gateway(config);
            List<DomainEval.Example> examples = DomainEval.read(file);
            DomainEval.print(DomainEval.measure(examples, Classifiers.create(gateway, new PiiDetector()), domains(gateway)), System.out);
            return 0;
        }
    }

    /** The configuration's domains and general: the labels a domain set may use. */
    static Set<String> domains(GatewayConfig gateway) {
        Set<String> domains = new TreeSet<>(gateway.classifier().domains().keySet());
        domains.addAll(gateway.classifier().domainExamples().keySet());
        domains.add(dev.sluice.processors.classify.Classifier.GENERAL);
        return domains;
    }

    static GatewayConfig gateway(Path config) throws java.io.IOException {
        GatewayConfigLoader loader = new GatewayConfigLoader(System::getenv);
        return (config == null ? loader.loadDefault() : loader.load(config)).gateway();
    }

    @Command(name = "certify", mixinStandardHelpOptions = true,
            description = {"Measure every labelled set of a manifest with the configured detectors and check each set's targets.",
                    "Exit code 0 when every target of every gating set is met, 1 when one is not, 2 for a manifest or file that cannot be used.",
                    "Last line: certify: gating=M/N reported=M/N result=certified|not-certified"})
    static final class Certify implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "MANIFEST",
                description = "YAML list of labelled sets and their targets; paths are relative to its folder (default: ${DEFAULT-VALUE}).",
                defaultValue = "ops/eval/certify.yaml")
        Path manifest;

        @Option(names = "--config", description = "Gateway YAML whose injection threshold and checksum strictness apply (default: the built-in configuration).")
        Path config;

        @Option(names = "--report", paramLabel = "OUT", description = "Also write the results as JSON to OUT: each file's SHA-256, the counts, every target's value.")
        Path report;

        @Override
        public Integer call() throws Exception {
            GatewayConfig gateway = gateway(config);
            List<String> lenient = gateway.redaction().lenientChecksums().stream().sorted().toList();
            PiiDetector detector = PiiDetector.withLenientChecksums(lenient);
            Certification certification = new Certification(detector, new InjectionDetector(), gateway.policy().injectionThreshold(),
                    Classifiers.create(gateway, detector), domains(gateway));
            boolean certified = certification.run(manifest, Certification.readManifest(manifest), lenient, report, System.out);
            if (report != null) {
                System.err.println("report written to " + report); // stdout keeps the verdict as its last line
            }
            return certified ? 0 : 1;
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
