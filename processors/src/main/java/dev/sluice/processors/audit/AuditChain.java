package dev.sluice.processors.audit;

import dev.sluice.schemas.avro.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit log's hash chain: each event of an audit partition carries its position in the chain, the
 * previous event's hash, its own hash over that and its canonical content, and an HMAC-SHA256
 * signature of the hash with a key whose id it names. Changing, deleting, reordering or inserting a
 * record breaks the chain at that record ({@link AuditVerifier}).
 *
 * <p>The canonical content is built field by field (length-prefixed UTF-8, attributes sorted by
 * name), not from a serializer's bytes, so that a record still verifies when read with a later
 * schema version.
 */
public final class AuditChain {

    private AuditChain() {
    }

    /** {@code event} as the next link after {@code prevHash} at {@code sequence}, hashed and signed. */
    public static AuditEvent link(AuditEvent event, long sequence, String prevHash, String keyId, byte[] key) {
        AuditEvent linked = AuditEvent.newBuilder(event).setChainSequence(sequence).setPrevHash(prevHash).setKeyId(keyId)
                .setHash("").setSignature("").build();
        String hash = hash(linked);
        return AuditEvent.newBuilder(linked).setHash(hash).setSignature(sign(hash, key)).build();
    }

    /** SHA-256 (hex) of the event's canonical content, which includes its chain position and previous hash. */
    public static String hash(AuditEvent e) {
        StringBuilder c = new StringBuilder();
        field(c, e.getEventId());
        field(c, e.getRequestId());
        field(c, e.getTenant());
        field(c, Integer.toString(e.getSequence()));
        field(c, e.getStage());
        field(c, e.getDecision());
        field(c, e.getReason());
        Map<String, String> attributes = new TreeMap<>(e.getAttributes());
        field(c, Integer.toString(attributes.size()));
        attributes.forEach((k, v) -> {
            field(c, k);
            field(c, v);
        });
        field(c, e.getConfigVersion());
        field(c, e.getSource().getTopic());
        field(c, Integer.toString(e.getSource().getPartition()));
        field(c, Long.toString(e.getSource().getOffset()));
        field(c, Long.toString(e.getTimestamp().toEpochMilli()));
        field(c, Long.toString(e.getChainSequence()));
        field(c, e.getPrevHash());
        field(c, e.getKeyId());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void field(StringBuilder c, String value) {
        if (value == null) {
            c.append("-1:");
        } else {
            c.append(value.length()).append(':').append(value);
        }
        c.append('|');
    }

    public static String sign(String hash, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(hash.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
