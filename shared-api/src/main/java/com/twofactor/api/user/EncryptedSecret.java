package com.twofactor.api.user;

/**
 * A TOTP secret encrypted with AES-256-GCM.
 *
 * @param keyId      which configured key encrypted it, so keys can rotate
 * @param nonce      the 96-bit nonce, base64
 * @param ciphertext the ciphertext followed by the 128-bit tag, base64
 */
public record EncryptedSecret(String keyId, String nonce, String ciphertext) {
}
