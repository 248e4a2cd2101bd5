package com.twofactor.command.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.twofactor.api.user.EncryptedSecret;
import com.twofactor.api.user.UserSecurityId;

class SecretCipherTest {

    private static final UserSecurityId JANE = new UserSecurityId("org-1", "jane");
    private static final UserSecurityId JOHN = new UserSecurityId("org-1", "john");

    private final byte[] oldKey = randomKey();
    private final byte[] newKey = randomKey();
    private final SecretCipher cipher = new SecretCipher(new SecretKeyRing("k1", Map.of("k1", oldKey)));
    private final String secret = new Totp().newSecret();

    @Test
    void aSecretEncryptedForAnOwnerDecryptsForThatOwner() {
        EncryptedSecret encrypted = cipher.encrypt(secret, JANE);

        assertThat(encrypted.keyId()).isEqualTo("k1");
        assertThat(Base64.getDecoder().decode(encrypted.nonce())).hasSize(12);
        assertThat(Base64.getDecoder().decode(encrypted.ciphertext())).hasSize(secret.length() + 16);
        assertThat(cipher.decrypt(encrypted, JANE)).isEqualTo(secret);
    }

    @Test
    void theSecretDoesNotAppearInTheEncryptedForm() {
        EncryptedSecret encrypted = cipher.encrypt(secret, JANE);

        assertThat(encrypted.toString()).doesNotContain(secret);
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        EncryptedSecret first = cipher.encrypt(secret, JANE);
        EncryptedSecret second = cipher.encrypt(secret, JANE);

        assertThat(second.nonce()).isNotEqualTo(first.nonce());
        assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
    }

    @Test
    void aTamperedCiphertextFailsToDecrypt() {
        EncryptedSecret encrypted = cipher.encrypt(secret, JANE);
        byte[] bytes = Base64.getDecoder().decode(encrypted.ciphertext());
        bytes[0] ^= 0x01;
        EncryptedSecret tampered = new EncryptedSecret(encrypted.keyId(), encrypted.nonce(), Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> cipher.decrypt(tampered, JANE)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void aTamperedNonceFailsToDecrypt() {
        EncryptedSecret encrypted = cipher.encrypt(secret, JANE);
        byte[] nonce = Base64.getDecoder().decode(encrypted.nonce());
        nonce[11] ^= 0x01;
        EncryptedSecret tampered = new EncryptedSecret(encrypted.keyId(), Base64.getEncoder().encodeToString(nonce), encrypted.ciphertext());

        assertThatThrownBy(() -> cipher.decrypt(tampered, JANE)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void aCiphertextCopiedToAnotherUserFailsToDecrypt() {
        EncryptedSecret encrypted = cipher.encrypt(secret, JANE);

        assertThatThrownBy(() -> cipher.decrypt(encrypted, JOHN)).isInstanceOf(SecretCipherException.class);
        assertThatThrownBy(() -> cipher.decrypt(encrypted, new UserSecurityId("org-2", "jane")))
                .isInstanceOf(SecretCipherException.class);
    }

    @Test
    void afterRotationOldSecretsDecryptWithTheirKeyAndNewOnesUseTheActiveKey() {
        EncryptedSecret underOldKey = cipher.encrypt(secret, JANE);
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", oldKey);
        keys.put("k2", newKey);
        SecretCipher rotated = new SecretCipher(new SecretKeyRing("k2", keys));

        EncryptedSecret underNewKey = rotated.encrypt(secret, JANE);

        assertThat(rotated.decrypt(underOldKey, JANE)).isEqualTo(secret);
        assertThat(underNewKey.keyId()).isEqualTo("k2");
        assertThat(rotated.decrypt(underNewKey, JANE)).isEqualTo(secret);
        assertThatThrownBy(() -> cipher.decrypt(underNewKey, JANE))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("'k2'");
    }

    @Test
    void aDifferentKeyUnderTheSameIdFailsToDecrypt() {
        EncryptedSecret encrypted = cipher.encrypt(secret, JANE);
        SecretCipher impostor = new SecretCipher(new SecretKeyRing("k1", Map.of("k1", newKey)));

        assertThatThrownBy(() -> impostor.decrypt(encrypted, JANE)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void failuresNeverRevealTheKeyOrTheSecret() {
        EncryptedSecret encrypted = cipher.encrypt(secret, JANE);

        assertThatThrownBy(() -> cipher.decrypt(encrypted, JOHN))
                .satisfies(failure -> assertThat(fullText(failure))
                        .doesNotContain(secret)
                        .doesNotContain(Base64.getEncoder().encodeToString(oldKey)));
        assertThatThrownBy(() -> cipher.decrypt(new EncryptedSecret("k1", "not base64!", "x"), JANE))
                .isInstanceOf(SecretCipherException.class);
        assertThatThrownBy(() -> cipher.decrypt(new EncryptedSecret("k1", encrypted.nonce().substring(4), encrypted.ciphertext()), JANE))
                .isInstanceOf(SecretCipherException.class);
    }

    @Test
    void onlyBase32SecretsAreEncrypted() {
        assertThatThrownBy(() -> cipher.encrypt("not a secret!", JANE)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String fullText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
