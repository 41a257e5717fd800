package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The embedded node's broker and controller listeners get two different ports, never the one the caller fixed. */
class EmbeddedKafkaPortsTest {

    @Test
    void thePortsShouldBeDistinctAndAvoidTheFixedOne() throws Exception {
        for (int round = 0; round < 200; round++) {
            int[] ports = EmbeddedKafka.freePorts(2, 0);
            assertThat(ports[0]).isNotEqualTo(ports[1]).isPositive();
            int fixed = ports[0];
            int[] others = EmbeddedKafka.freePorts(3, fixed);
            assertThat(others).doesNotContain(fixed);
            assertThat(Arrays.stream(others).distinct().count()).isEqualTo(3);
        }
    }
}
