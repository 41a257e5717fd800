package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.audit.AuditChain;
import dev.sluice.processors.audit.AuditVerifier;
import dev.sluice.processors.audit.AuditVerifier.Entry;
import dev.sluice.processors.audit.AuditVerifier.Problem;
import dev.sluice.schemas.avro.AuditEvent;
import dev.sluice.schemas.avro.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit chain finds each kind of tampering and names the record: change, delete, reorder, insert. */
class AuditChainTest {

    private static final byte[] KEY = "audit-test-key-0123456789abcdef-0123".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, byte[]> KEYS = Map.of("k1", KEY);

    private static AuditEvent event(int i) {
        return AuditEvent.newBuilder().setEventId("r-" + i + "#0").setRequestId("r-" + i).setTenant("acme").setSequence(0).setStage("route")
                .setDecision("ROUTED").setReason(null).setAttributes(Map.of("tier", "standard", "reservedMicros", Integer.toString(100 + i)))
                .setConfigVersion("v1").setSource(new SourceCoordinates("t", 0, (long) i)).setTimestamp(Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i))
                .build();
    }

    /** Six linked events of partition 0 at offsets 0..5. */
    private static List<Entry> chain() {
        List<Entry> out = new ArrayList<>();
        String prev = "";
        for (int i = 0; i < 6; i++) {
            AuditEvent linked = AuditChain.link(event(i), i, prev, "k1", KEY);
            out.add(new Entry(0, i, linked));
            prev = linked.getHash();
        }
        return out;
    }

    /** The entries with offsets renumbered as a topic would hold them. */
    private static List<Entry> asWritten(List<Entry> entries) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            out.add(new Entry(0, i, entries.get(i).event()));
        }
        return out;
    }

    @Test
    void anUntouchedChainShouldVerify() {
        assertThat(AuditVerifier.verify(chain(), KEYS)).isEmpty();
    }

    @Test
    void aChangedRecordShouldBeNamed() {
        List<Entry> entries = chain();
        AuditEvent changed = AuditEvent.newBuilder(entries.get(2).event()).setAttributes(Map.of("tier", "premium", "reservedMicros", "102")).build();
        entries.set(2, new Entry(0, 2, changed));
        assertThat(AuditVerifier.verify(entries, KEYS)).extracting(Problem::offset, Problem::kind).containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "CHANGED"));
    }

    @Test
    void aDeletedRecordShouldBeNamedAtTheRecordAfterIt() {
        List<Entry> entries = chain();
        entries.remove(3);
        List<Problem> problems = AuditVerifier.verify(asWritten(entries), KEYS);
        assertThat(problems).extracting(Problem::offset, Problem::kind).containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "DELETED"));
        assertThat(problems.get(0).detail()).contains("chain positions 3..3");
    }

    @Test
    void reorderedRecordsShouldBeNamed() {
        List<Entry> entries = chain();
        Entry second = entries.get(2);
        entries.set(2, entries.get(3));
        entries.set(3, second);
        List<Problem> problems = AuditVerifier.verify(asWritten(entries), KEYS);
        assertThat(problems).extracting(Problem::offset, Problem::kind).contains(org.assertj.core.groups.Tuple.tuple(3L, "REORDERED_OR_DUPLICATED"));
        assertThat(problems).extracting(Problem::offset).allMatch(offset -> offset >= 2 && offset <= 4);
    }

    @Test
    void anInsertedRecordShouldBeNamedEvenWithAConsistentHash() {
        List<Entry> entries = chain();
        // a forger links a record properly but cannot sign it with the audit key
        AuditEvent forged = AuditChain.link(event(99), 3, entries.get(2).event().getHash(), "k1", "not-the-audit-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        entries.add(3, new Entry(0, 3, forged));
        List<Problem> problems = AuditVerifier.verify(asWritten(entries), KEYS);
        assertThat(problems).extracting(Problem::offset, Problem::kind).contains(org.assertj.core.groups.Tuple.tuple(3L, "BAD_SIGNATURE"),
                org.assertj.core.groups.Tuple.tuple(4L, "REORDERED_OR_DUPLICATED"));
    }

    @Test
    void aRecordSignedWithAnUnknownKeyShouldBeNamed() {
        List<Entry> entries = chain();
        assertThat(AuditVerifier.verify(entries, Map.of("k2", KEY))).hasSize(6).allMatch(p -> p.kind().equals("UNKNOWN_KEY"));
    }
}
