package dev.sluice.ops.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.processors.classify.Classifier;
import dev.sluice.processors.classify.InjectionDetector;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.processors.redact.Redaction;
import dev.sluice.processors.redact.Redactor;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Role;
import dev.sluice.schemas.avro.Sensitivity;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice redact} and {@code sluice classify}: the pipeline's redaction and classification cores
 * on a text of one's own, with the gateway configuration the pipeline uses, and no broker.
 * Offsets in the JSON output count Unicode code points, so {@code text[start:end]} in Python (and
 * {@code text.substring} in Java for text without characters beyond U+FFFF) gives the value.
 */
public final class InspectCommands {

    private InspectCommands() {
    }

    /** What both commands read: a text and the configuration to read it with. */
    static final class Input {
        @Parameters(index = "0", arity = "0..1", description = "File to read (UTF-8); standard input when absent.")
        Path file;

        @Option(names = "--config", description = "Gateway YAML whose redaction and classifier settings apply (default: the built-in configuration).")
        Path config;

        @Option(names = "--country", defaultValue = "US", description = "The request's country: its national phone formats are recognised (default: ${DEFAULT-VALUE}).")
        String country;

        @Option(names = "--json", description = "Print JSON (findings and signals) instead of text.")
        boolean json;

        String text() throws IOException {
            if (file == null) {
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            dev.sluice.ops.BadInputException.requireFile(file);
            return Files.readString(file, StandardCharsets.UTF_8);
        }

        GatewayConfig gateway() throws IOException {
            GatewayConfigLoader loader = new GatewayConfigLoader(System::getenv);
            return (config == null ? loader.loadDefault() : loader.load(config)).gateway();
        }

        /** The detector as the pipeline builds it from the configuration. */
        PiiDetector detector(GatewayConfig gateway) {
            return PiiDetector.withLenientChecksums(gateway.redaction().lenientChecksums());
        }
    }

    /** A UTF-16 index of {@code text} as a code-point offset. */
    static int codePoints(String text, int index) {
        return text.codePointCount(0, index);
    }

    @Command(name = "redact", mixinStandardHelpOptions = true,
            description = "Print a text with its personal data replaced by placeholders; --json adds each finding with its offsets into the original.")
    public static final class Redact implements Callable<Integer> {
        @Mixin
        Input input;

        @Override
        public Integer call() throws Exception {
            String text = input.text();
            GatewayConfig gateway = input.gateway();
            List<ChatMessage> prompt = List.of(new ChatMessage(Role.USER, text, null, null));
            Redaction redaction = new Redactor(input.detector(gateway)).redact(prompt, input.country);
            String redacted = redaction.messages().get(0).getContent();
            if (!input.json) {
                System.out.print(redacted);
                if (!redacted.endsWith("\n")) {
                    System.out.println();
                }
                return 0;
            }
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode out = mapper.createObjectNode();
            out.put("redacted", redacted);
            ArrayNode findings = out.putArray("findings");
            for (Redaction.Replacement replacement : redaction.replacements().get(0)) {
                var finding = replacement.finding();
                findings.addObject()
                        .put("entity_type", finding.type().name())
                        .put("start", codePoints(text, finding.start()))
                        .put("end", codePoints(text, finding.end()))
                        .put("text", finding.value())
                        .put("confidence", finding.confidence())
                        .put("recognizer", finding.recognizer())
                        .put("placeholder", replacement.placeholder());
            }
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true,
            description = "Print a text's sensitivity, domain, complexity tier and injection score with their confidences and the signals behind them.")
    public static final class Classify implements Callable<Integer> {
        @Mixin
        Input input;

        @Option(names = "--label", description = "The caller's own sensitivity label (PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED); Sluice never classifies below it.")
        Sensitivity label;

        @Option(names = "--structured", description = "The request asks for structured output (one analysis cue then makes it complex).")
        boolean structured;

        @Option(names = "--system", paramLabel = "TEXT", description = "A system turn sent before the text, as the request would carry it: the caller's "
                + "instructions, not scored for injection, but the text is checked against what they protect or rule out (docs/evaluation.md).")
        String system;

        @Option(names = "--document", description = "Send the text as a document handed over (a tool turn) instead of the user's turn: an order about the "
                + "answer planted in it is read as an injection (docs/requests.md).")
        boolean document;

        @Override
        public Integer call() throws Exception {
            String text = input.text();
            GatewayConfig gateway = input.gateway();
            Classifier classifier = dev.sluice.topology.Classifiers.create(gateway, input.detector(gateway));
            ChatMessage user = new ChatMessage(document ? Role.TOOL : Role.USER, text, null, null);
            List<ChatMessage> messages = system == null ? List.of(user) : List.of(new ChatMessage(Role.SYSTEM, system, null, null), user);
            Classifier.Explanation e = classifier.explain(messages, label, input.country, structured);
            var c = e.result().classification();
            double threshold = gateway.policy().injectionThreshold();
            if (!input.json) {
                System.out.printf(Locale.ROOT, "sensitivity  %s (confidence %.2f)%n", c.getSensitivity(), c.getSensitivityConfidence());
                e.sensitivityReasons().forEach(r -> System.out.printf("             - %s%n", r));
                System.out.printf(Locale.ROOT, "domain       %s (confidence %.2f; terms found %s%s)%n", c.getDomain(), c.getDomainConfidence(), e.domainHits(),
                        e.domainTerms().isEmpty() ? "" : ": " + e.domainTerms());
                System.out.printf(Locale.ROOT, "tier         %s (confidence %.2f; %d characters, %d analysis cues)%n", c.getTier(), c.getTierConfidence(),
                        e.characters(), e.analysisCues());
                System.out.printf(Locale.ROOT, "injection    %.3f (policy threshold %.2f: %s; rules %s; model %s)%n", c.getInjectionScore(), threshold,
                        c.getInjectionScore() >= threshold ? "flagged" : "not flagged", e.injection().rules(),
                        e.injection().model() < 0 ? "not consulted" : String.format(Locale.ROOT, "p=%.3f", e.injection().model()));
                for (InjectionDetector.Span span : e.injection().spans()) {
                    String read = text.substring(span.start(), span.end()).replace('\n', ' ');
                    System.out.printf(Locale.ROOT, "             - %s at characters %d-%d: \"%s\"%n", span.what(), span.start(), span.end(),
                            read.length() > 80 ? read.substring(0, 77) + "..." : read);
                }
                if (c.getRestrictedTopic() != null) {
                    System.out.printf(Locale.ROOT, "topic        '%s' is ruled out by the system turn: policy rejects TOPIC_NOT_ALLOWED%n", c.getRestrictedTopic());
                }
                return 0;
            }
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode out = mapper.createObjectNode();
            ObjectNode sensitivity = out.putObject("sensitivity");
            sensitivity.put("level", c.getSensitivity().name()).put("confidence", c.getSensitivityConfidence());
            e.sensitivityReasons().forEach(sensitivity.putArray("reasons")::add);
            ObjectNode pii = sensitivity.putObject("pii_counts");
            c.getPiiCounts().forEach(pii::put);
            ObjectNode domain = out.putObject("domain");
            domain.put("name", c.getDomain()).put("confidence", c.getDomainConfidence());
            ObjectNode hits = domain.putObject("keyword_hits");
            e.domainHits().forEach(hits::put);
            ObjectNode terms = domain.putObject("terms");
            e.domainTerms().forEach((term, domains) -> domains.forEach(terms.putArray(term)::add));
            if (!e.domainSimilarities().isEmpty()) {
                ObjectNode similarities = domain.putObject("similarities");
                e.domainSimilarities().forEach(similarities::put);
            }
            out.putObject("tier").put("name", c.getTier()).put("confidence", c.getTierConfidence()).put("characters", e.characters())
                    .put("analysis_cues", e.analysisCues());
            ObjectNode injection = out.putObject("injection");
            injection.put("score", c.getInjectionScore()).put("threshold", threshold).put("flagged", c.getInjectionScore() >= threshold);
            e.injection().rules().forEach(injection.putArray("rules")::add);
            if (e.injection().model() >= 0) {
                injection.put("model_probability", e.injection().model());
            }
            var spans = injection.putArray("spans");
            e.injection().spans().forEach(span -> spans.addObject().put("signal", span.what()).put("start", span.start()).put("end", span.end()));
            if (c.getRestrictedTopic() != null) {
                out.put("restricted_topic", c.getRestrictedTopic());
            }
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
    }
}
