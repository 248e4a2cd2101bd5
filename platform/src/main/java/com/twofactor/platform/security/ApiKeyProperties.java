package com.twofactor.platform.security;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code twofactor.security.api-keys}: the API keys, configured as hashes so the configuration holds no secret.
 *
 * <pre>
 * twofactor.security.api-keys:
 *   - name: agent-portal
 *     sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8   # echo -n "$KEY" | sha256sum
 *     roles: [PORTAL]
 *     organizations: ["*"]          # or a list of organization ids
 * </pre>
 */
@ConfigurationProperties("twofactor.security")
record ApiKeyProperties(List<ApiKey> apiKeys) {

    ApiKeyProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /**
     * @param name          recorded on every event as {@link MetaDataKeys#CLIENT}
     * @param sha256        lower-case hex SHA-256 of the key's UTF-8 bytes
     * @param roles         what the key may do
     * @param organizations the organization ids it may act for, or {@value ApiClient#ALL_ORGANIZATIONS}
     */
    record ApiKey(String name, String sha256, Set<Role> roles, Set<String> organizations) {
    }
}
