package com.twofactor.api.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a trusted-browser token is stored and compared: by its SHA-256. The token carries at least 256 random
 * bits, so a fast hash is enough; the command side records the hash, the login check hashes what the
 * browser presents and compares.
 */
public final class TrustedBrowserTokens {

    private TrustedBrowserTokens() {
    }

    /** Lower-case hex SHA-256 of the token's UTF-8 bytes. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
