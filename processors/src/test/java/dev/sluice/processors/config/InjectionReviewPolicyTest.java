package dev.sluice.processors.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.processors.TestConfig;
import dev.sluice.processors.config.GatewayConfig.PolicyRules;
import dev.sluice.schemas.avro.PolicyVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** policy.injectionReviewThreshold: the band below the rejection threshold in which a request waits for a person. */
class InjectionReviewPolicyTest {

    private static PolicyRules rules(double reject, double review) {
        return new PolicyRules(Map.of(), Map.of(), List.of(), reject, true, List.of(), List.of("legal"), List.of(), Duration.ofHours(1), review, PolicyRules.WITHHOLD);
    }

    @Test
    void onlyAScoreInTheBandShouldAskForApproval() {
        PolicyRules rules = rules(0.7, 0.5);
        assertThat(rules.approvalRule("finance", "invoices", 0.55)).isEqualTo("policy.injectionReviewThreshold 0.50: injection score 0.55 (rejected from 0.70)");
        assertThat(rules.approvalRule("finance", "invoices", 0.49)).isNull();
        assertThat(rules.approvalRule("finance", "invoices", 0.70)).as("rejected by the policy stage, not reviewed").isNull();
        assertThat(rules.approvalRule("legal", "contracts", 0.1)).isEqualTo("policy.approvalDomains includes legal");
        assertThat(rules(0.7, 0.7).approvalRule("finance", "invoices", 0.69)).as("no band").isNull();
        // the band is named by the rules, not read back from the rule's words
        assertThat(rules.inInjectionReviewBand(0.55)).isTrue();
        assertThat(rules.inInjectionReviewBand(0.49)).isFalse();
        assertThat(rules.inInjectionReviewBand(0.70)).isFalse();
    }

    @Test
    void aReviewThresholdAboveTheRejectionThresholdShouldBeRefused() {
        assertThatThrownBy(() -> rules(0.7, 0.8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy.injectionReviewThreshold");
        PolicyVersion.Builder version = PolicyVersion.newBuilder().setVersion("v9").setEffectiveFrom(Instant.parse("2026-12-01T00:00:00Z"))
                .setChangedBy("alice").setInjectionThreshold(0.7);
        PolicyBook book = new PolicyBook(TestConfig.config());
        assertThat(book.put(version.setInjectionReviewThreshold(0.9).build())).contains("policy v9").contains("policy.injectionReviewThreshold");
        assertThat(book.put(version.setInjectionReviewThreshold(null).build())).isNull();
        assertThat(PolicyBook.rules(version.setInjectionReviewThreshold(null).build()).injectionReviewThreshold()).as("none: no band").isEqualTo(0.7);
    }
}
