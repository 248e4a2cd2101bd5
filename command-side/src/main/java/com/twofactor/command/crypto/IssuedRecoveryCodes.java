package com.twofactor.command.crypto;

import java.util.List;

import com.twofactor.api.user.RecoveryCodeHash;

/**
 * A freshly issued batch of recovery codes: the plain codes to show the user once, and what may be stored.
 *
 * <p>Only {@link #hashes()}, {@link #lookupKeyId()} and {@link #algorithm()} belong in an event; the plain
 * codes go to the user in the command's result and nowhere else. {@link #toString()} leaves them out.
 *
 * @param plainCodes  the codes as shown, {@code XXXXX-XXXXX}
 * @param hashes      the stored form of each code, same order
 * @param lookupKeyId the key id whose lookup key computed the lookup ids; pass it back to {@link RecoveryCodes#find}
 * @param algorithm   the key-derivation function and its cost, e.g. {@code pbkdf2-sha256:60000}; pass it back too
 */
public record IssuedRecoveryCodes(List<String> plainCodes, List<RecoveryCodeHash> hashes, String lookupKeyId, String algorithm) {

    public IssuedRecoveryCodes {
        plainCodes = List.copyOf(plainCodes);
        hashes = List.copyOf(hashes);
    }

    @Override
    public String toString() {
        return "IssuedRecoveryCodes[plainCodes=<" + plainCodes.size() + " redacted>, hashes=" + hashes.size()
                + ", lookupKeyId=" + lookupKeyId + ", algorithm=" + algorithm + "]";
    }
}
