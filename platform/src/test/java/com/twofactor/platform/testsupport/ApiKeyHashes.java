package com.twofactor.platform.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The value {@code twofactor.security.api-keys[n].sha256} expects for a key, for configuring keys in tests. */
public final class ApiKeyHashes {

    private ApiKeyHashes() {
    }

    /** Configures API key number {@code index}: its name, the hash of {@code key}, one role and organizations. */
    public static void register(DynamicPropertyRegistry registry, int index, String name, String key, String role,
                                String organizations) {
        String prefix = "twofactor.security.api-keys[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "sha256", () -> sha256Hex(key));
        registry.add(prefix + "roles", () -> role);
        registry.add(prefix + "organizations", () -> organizations);
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
