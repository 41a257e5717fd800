package dev.sluice.processors.admit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schemas.avro.LlmRequest;
import dev.sluice.schemas.json.AvroJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 request signatures over a canonical form of the request.
 *
 * <p>Canonical form: the request as plain JSON (see {@code AvroJson}) without its {@code signature},
 * with object keys sorted, and with nulls, empty arrays and empty objects left out, so that a new
 * optional field added to the schema does not change the signature of requests that leave it unset;
 * UTF-8, no whitespace. The signature is the lower-case hex of HMAC-SHA256(tenant key, canonical form).
 * Documented in {@code docs/signing.md} for callers in other languages.
 */
public final class RequestSigner {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ALGORITHM = "HmacSHA256";

    private RequestSigner() {
    }

    /** The canonical bytes that are signed. */
    public static byte[] canonicalForm(LlmRequest request) {
        JsonNode json = AvroJson.toJson(request);
        Object canonical = canonicalize(json);
        if (canonical instanceof Map<?, ?> map) {
            map.remove("signature");
        }
        try {
            return MAPPER.writeValueAsBytes(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write canonical form", e);
        }
    }

    /** Lower-case hex HMAC-SHA256 of the canonical form under {@code key}. */
    public static String sign(LlmRequest request, byte[] key) {
        return HexFormat.of().formatHex(mac(key, canonicalForm(request)));
    }

    /** Whether the request carries a valid signature under {@code key}; compares in constant time. */
    public static boolean verify(LlmRequest request, byte[] key) {
        String signature = request.getSignature();
        if (signature == null || signature.length() != 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(key, canonicalForm(request)));
    }

    /** A copy of the request carrying its signature. */
    public static LlmRequest signed(LlmRequest request, byte[] key) {
        return LlmRequest.newBuilder(request).setSignature(sign(request, key)).build();
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static Object canonicalize(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (value.isNull() || (value.isContainerNode() && value.isEmpty())) {
                    continue;
                }
                sorted.put(field.getKey(), canonicalize(value));
            }
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonicalize(item)));
            return items;
        }
        return node;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
