package com.twofactor.command.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import com.twofactor.api.user.EncryptedSecret;
import com.twofactor.api.user.UserSecurityId;

/**
 * Encrypts TOTP secrets with AES-256-GCM so they are never stored in clear in the event store.
 *
 * <p>Each encryption draws a fresh 96-bit nonce and binds the ciphertext to its owner: the owner's id is the
 * associated data, so a ciphertext copied into another user's events does not decrypt. New ciphertexts use
 * the ring's active key; decryption uses the key named in the {@link EncryptedSecret}, so keys can rotate.
 *
 * <p>Without Spring: {@code new SecretCipher(SecretKeyRing.withRandomKey("test"))}.
 */
public class SecretCipher {

    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final SecretKeyRing keyRing;
    private final SecureRandom random;

    public SecretCipher(SecretKeyRing keyRing) {
        this(keyRing, new SecureRandom());
    }

    public SecretCipher(SecretKeyRing keyRing, SecureRandom random) {
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @throws IllegalArgumentException if the secret is not base32
     * @throws SecretCipherException    if encryption fails
     */
    public EncryptedSecret encrypt(String base32Secret, UserSecurityId owner) {
        Objects.requireNonNull(base32Secret, "base32Secret");
        Objects.requireNonNull(owner, "owner");
        Base32.decode(base32Secret);
        String keyId = keyRing.activeKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plaintext = base32Secret.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keyRing.key(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(owner));
            byte[] ciphertext = cipher.doFinal(plaintext);
            Base64.Encoder base64 = Base64.getEncoder();
            return new EncryptedSecret(keyId, base64.encodeToString(nonce), base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("Could not encrypt the TOTP secret of " + owner + " with key '" + keyId + "'", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * @throws SecretCipherException if the key id is unknown, the data was altered or belongs to another owner
     */
    public String decrypt(EncryptedSecret encrypted, UserSecurityId owner) {
        Objects.requireNonNull(encrypted, "encrypted");
        Objects.requireNonNull(owner, "owner");
        String keyId = encrypted.keyId();
        String failure = "Could not decrypt the TOTP secret of " + owner + " with key '" + keyId + "'";
        if (keyId == null || !keyRing.contains(keyId)) {
            throw new SecretCipherException(failure + ": the key id is not configured", null);
        }
        if (encrypted.nonce() == null || encrypted.ciphertext() == null) {
            throw new SecretCipherException(failure + ": nonce or ciphertext is missing", null);
        }
        byte[] nonce;
        byte[] ciphertext;
        try {
            nonce = Base64.getDecoder().decode(encrypted.nonce());
            ciphertext = Base64.getDecoder().decode(encrypted.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException(failure + ": nonce or ciphertext is not base64", null);
        }
        if (nonce.length != NONCE_BYTES) {
            throw new SecretCipherException(failure + ": the nonce is not " + NONCE_BYTES + " bytes", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, keyRing.key(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(owner));
            byte[] plaintext = cipher.doFinal(ciphertext);
            try {
                return new String(plaintext, StandardCharsets.UTF_8);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            // AEADBadTagException: altered data, another owner, or another key under the same id.
            throw new SecretCipherException(failure + ": authentication failed", e);
        }
    }

    private static byte[] associatedData(UserSecurityId owner) {
        return owner.toString().getBytes(StandardCharsets.UTF_8);
    }
}
