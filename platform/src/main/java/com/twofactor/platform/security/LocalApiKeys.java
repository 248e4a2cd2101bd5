package com.twofactor.platform.security;

import java.util.Map;
import java.util.Set;

/**
 * The API keys of the embedded default, used only when no {@code twofactor.security.api-keys} are configured and
 * the process runs embedded (see {@code RuntimeMode}); start-up warns that they are for local use. Each allows all
 * organizations. Anywhere else a missing key configuration stops start-up.
 */
public final class LocalApiKeys {

    public static final String PORTAL_KEY = "local-portal-key";
    public static final String ADMIN_KEY = "local-admin-key";
    public static final String AUDITOR_KEY = "local-auditor-key";

    private LocalApiKeys() {
    }

    /** Key to the client it authenticates. */
    static Map<String, ApiClient> clients() {
        Set<String> all = Set.of(ApiClient.ALL_ORGANIZATIONS);
        return Map.of(
                PORTAL_KEY, new ApiClient("local-portal", Set.of(Role.PORTAL), all),
                ADMIN_KEY, new ApiClient("local-admin", Set.of(Role.ADMIN), all),
                AUDITOR_KEY, new ApiClient("local-auditor", Set.of(Role.AUDITOR), all));
    }
}
