package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.processors.config.GatewayConfig;
import dev.sluice.topology.config.GatewayConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy file's injection review band is read, checked against the rejection threshold, and absent by default; so is
 * what validate does with a leaking answer.
 */
class PolicyFileTest {

    @TempDir
    Path dir;

    private Path file(String body) throws Exception {
        Path file = dir.resolve("policy-" + body.hashCode() + ".yaml");
        Files.writeString(file, "version: v7\neffectiveFrom: 2026-12-01T00:00:00Z\ninjectionThreshold: 0.7\n" + body);
        return file;
    }

    @Test
    void theReviewThresholdShouldBeReadAndChecked() throws Exception {
        GatewayConfig gateway = new GatewayConfigLoader(System::getenv).loadDefault().gateway();
        assertThat(PoliciesCommand.read(file("injectionReviewThreshold: 0.55\n"), gateway, "alice", null).getInjectionReviewThreshold()).isEqualTo(0.55);
        assertThat(PoliciesCommand.read(file(""), gateway, "alice", null).getInjectionReviewThreshold()).isNull();
        assertThatThrownBy(() -> PoliciesCommand.read(file("injectionReviewThreshold: 0.9\n"), gateway, "alice", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy.injectionReviewThreshold must be in (0, policy.injectionThreshold]");
    }

    @Test
    void theAnswerLeakActionShouldBeReadAndChecked() throws Exception {
        GatewayConfig gateway = new GatewayConfigLoader(System::getenv).loadDefault().gateway();
        assertThat(PoliciesCommand.read(file("answerLeaks: audit\n"), gateway, "alice", null).getAnswerLeaks()).isEqualTo("audit");
        // absent: the versions before the field withhold, and so does a new one that does not say
        assertThat(PoliciesCommand.read(file(""), gateway, "alice", null).getAnswerLeaks()).isNull();
        assertThatThrownBy(() -> PoliciesCommand.read(file("answerLeaks: maybe\n"), gateway, "alice", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy.answerLeaks must be withhold or audit, not maybe");
    }
}
