package dev.sluice.processors.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.config.GatewayConfig.ClassifierRules;
import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Classification;
import dev.sluice.schemas.avro.Role;
import dev.sluice.schemas.avro.Sensitivity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Domains and sensitive terms found in any word form, the kinds of a domain's anchor nouns (WordNet), and the confidences of sensitivity and tier. */
class DomainTermsTest {

    private static TermLexicon.Matches match(TermLexicon lexicon, String text) {
        return lexicon.match(TermLexicon.words(text.toLowerCase(java.util.Locale.ROOT)), true);
    }

    @Test
    void aKeywordShouldBeFoundInItsInflectedForms() {
        TermLexicon lexicon = new TermLexicon(Map.of("finance", List.of("invoice", "tax", "audit", "policy", "accounts payable"),
                "legal", List.of("contract")), Map.of());
        assertThat(match(lexicon, "Check the invoices, the invoiced sums and the invoicing run").found())
                .containsOnlyKeys("invoices", "invoiced", "invoicing");
        assertThat(match(lexicon, "taxes were audited; auditing the policies").found()).containsOnlyKeys("taxes", "audited", "auditing", "policies");
        assertThat(match(lexicon, "Our Accounts-Payable team? No: the accounts payables").found()).containsOnlyKeys("accounts payables");
        // a word's own ending is not an inflection: "business" is no "busines", "ties" no "ty", short words are as written
        assertThat(match(lexicon, "business ties, taxi, contracting parties").found()).containsOnlyKeys("contracting");
        TermLexicon.Matches m = match(lexicon, "two contracts and one invoice");
        assertThat(m.hits()).containsExactly(1, 1); // labels in name order: finance, legal
    }

    @Test
    void aTermOfSeveralLabelsShouldCountAPartForEach() {
        TermLexicon lexicon = new TermLexicon(Map.of("finance", List.of("refund"), "support", List.of("refund", "customer")), Map.of());
        TermLexicon.Matches m = match(lexicon, "The customer asked for a refund.");
        assertThat(m.scores()).containsExactly(0.5, 1.5);
        assertThat(m.found()).containsEntry("refund", List.of("finance", "support"));
    }

    @Test
    void anAnchorShouldBringTheSpecificKindsBelowItButNotEverydayWords() {
        assertThat(Kinds.below("disease")).contains("disease", "asthma", "hepatitis");
        assertThat(Kinds.below("lawsuit")).contains("lawsuit", "class action");
        assertThat(Kinds.below("law")).contains("tort", "subpoena"); // "subpoena", once a verb in WordNet's texts, is too rare to judge
        // the anchor's sense decides: accounting as the system of records, not "an accounting" of events
        assertThat(Kinds.below("accounting#2")).contains("accounting").doesNotContain("explanation");
        // words of many senses or common use sit under some anchor in one sense and name no domain
        assertThat(Kinds.below("personnel#2")).doesNotContain("force");
        assertThat(Kinds.below("database")).doesNotContain("list");
        assertThat(Kinds.below("no-such-noun-xyz")).containsExactly("no-such-noun-xyz");
    }

    private static Classifier classifier() {
        return new Classifier(new ClassifierRules(
                Map.of("health", List.of("patient"), "legal", List.of("contract"), "support", List.of("refund", "customer"),
                        "finance", List.of("invoice")),
                List.of("salary", "merger"), ClassifierRules.KEYWORDS, Map.of(), 0.3,
                Map.of("health", List.of("disease", "medical procedure"), "legal", List.of("law"))), new PiiDetector(), new InjectionDetector());
    }

    private static Classification classify(String text) {
        return classifier().classify(List.of(new ChatMessage(Role.USER, text, null, null)), null, "US", false);
    }

    @Test
    void theDomainShouldBeReadFromWordFormsAndKinds() {
        assertThat(classify("Summarise these patients' notes").getDomain()).isEqualTo("health");
        assertThat(classify("Explain asthma and hepatitis to a carer").getDomain()).isEqualTo("health"); // kinds of disease
        assertThat(classify("Draft a reply to the subpoena").getDomain()).isEqualTo("legal"); // a word of the law
        assertThat(classify("Review both contracts before Friday").getDomain()).isEqualTo("legal");
        assertThat(classify("Write a haiku about the sea").getDomain()).isEqualTo("general");
        Classification c = classify("An invoice, a second invoice and one contract");
        assertThat(c.getDomain()).isEqualTo("finance");
        assertThat(c.getDomainConfidence()).isEqualTo(2.0 / 3);
    }

    @Test
    void personalDataShouldNotNameADomain() {
        // "jane.doe" holds "Jane Doe", which WordNet files under law; the address is redacted, not read for the domain
        assertThat(classify("jane.doe@example.com about the refund").getDomain()).isEqualTo("support");
        assertThat(classify("Forward this to jane.doe@example.com").getDomain()).isEqualTo("general");
    }

    @Test
    void aSensitiveTermShouldCountInItsPlural() {
        assertThat(classify("List the salaries of the sales team").getSensitivity()).isEqualTo(Sensitivity.CONFIDENTIAL);
        assertThat(classify("Two mergers were announced").getSensitivity()).isEqualTo(Sensitivity.CONFIDENTIAL);
        assertThat(classify("List the meeting rooms").getSensitivity()).isEqualTo(Sensitivity.INTERNAL);
    }

    @Test
    void theSensitivityShouldBeAsSureAsTheSurestFindingThatRaisedIt() {
        Classification card = classify("Charge card 4111 1111 1111 1111 for the order");
        assertThat(card.getSensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(card.getSensitivityConfidence()).isGreaterThanOrEqualTo(0.95);
        Classification name = classify("Ask Maria Schneider about the meeting");
        assertThat(name.getSensitivity()).isEqualTo(Sensitivity.CONFIDENTIAL);
        assertThat(name.getSensitivityConfidence()).isBetween(0.4, 0.95);
        // a configured term, the caller's own label and the INTERNAL floor are the level by rule
        assertThat(classify("Two mergers were announced").getSensitivityConfidence()).isEqualTo(1.0);
        assertThat(classify("Write a haiku about the sea").getSensitivityConfidence()).isEqualTo(1.0);
        Classification labelled = classifier().classify(List.of(new ChatMessage(Role.USER, "Ask Maria Schneider about it", null, null)),
                Sensitivity.RESTRICTED, "US", false);
        assertThat(labelled.getSensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(labelled.getSensitivityConfidence()).isEqualTo(1.0);
    }

    @Test
    void theTierShouldBeAsSureAsThePromptIsFarFromItsBoundaries() {
        assertThat(Classifier.tierConfidence("simple", 0, 0, false)).isEqualTo(1.0);
        assertThat(Classifier.tierConfidence("simple", 399, 0, false)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Classifier.tierConfidence("standard", 401, 0, false)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Classifier.tierConfidence("standard", 1000, 1, false)).isCloseTo(0.5 + 0.5 * (2.0 / 3), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Classifier.tierConfidence("complex", 6001, 0, false)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Classifier.tierConfidence("complex", 12000, 0, false)).isEqualTo(1.0);
        assertThat(Classifier.tierConfidence("complex", 500, 3, false)).isEqualTo(0.625); // three cues: just over
        assertThat(Classifier.tierConfidence("complex", 500, 2, true)).isEqualTo(1.0); // a structured answer with two cues
        Classification c = classify("Write a haiku about the sea");
        assertThat(c.getTier()).isEqualTo("simple");
        assertThat(c.getTierConfidence()).isEqualTo(Classifier.tierConfidence("simple", "Write a haiku about the sea\n".length(), 0, false));
    }

    @Test
    void theExplanationShouldNameTheTermsFound() {
        Classifier.Explanation e = classifier().explain(List.of(new ChatMessage(Role.USER, "The customer wants a refund for the asthma inhaler", null, null)),
                null, "US", false);
        assertThat(e.domainTerms()).containsEntry("customer", List.of("support")).containsEntry("refund", List.of("support"))
                .containsEntry("asthma", List.of("health"));
        assertThat(e.domainHits()).containsEntry("support", 2).containsEntry("health", 1);
        assertThat(e.result().classification().getDomain()).isEqualTo("support");
    }
}
