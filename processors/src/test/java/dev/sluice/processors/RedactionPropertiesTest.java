package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.processors.redact.PiiFinding;
import dev.sluice.processors.redact.Redaction;
import dev.sluice.processors.redact.Redactor;
import dev.sluice.processors.redact.Vault;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.RedactionVault;
import dev.sluice.schemas.avro.Role;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** Redaction never leaks a detected value, and restoring from the vault gives back the original text. */
class RedactionPropertiesTest {

    private final PiiDetector detector = new PiiDetector();
    private final Redactor redactor = new Redactor(detector);

    @Provide
    Arbitrary<String> prompts() {
        Arbitrary<String> words = Arbitraries.of("please", "refund", "the", "customer", "order", "wrote", "call", "about", "invoice", "and", "to",
                "Jane Roe", "Dr. Patel", "Springfield", "Brightwater Analytics LLC", "742 Evergreen Terrace", "Thanks,\n", "\n", "card", "phone:", "at", "in", "from");
        Arbitrary<String> pii = Arbitraries.of("jane.doe@example.com", "bob@corp.example.org", "4111 1111 1111 1111", "5500-0000-0000-0004",
                "DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "123-45-6789", "10.0.0.1", "192.168.10.24",
                "+44 20 7946 0958", "(212) 555-0187", "https://intranet.example.com/x", "sk-proj-abcdefghijklmnopqrstuvwxyz123456");
        Arbitrary<String> token = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, words), net.jqwik.api.Tuple.of(1, pii));
        return token.list().ofMinSize(1).ofMaxSize(25).map(list -> String.join(" ", list));
    }

    /**
     * The later passes look only next to what was replaced: on every labelled text, what the whole
     * text scan would still find in the redacted text is nothing.
     */
    @org.junit.jupiter.api.Test
    void nothingDetectableShouldBeLeftInTheLabelledTexts() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        int replaced = 0;
        for (String file : List.of("../../shared/eval-data/pii/presidio-synth-v2.json", "../ops/src/main/resources/eval/pii-holdout.json",
                "../ops/src/main/resources/eval/pii-eu-prose.json", "../ops/src/main/resources/eval/pii-eu-holdout.json",
                "../ops/src/main/resources/eval/pii-records-holdout.json", "../ops/src/main/resources/eval/pii-support-holdout.json",
                "../ops/src/main/resources/eval/pii-business-dev.json", "../ops/src/main/resources/eval/pii-business-2.json",
                "../ops/src/main/resources/eval/pii-business-3.json", "../ops/src/main/resources/eval/pii-business-4.json",
                "../ops/src/main/resources/eval/pii-business-5.json", "../ops/src/main/resources/eval/pii-business-6.json")) {
            for (var record : mapper.readTree(new java.io.File(file))) {
                List<ChatMessage> prompt = messages(List.of(record.path("full_text").asText()));
                Redaction redaction = redactor.redact(prompt, List.of(detector.detect(prompt.get(0).getContent(), "US")), "US");
                String redacted = redaction.messages().get(0).getContent();
                assertThat(detector.detect(redacted, "US")).as("nothing detectable is left in %s", redacted).isEmpty();
                replaced += redaction.replaced();
            }
        }
        assertThat(replaced).isGreaterThan(2000);
    }

    @Provide
    Arbitrary<List<String>> conversations() {
        return prompts().list().ofMinSize(1).ofMaxSize(3);
    }

    private static List<ChatMessage> messages(List<String> texts) {
        return texts.stream().map(t -> new ChatMessage(Role.USER, t, null, null)).toList();
    }

    @Property(tries = 1000, seed = "20261123") // fixed seed: the suite is deterministic
    void redactionNeverLeaksADetectedValue(@ForAll("conversations") List<String> texts) {
        List<ChatMessage> prompt = messages(texts);
        Redaction redaction = redactor.redact(prompt, "US");
        for (int i = 0; i < prompt.size(); i++) {
            String redacted = redaction.messages().get(i).getContent();
            for (PiiFinding finding : detector.detect(prompt.get(i).getContent(), "US")) {
                assertThat(redacted).as("redacted text").doesNotContain(finding.value());
            }
            assertThat(detector.detect(redacted, "US")).as("nothing detectable is left in %s", redacted).isEmpty();
        }
    }

    @Property(tries = 1000, seed = "20261123") // fixed seed: the suite is deterministic
    void restoreInvertsRedact(@ForAll("conversations") List<String> texts) {
        List<ChatMessage> prompt = messages(texts);
        Redaction redaction = redactor.redact(prompt, "US");
        RedactionVault vault = Vault.seal(redaction.mapping(), "req-1", "k1", TestConfig.VAULT_KEY);
        Map<String, String> mapping = Vault.open(vault, "req-1", Map.of("k1", TestConfig.VAULT_KEY));
        for (int i = 0; i < prompt.size(); i++) {
            assertThat(Vault.restore(redaction.messages().get(i).getContent(), mapping)).isEqualTo(prompt.get(i).getContent());
        }
    }

    /**
     * Where a span of the prompt as sent lies in the redacted prompt (for an approver, who sees only that): a span that
     * touches no replaced value shows the same text there, and one that does covers the value's whole placeholder.
     */
    @Property(tries = 1000, seed = "20261124") // fixed seed: the suite is deterministic
    void aSpanShouldBePlacedOnTheSameTextInTheRedactedPrompt(@ForAll("prompts") String text, @ForAll @net.jqwik.api.constraints.IntRange(max = 10_000) int a,
                                                             @ForAll @net.jqwik.api.constraints.IntRange(max = 10_000) int b) {
        Redaction redaction = redactor.redact(messages(List.of(text)), "US");
        String redacted = redaction.messages().get(0).getContent();
        int start = Math.min(a, b) % (text.length() + 1);
        int end = Math.min(text.length(), start + Math.abs(a - b) % 40);
        int[] at = redaction.redactedSpan(0, start, end);
        assertThat(at[0]).isBetween(0, redacted.length());
        assertThat(at[1]).isBetween(at[0], redacted.length());
        List<Redaction.Placed> touched = redaction.placed().get(0).stream()
                .filter(p -> p.originStart() < end && start < p.originEnd() || start == end && p.originStart() < start && start < p.originEnd()).toList();
        if (touched.isEmpty()) {
            assertThat(redacted.substring(at[0], at[1])).isEqualTo(text.substring(start, end));
        }
        for (Redaction.Placed p : touched) {
            assertThat(at[0]).isLessThanOrEqualTo(p.start());
            assertThat(at[1]).isGreaterThanOrEqualTo(start == end ? p.start() : p.end());
        }
    }

    /** A value found only in a second pass, once its neighbour was replaced: its placeholder is placed as well. */
    @Example
    void aValueOfALaterPassShouldBePlacedToo() {
        String text = "please Thanks,\n DE89 3704 0044 0532 0130 00 742 Evergreen Terrace call order card";
        Redaction redaction = redactor.redact(messages(List.of(text)), "US");
        assertThat(redaction.replacements().get(0)).as("precondition: two passes").hasSizeGreaterThan(detector.detect(text, "US").size());
        String redacted = redaction.messages().get(0).getContent();
        assertThat(redacted).isEqualTo("please Thanks,\n <IBAN_1> <LOCATION_1> call order card");
        int call = text.indexOf("call");
        int[] at = redaction.redactedSpan(0, call, text.length());
        assertThat(redacted.substring(at[0], at[1])).isEqualTo("call order card");
        int[] address = redaction.redactedSpan(0, text.indexOf("Evergreen"), text.indexOf(" call"));
        assertThat(redacted.substring(address[0], address[1])).isEqualTo("<LOCATION_1>");
    }

    @Example
    void aVaultOpensOnlyWithItsKeyAndForItsRequest() {
        RedactionVault vault = Vault.seal(Map.of("<EMAIL_1>", "a@b.example"), "req-1", "k1", TestConfig.VAULT_KEY);
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(Vault.open(vault, "req-1", Map.of("k1", TestConfig.VAULT_KEY))).containsEntry("<EMAIL_1>", "a@b.example");
        assertThatThrownBy(() -> Vault.open(vault, "req-2", Map.of("k1", TestConfig.VAULT_KEY))).hasMessageContaining("another request");
        assertThatThrownBy(() -> Vault.open(vault, "req-1", Map.of("k1", otherKey))).hasMessageContaining("does not open");
        assertThatThrownBy(() -> Vault.open(vault, "req-1", Map.of())).hasMessageContaining("no key 'k1'");
    }
}
