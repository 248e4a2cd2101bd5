package com.twofactor.command.crypto;

/**
 * A TOTP secret could not be encrypted or decrypted: wrong owner, tampered data or an unknown key id.
 * The message names the owner and key id only, never key material or the secret.
 */
public class SecretCipherException extends RuntimeException {

    SecretCipherException(String message, Throwable cause) {
        super(message, cause);
    }
}
