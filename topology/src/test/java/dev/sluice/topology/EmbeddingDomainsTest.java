package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.classify.Classifier;
import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Role;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Domains by example utterances with the real all-MiniLM-L6-v2 model, as the configuration
 * {@code classifier.domainModel: all-minilm-l6-v2} sets it up. The test prompts were written for this
 * test and share few words with the examples: the classifier must go by meaning.
 */
class EmbeddingDomainsTest {

    static final String EXAMPLES = """
              domainModel: all-minilm-l6-v2
              domainMinSimilarity: 0.2
              domainExamples:
                finance: ["Reconcile the supplier invoice with the general ledger", "Why was the payment to our vendor booked twice?", "Prepare the quarterly revenue and expense report"]
                legal: ["Review the indemnity clause of this agreement", "Is the non-disclosure agreement enforceable in Germany?", "Summarise the counsel's opinion on the lawsuit"]
                hr: ["How many days of parental leave does the employee get?", "Draft an offer letter for the new hire", "Schedule the performance review with her manager"]
                health: ["Summarise the patient's discharge notes", "Which medication interacts with the prescription?", "List the symptoms reported at the clinic visit"]
                support: ["The customer wants a refund for the damaged parcel", "Reply to the complaint about the late delivery", "Close the ticket once the order has shipped"]
            """;

    /** Prompt and expected domain; few words in common with the examples. */
    static final Map<String, String> PROMPTS = Map.ofEntries(
            Map.entry("Match these bank statement lines to the accounts receivable entries.", "finance"),
            Map.entry("What is our cash position after the wire transfers this week?", "finance"),
            Map.entry("Flag any VAT discrepancies on the purchase orders from October.", "finance"),
            Map.entry("Could the other party terminate the lease early under section 12?", "legal"),
            Map.entry("Check whether this software licence allows us to redistribute the code.", "legal"),
            Map.entry("Which jurisdiction governs the dispute with the distributor?", "legal"),
            Map.entry("Write the onboarding plan for next month's graduate intake.", "hr"),
            Map.entry("Explain the pension contribution rules to a part-time worker.", "hr"),
            Map.entry("Prepare questions for the interview with the engineering candidate.", "hr"),
            Map.entry("What dose of ibuprofen is safe for a child weighing 20 kg?", "health"),
            Map.entry("Summarise the radiology findings from the chest X-ray.", "health"),
            Map.entry("Track the blood pressure readings of the ward's patients.", "health"),
            Map.entry("A shopper says the headphones arrived broken and wants a replacement.", "support"),
            Map.entry("Apologise to the client whose package went to the wrong address.", "support"),
            Map.entry("Tell the buyer when the backordered item will be dispatched.", "support"));

    static GatewayConfig config() throws Exception {
        String yaml;
        try (InputStream in = EmbeddingDomainsTest.class.getClassLoader().getResourceAsStream(GatewayConfigLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = yaml.replace("\nclassifier:\n", "\nclassifier:\n" + EXAMPLES);
        return new GatewayConfigLoader(System::getenv).parse(changed.getBytes(StandardCharsets.UTF_8), "test").gateway();
    }

    /** How many prompts a classifier puts in their domain; the misses are appended to {@code wrong}. */
    private static int right(Classifier classifier, StringBuilder wrong) {
        int right = 0;
        for (Map.Entry<String, String> prompt : PROMPTS.entrySet()) {
            var c = classifier.classify(List.of(new ChatMessage(Role.USER, prompt.getKey(), null, null)), null, "US", false);
            assertThat(c.getDomainConfidence()).isBetween(0.0, 1.0);
            if (c.getDomain().equals(prompt.getValue())) {
                right++;
            } else {
                wrong.append("  ").append(prompt.getKey()).append(" -> ").append(c.getDomain()).append('\n');
            }
        }
        return right;
    }

    @Test
    void domainsShouldFollowTheMeaningOfTheExamples() throws Exception {
        PiiDetector detector = new PiiDetector(java.util.Set.of(), false);
        StringBuilder wrong = new StringBuilder();
        int embeddings = right(Classifiers.create(config(), detector), wrong);
        int keywords = right(Classifiers.create(new GatewayConfigLoader(System::getenv).loadDefault().gateway(), detector), new StringBuilder());
        System.out.printf("domains of %d prompts: embeddings %d right, keywords %d right; embeddings missed:%n%s", PROMPTS.size(), embeddings, keywords, wrong);
        // measured: 11 of 15 with three examples a domain (keywords: see the output); the figure is in docs/evaluation.md
        assertThat(embeddings).as("embedding classifier, misses:\n%s", wrong).isGreaterThanOrEqualTo(11);
        assertThat(embeddings).as("better than the keyword lists").isGreaterThan(keywords);
    }
}
