package dev.sluice.processors.audit;

import dev.sluice.schemas.avro.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks one audit partition's records, in offset order, against the hash chain: each record's
 * position follows the previous one's, its previous hash is the previous record's hash, its hash is
 * that of its content, and its signature is right for the key it names. Names the first record each
 * break is found at, so an auditor knows where to look.
 */
public final class AuditVerifier {

    /** A record as read: where it is and what it holds. */
    public record Entry(int partition, long offset, AuditEvent event) {
    }

    /** A break in the chain, at a record. */
    public record Problem(int partition, long offset, long chainSequence, String kind, String detail) {
        @Override
        public String toString() {
            return "partition " + partition + " offset " + offset + " (chain position " + chainSequence + "): " + kind + ": " + detail;
        }
    }

    private AuditVerifier() {
    }

    /**
     * @param entries one partition's records in offset order
     * @param keys    signing keys by id
     * @return the breaks, empty when the partition verifies
     */
    public static List<Problem> verify(List<Entry> entries, Map<String, byte[]> keys) {
        List<Problem> problems = new ArrayList<>();
        long expected = 0;
        String prevHash = "";
        for (Entry entry : entries) {
            AuditEvent e = entry.event();
            long seq = e.getChainSequence();
            if (seq < 0) {
                problems.add(new Problem(entry.partition(), entry.offset(), seq, "UNCHAINED", "the record carries no chain position"));
                continue;
            }
            if (!AuditChain.hash(e).equals(e.getHash())) {
                problems.add(new Problem(entry.partition(), entry.offset(), seq, "CHANGED", "its content does not match its hash (event " + e.getEventId() + ")"));
            }
            byte[] key = keys.get(e.getKeyId());
            if (key == null) {
                problems.add(new Problem(entry.partition(), entry.offset(), seq, "UNKNOWN_KEY", "signed with key '" + e.getKeyId() + "', which is not configured"));
            } else if (!MessageDigest.isEqual(AuditChain.sign(e.getHash(), key).getBytes(StandardCharsets.US_ASCII),
                    e.getSignature().getBytes(StandardCharsets.US_ASCII))) {
                problems.add(new Problem(entry.partition(), entry.offset(), seq, "BAD_SIGNATURE", "the signature does not match its hash (inserted or re-hashed)"));
            }
            if (seq > expected) {
                problems.add(new Problem(entry.partition(), entry.offset(), seq, "DELETED",
                        (seq - expected) + " record(s) missing before it (chain positions " + expected + ".." + (seq - 1) + ")"));
            } else if (seq < expected) {
                problems.add(new Problem(entry.partition(), entry.offset(), seq, "REORDERED_OR_DUPLICATED",
                        "chain position " + seq + " where " + expected + " was due"));
            } else if (!e.getPrevHash().equals(prevHash)) {
                problems.add(new Problem(entry.partition(), entry.offset(), seq, "BROKEN_LINK",
                        "its previous hash is not the previous record's hash (a record before it was changed or replaced)"));
            }
            expected = Math.max(expected, seq + 1);
            prevHash = e.getHash();
        }
        return problems;
    }
}
