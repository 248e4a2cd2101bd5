package com.twofactor.command.crypto;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of secret encryption and recovery-code hashing.
 *
 * <pre>
 * twofactor:
 *   crypto:
 *     active-key-id: 2025-06
 *     keys:
 *       - id: 2025-06
 *         key: ${TWOFACTOR_SECRET_KEY_2025_06}   # base64 of 32 random bytes, e.g. openssl rand -base64 32
 *       - id: 2024-11                           # older key, kept so existing secrets stay readable
 *         key: ${TWOFACTOR_SECRET_KEY_2024_11}
 *     recovery-code-iterations: 60000
 * </pre>
 *
 * @param activeKeyId            id of the key new secrets are encrypted with
 * @param keys                   every key still needed to decrypt a stored secret or check a stored recovery code
 * @param recoveryCodeIterations PBKDF2 iterations for newly issued recovery codes (older codes keep theirs)
 */
@ConfigurationProperties("twofactor.crypto")
record CryptoProperties(String activeKeyId, List<Key> keys, @DefaultValue("60000") int recoveryCodeIterations) {

    CryptoProperties {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /** One named key; {@link #toString()} never shows the key itself. */
    record Key(String id, String key) {

        @Override
        public String toString() {
            return "Key[id=" + id + ", key=<redacted>]";
        }
    }
}
