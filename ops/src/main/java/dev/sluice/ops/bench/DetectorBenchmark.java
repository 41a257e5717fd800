package dev.sluice.ops.bench;

import dev.sluice.processors.classify.Classifier;
import dev.sluice.processors.classify.InjectionDetector;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.processors.redact.PiiFinding;
import dev.sluice.processors.redact.Redaction;
import dev.sluice.processors.redact.Redactor;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Role;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classify and redact stages' work on one 1 KB prompt, on one thread: classification with the
 * PII findings, then redaction with those findings (what ClassifyStage and RedactStage do per
 * record, without Kafka). Prompts are ~1,000 characters of business text, most carrying personal data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class DetectorBenchmark {

    private static final String[] SENTENCES = {
            "Please reconcile invoice INV-%d against the ledger and flag any VAT mismatch before the month-end close.",
            "The customer Margaret Okonkwo wrote from margaret.okonkwo%d@example.com about a duplicate charge on her account.",
            "Call her back on +44 20 7946 0%03d or at the office number in the signature block.",
            "Her card 4111 1111 1111 1111 was charged twice on 2024-03-%02d, once in Lisbon and once online.",
            "Ship the replacement to 742 Evergreen Terrace, Springfield, OR 97403, attention Daniel Weber.",
            "Summarise the thread for the finance team and propose a refund amount with a short justification.",
            "The account manager at Brightwater Analytics LLC asked whether the refund affects the quarterly forecast.",
            "Attach the payment reference GB82 WEST 1234 5698 7654 32 and note that the bank confirmed the transfer.",
            "Keep the tone polite and mention that the second charge will be reversed within %d business days.",
            "Do not include internal notes or system details in the reply to the customer."};

    private Classifier classifier;
    private Redactor redactor;
    private List<List<ChatMessage>> prompts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        var config = new GatewayConfigLoader(System::getenv).loadDefault().gateway();
        PiiDetector detector = new PiiDetector();
        classifier = new Classifier(config.classifier(), detector, new InjectionDetector());
        redactor = new Redactor(detector);
        prompts = prompts(256, 1000, 7);
    }

    static List<List<ChatMessage>> prompts(int count, int size, long seed) {
        Random random = new Random(seed);
        List<List<ChatMessage>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < size) {
                text.append(String.format(java.util.Locale.ROOT, SENTENCES[random.nextInt(SENTENCES.length)], 1 + random.nextInt(28))).append(' ');
            }
            out.add(List.of(new ChatMessage(Role.USER, text.substring(0, size), null, null)));
        }
        return out;
    }

    @Benchmark
    public Redaction classifyAndRedact() {
        List<ChatMessage> prompt = prompts.get(next++ & 255);
        Classifier.Result result = classifier.classifyWithFindings(prompt, null, "US", false);
        return redactor.redact(prompt, PiiFinding.byMessage(prompt, result.findings()), "US");
    }
}
