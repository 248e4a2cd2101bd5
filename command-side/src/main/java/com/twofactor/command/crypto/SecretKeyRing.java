package com.twofactor.command.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.twofactor.platform.runtime.RuntimeMode;

/**
 * The named 256-bit keys this service encrypts TOTP secrets with, and the recovery-code lookup keys derived
 * from them.
 *
 * <p>One key is <em>active</em> (used for new ciphertexts and new recovery codes); the others stay so that
 * data written under them remains readable. Retire a key only once no stored secret or recovery code names it.
 *
 * <p>Without Spring: {@code new SecretKeyRing("k1", Map.of("k1", thirtyTwoBytes))}, or
 * {@link #withRandomKey(String)} in tests. In the application the ring is built from {@code twofactor.crypto.*}
 * (see {@link CryptoProperties}), or, in the embedded mode only, from a local key file.
 */
public final class SecretKeyRing {

    /** Key length in bytes: AES-256. */
    public static final int KEY_BYTES = 32;

    static final String LOOKUP_KEY_LABEL = "twofactor recovery-code lookup v1";

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;
    private final Map<String, byte[]> lookupKeys;

    /**
     * @param activeKeyId id of the key to encrypt with; must be one of {@code keys}
     * @param keys        key id → 32 key bytes (copied)
     * @throws IllegalArgumentException if a rule is broken; the message never contains key material
     */
    public SecretKeyRing(String activeKeyId, Map<String, byte[]> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one key is required");
        }
        Map<String, SecretKey> secretKeys = new LinkedHashMap<>();
        Map<String, byte[]> derived = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("Key ids must not be blank");
            }
            if (bytes == null || bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("Key '" + id + "' must be exactly " + KEY_BYTES + " bytes");
            }
            secretKeys.put(id, new SecretKeySpec(bytes, "AES"));
            derived.put(id, hmacSha256(bytes, LOOKUP_KEY_LABEL.getBytes(StandardCharsets.UTF_8)));
        });
        if (activeKeyId == null || !secretKeys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("Active key id '" + activeKeyId + "' is not one of the key ids " + secretKeys.keySet());
        }
        this.activeKeyId = activeKeyId;
        this.keys = Collections.unmodifiableMap(secretKeys);
        this.lookupKeys = Collections.unmodifiableMap(derived);
    }

    /** A ring of one fresh random key, for tests and tools. */
    public static SecretKeyRing withRandomKey(String keyId) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new SecretKeyRing(keyId, Map.of(keyId, key));
    }

    /**
     * The ring the application runs with: the configured keys if any; else, in the embedded mode only, the local
     * key file under the data directory; else a start-up failure naming the properties to set.
     */
    static SecretKeyRing fromProperties(CryptoProperties properties, RuntimeMode runtimeMode) {
        List<CryptoProperties.Key> configured = properties.keys();
        if (configured.isEmpty()) {
            if (properties.activeKeyId() != null && !properties.activeKeyId().isBlank()) {
                throw new IllegalStateException("twofactor.crypto.active-key-id is set but twofactor.crypto.keys is empty: "
                        + "configure the keys (id and base64 of " + KEY_BYTES + " random bytes) or remove the active key id");
            }
            if (runtimeMode.embedded()) {
                return LocalKeyFile.loadOrCreate(runtimeMode.dataDirectory(), new SecureRandom());
            }
            throw new IllegalStateException("No secret-encryption key is configured. Set twofactor.crypto.active-key-id and "
                    + "twofactor.crypto.keys[0].id / twofactor.crypto.keys[0].key (base64 of " + KEY_BYTES
                    + " random bytes, e.g. from 'openssl rand -base64 32'). Only the embedded mode creates a local key.");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (int i = 0; i < configured.size(); i++) {
            CryptoProperties.Key key = configured.get(i);
            String property = "twofactor.crypto.keys[" + i + "]";
            if (key.id() == null || key.id().isBlank()) {
                throw new IllegalStateException(property + ".id must not be blank");
            }
            if (keys.containsKey(key.id())) {
                throw new IllegalStateException(property + ".id '" + key.id() + "' is used by more than one key");
            }
            byte[] bytes = decodeKey(key.key());
            if (bytes == null || bytes.length != KEY_BYTES) {
                throw new IllegalStateException(property + ".key (id '" + key.id() + "') must be base64 of exactly "
                        + KEY_BYTES + " bytes (e.g. from 'openssl rand -base64 32')");
            }
            keys.put(key.id(), bytes);
        }
        String active = properties.activeKeyId();
        if (active == null || active.isBlank()) {
            throw new IllegalStateException("twofactor.crypto.active-key-id must be set to one of the configured key ids " + keys.keySet());
        }
        if (!keys.containsKey(active)) {
            throw new IllegalStateException("twofactor.crypto.active-key-id '" + active
                    + "' is not one of the configured key ids " + keys.keySet());
        }
        return new SecretKeyRing(active, keys);
    }

    /** Decodes base64 (standard or URL-safe); null when it is not base64. Never reports the input. */
    static byte[] decodeKey(String base64) {
        if (base64 == null) {
            return null;
        }
        String trimmed = base64.strip();
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(trimmed);
            } catch (IllegalArgumentException notUrlSafe) {
                return null;
            }
        }
    }

    /** The id of the key new data is protected with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Every key id in the ring, active one included. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    public boolean contains(String keyId) {
        return keys.containsKey(keyId);
    }

    /** @throws IllegalArgumentException if the ring has no key with this id */
    SecretKey key(String keyId) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalArgumentException("Key id '" + keyId + "' is not configured");
        }
        return key;
    }

    /**
     * HMAC-SHA256(key, {@value #LOOKUP_KEY_LABEL}): the key recovery-code lookup ids are computed with, separate
     * from the encryption key itself.
     *
     * @throws IllegalArgumentException if the ring has no key with this id
     */
    public byte[] lookupKey(String keyId) {
        byte[] lookupKey = lookupKeys.get(keyId);
        if (lookupKey == null) {
            throw new IllegalArgumentException("Key id '" + keyId + "' is not configured");
        }
        return lookupKey.clone();
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SecretKeyRing[active=" + activeKeyId + ", keyIds=" + new ArrayList<>(keys.keySet()) + "]";
    }
}
