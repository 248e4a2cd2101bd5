package com.twofactor.api.user;

/**
 * The stored form of one recovery code: never the code itself.
 *
 * @param lookupId keyed digest (hex) that finds this hash for a presented code without trying every hash
 * @param salt     random salt of the key-derivation function, base64
 * @param hash     output of the key-derivation function, base64
 */
public record RecoveryCodeHash(String lookupId, String salt, String hash) {
}
