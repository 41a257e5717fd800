package dev.sluice.processors.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schemas.avro.RedactionVault;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a request's placeholder mapping with AES-256-GCM (the JDK's implementation) and opens it
 * again for an authorised consumer, who can then restore the values in a response. The request id
 * is the additional authenticated data: a vault copied onto another request does not open.
 */
public final class Vault {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z_]+_\\d+>");
    private static final int TAG_BITS = 128;

    private Vault() {
    }

    public static RedactionVault seal(Map<String, String> mapping, String requestId, String keyId, byte[] key) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(MAPPER.writeValueAsBytes(new TreeMap<>(mapping)));
            return new RedactionVault(keyId, ByteBuffer.wrap(iv), ByteBuffer.wrap(ciphertext));
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot seal the redaction mapping", e);
        }
    }

    /** The mapping, or an exception when the key is unknown or the vault was tampered with or moved. */
    public static Map<String, String> open(RedactionVault vault, String requestId, Map<String, byte[]> keys) {
        byte[] key = keys.get(vault.getKeyId());
        if (key == null) {
            throw new IllegalArgumentException("no key '" + vault.getKeyId() + "' to open the redaction vault of " + requestId);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, bytes(vault.getIv())));
            cipher.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
            return MAPPER.readValue(cipher.doFinal(bytes(vault.getCiphertext())), new TypeReference<Map<String, String>>() { });
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the redaction vault of " + requestId + " does not open with key '" + vault.getKeyId()
                    + "': wrong key, tampered, or belongs to another request", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable redaction mapping", e);
        }
    }

    /** Puts the original values back in place of the placeholders the text contains; unknown placeholders stay. */
    public static String restore(String text, Map<String, String> mapping) {
        String current = text;
        for (int pass = 0; pass < 3; pass++) { // a later redaction pass may have wrapped an earlier placeholder
            Matcher m = PLACEHOLDER.matcher(current);
            StringBuilder out = new StringBuilder(current.length());
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(mapping.getOrDefault(m.group(), m.group())));
            }
            m.appendTail(out);
            if (out.toString().equals(current)) {
                break;
            }
            current = out.toString();
        }
        return current;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
