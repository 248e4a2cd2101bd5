package com.twofactor.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.twofactor.platform.runtime.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured API keys, by hash. A presented key is hashed and compared with every configured hash in constant
 * time, so neither the comparison nor the number of comparisons tells how close a guess was.
 */
final class ApiKeyRegistry {

    static final String PROPERTY = "twofactor.security.api-keys";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyRegistry.class);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final List<Entry> entries;

    private ApiKeyRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static ApiKeyRegistry create(ApiKeyProperties properties, RuntimeMode runtimeMode) {
        if (properties.apiKeys().isEmpty()) {
            if (!runtimeMode.embedded()) {
                throw new IllegalStateException("No API keys are configured. Set " + PROPERTY
                        + " (each with name, sha256, roles and organizations); built-in local keys exist only in"
                        + " the embedded mode.");
            }
            log.warn("No API keys configured ({}): using the built-in local keys of clients local-portal, "
                    + "local-admin and local-auditor (see LocalApiKeys). They are public and for local use only.",
                    PROPERTY);
            List<Entry> local = new ArrayList<>();
            LocalApiKeys.clients().forEach((key, client) -> local.add(new Entry(sha256(key), client)));
            return new ApiKeyRegistry(local);
        }
        return new ApiKeyRegistry(validated(properties.apiKeys()));
    }

    private static List<Entry> validated(List<ApiKeyProperties.ApiKey> keys) {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            ApiKeyProperties.ApiKey key = keys.get(i);
            String at = PROPERTY + "[" + i + "]";
            if (key == null || key.name() == null || key.name().isBlank()) {
                throw new IllegalStateException(at + ".name must be set");
            }
            if (!names.add(key.name())) {
                throw new IllegalStateException(at + ".name '" + key.name() + "' is used by another key");
            }
            if (key.sha256() == null || !SHA256_HEX.matcher(key.sha256().trim()).matches()) {
                throw new IllegalStateException(at + ".sha256 of '" + key.name()
                        + "' must be the 64 hex digits of the key's SHA-256 (echo -n \"$KEY\" | sha256sum)");
            }
            String hash = key.sha256().trim().toLowerCase(Locale.ROOT);
            if (!hashes.add(hash)) {
                throw new IllegalStateException(at + ".sha256 of '" + key.name() + "' is the same as another key's");
            }
            if (key.roles() == null || key.roles().isEmpty()) {
                throw new IllegalStateException(at + ".roles of '" + key.name() + "' must name PORTAL, ADMIN or AUDITOR");
            }
            if (key.organizations() == null || key.organizations().isEmpty()
                    || key.organizations().stream().anyMatch(org -> org == null || org.isBlank())) {
                throw new IllegalStateException(at + ".organizations of '" + key.name()
                        + "' must be \"*\" or a list of organization ids");
            }
            entries.add(new Entry(HexFormat.of().parseHex(hash),
                    new ApiClient(key.name(), key.roles(), key.organizations())));
        }
        return entries;
    }

    Optional<ApiClient> authenticate(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        ApiClient match = null;
        for (Entry entry : entries) {
            // No early exit: every configured hash is compared whatever matched.
            if (MessageDigest.isEqual(entry.hash(), presented) && match == null) {
                match = entry.client();
            }
        }
        return Optional.ofNullable(match);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private record Entry(byte[] hash, ApiClient client) {
    }
}
