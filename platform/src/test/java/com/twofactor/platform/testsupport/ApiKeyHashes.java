package com.twofactor.platform.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The value {@code twofactor.security.api-keys[n].sha256} expects for a key, for configuring keys in tests. */
public final class ApiKeyHashes {

    private ApiKeyHashes() {
    }

    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
