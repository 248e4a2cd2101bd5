package com.twofactor.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.twofactor.platform.runtime.RuntimeMode;
import com.twofactor.platform.testsupport.ApiKeyHashes;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {

    private static final RuntimeMode EMBEDDED = new RuntimeMode(true, Path.of("data"));
    private static final RuntimeMode PRODUCTION = new RuntimeMode(false, Path.of("data"));

    @Test
    void aConfiguredKey_authenticatesItsClient() {
        ApiKeyRegistry registry = ApiKeyRegistry.create(properties(
                key("agent-portal", ApiKeyHashes.sha256Hex("s3cret"), Set.of(Role.PORTAL), Set.of("org-1"))), PRODUCTION);

        assertThat(registry.authenticate("s3cret")).hasValueSatisfying(client -> {
            assertThat(client.name()).isEqualTo("agent-portal");
            assertThat(client.roles()).containsExactly(Role.PORTAL);
            assertThat(client.mayActFor("org-1")).isTrue();
            assertThat(client.mayActFor("org-2")).isFalse();
        });
        assertThat(registry.authenticate("s3cret ")).isEmpty();
        assertThat(registry.authenticate("other")).isEmpty();
    }

    @Test
    void upperCaseHashes_areAccepted() {
        ApiKeyRegistry registry = ApiKeyRegistry.create(properties(
                key("admin", ApiKeyHashes.sha256Hex("k").toUpperCase(), Set.of(Role.ADMIN), Set.of("*"))), PRODUCTION);

        assertThat(registry.authenticate("k")).hasValueSatisfying(client -> assertThat(client.allOrganizations()).isTrue());
    }

    @Test
    void withoutConfiguredKeys_theEmbeddedModeUsesTheLocalKeys() {
        ApiKeyRegistry registry = ApiKeyRegistry.create(new ApiKeyProperties(null), EMBEDDED);

        assertThat(registry.authenticate(LocalApiKeys.PORTAL_KEY)).hasValueSatisfying(client -> {
            assertThat(client.roles()).containsExactly(Role.PORTAL);
            assertThat(client.allOrganizations()).isTrue();
        });
        assertThat(registry.authenticate(LocalApiKeys.ADMIN_KEY)).hasValueSatisfying(
                client -> assertThat(client.roles()).containsExactly(Role.ADMIN));
        assertThat(registry.authenticate(LocalApiKeys.AUDITOR_KEY)).hasValueSatisfying(
                client -> assertThat(client.roles()).containsExactly(Role.AUDITOR));
    }

    @Test
    void withoutConfiguredKeys_anyOtherModeRefusesToStart() {
        assertThatThrownBy(() -> ApiKeyRegistry.create(new ApiKeyProperties(List.of()), PRODUCTION))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twofactor.security.api-keys");
    }

    @Test
    void configuredKeys_replaceTheLocalKeys() {
        ApiKeyRegistry registry = ApiKeyRegistry.create(properties(
                key("agent-portal", ApiKeyHashes.sha256Hex("s3cret"), Set.of(Role.PORTAL), Set.of("*"))), EMBEDDED);

        assertThat(registry.authenticate(LocalApiKeys.PORTAL_KEY)).isEmpty();
    }

    @Test
    void aKeyThatIsNotAHash_isRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> ApiKeyRegistry.create(properties(
                key("agent-portal", "plain-text-key", Set.of(Role.PORTAL), Set.of("*"))), PRODUCTION))
                .hasMessageContaining("twofactor.security.api-keys[0].sha256")
                .hasMessageNotContaining("plain-text-key");
    }

    @Test
    void incompleteKeys_areRefused() {
        String hash = ApiKeyHashes.sha256Hex("k");
        assertThatThrownBy(() -> ApiKeyRegistry.create(properties(key("a", hash, Set.of(), Set.of("*"))), PRODUCTION))
                .hasMessageContaining(".roles");
        assertThatThrownBy(() -> ApiKeyRegistry.create(properties(key("a", hash, Set.of(Role.ADMIN), null)), PRODUCTION))
                .hasMessageContaining(".organizations");
        assertThatThrownBy(() -> ApiKeyRegistry.create(properties(
                key("a", hash, Set.of(Role.ADMIN), Set.of("*")),
                key("a", ApiKeyHashes.sha256Hex("other"), Set.of(Role.ADMIN), Set.of("*"))), PRODUCTION))
                .hasMessageContaining("[1].name");
        assertThatThrownBy(() -> ApiKeyRegistry.create(properties(
                key("a", hash, Set.of(Role.ADMIN), Set.of("*")),
                key("b", hash, Set.of(Role.ADMIN), Set.of("*"))), PRODUCTION))
                .hasMessageContaining("[1].sha256");
    }

    private static ApiKeyProperties properties(ApiKeyProperties.ApiKey... keys) {
        return new ApiKeyProperties(List.of(keys));
    }

    private static ApiKeyProperties.ApiKey key(String name, String sha256, Set<Role> roles, Set<String> organizations) {
        return new ApiKeyProperties.ApiKey(name, sha256, roles, organizations);
    }
}
