package com.twofactor.standalone;

import static com.twofactor.standalone.AdminConsole.ADMIN;
import static com.twofactor.standalone.AdminConsole.newOrganizationId;
import static com.twofactor.standalone.AdminConsole.version;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.twofactor.query.processing.ProjectionProcessors;

/**
 * Who may use the admin features: only an ADMIN key allowed for the organization, and every admin command must
 * name the admin acting. Each refusal leaves nothing changed, which the end of each test proves by doing the
 * same thing properly.
 */
class AdminAuthorizationEndToEndTest extends StandaloneTest {

    @Autowired
    ProjectionProcessors processors;

    AdminConsole admin;
    String organization;
    ActiveUser agent;
    String requestId;

    @BeforeEach
    void aPendingRequestInAnOrganizationOfItsOwn() {
        AdminConsole.awaitReadModelsServing(processors);
        admin = new AdminConsole(api);
        organization = newOrganizationId();
        agent = activeUser(organization);
        requestId = admin.requestedReset(agent, "lost them");
    }

    /** Every admin command, sent with the given key and headers. */
    private Map<String, BiFunction<String, String[], TestApi.Response>> adminCommands() {
        Map<String, BiFunction<String, String[], TestApi.Response>> commands = new LinkedHashMap<>();
        commands.put("enforce", (key, headers) -> admin.changeEnforcement(organization, "AGENT", true, key, headers));
        commands.put("approve", (key, headers) -> admin.approve(agent, requestId, "ok", key, headers));
        commands.put("reject", (key, headers) -> admin.reject(agent, requestId, "no", key, headers));
        commands.put("reset", (key, headers) -> admin.reset(agent, key, headers));
        commands.put("unlock", (key, headers) -> admin.unlock(agent, key, headers));
        return commands;
    }

    private static void assertRefused(String what, TestApi.Response response, int status, String code) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.text("code")).as(what).isEqualTo(code);
    }

    /** Nothing the refused requests tried happened: the request is still pending and nothing is enforced. */
    private void assertNothingChanged() {
        TestApi.Response policy = api.get(AdminConsole.policyPath(organization), TestApi.ADMIN_KEY);
        assertThat(policy.json().get("enforcement").get("AGENT").asBoolean()).isFalse();
        TestApi.Response status = admin.status(agent, agent.version());
        assertThat(status.text("status")).isEqualTo("ACTIVE");
        TestApi.Response approved = admin.approve(agent, requestId, null);
        assertThat(approved.status()).as("still pending: " + approved).isEqualTo(200);
        assertThat(admin.listedRequest(organization, requestId, "APPROVED").get("decidedBy").asText()).isEqualTo(ADMIN);
    }

    @Test
    void anAdminCommandThatDoesNotNameTheAdmin_isRefusedAsInvalid() {
        adminCommands().forEach((what, command) -> {
            TestApi.Response response = command.apply(TestApi.ADMIN_KEY, new String[0]);
            assertRefused(what, response, 400, "validation_failed");
            assertThat(response.body()).as(what).contains("X-Actor-Id");
        });
        adminCommands().forEach((what, command) ->
                assertRefused(what + " with a blank actor",
                        command.apply(TestApi.ADMIN_KEY, new String[] {"X-Actor-Id", " "}), 400, "validation_failed"));
        adminCommands().forEach((what, command) ->
                assertRefused(what + " with a malformed actor",
                        command.apply(TestApi.ADMIN_KEY, new String[] {"X-Actor-Id", "<script>"}), 400,
                        "validation_failed"));
        assertNothingChanged();
    }

    @Test
    void aPortalKey_mayNotUseAdminEndpoints_evenNamingAnAdmin() {
        adminCommands().forEach((what, command) -> assertRefused(what,
                command.apply(TestApi.PORTAL_KEY, new String[] {"X-Actor-Id", ADMIN}), 403, "forbidden"));
        assertRefused("list", api.get(AdminConsole.requestsPath(organization), TestApi.PORTAL_KEY), 403, "forbidden");
        assertNothingChanged();
    }

    @Test
    void anAuditorKey_mayNotUseAdminEndpoints() {
        adminCommands().forEach((what, command) -> assertRefused(what,
                command.apply(TestApi.AUDITOR_KEY, new String[] {"X-Actor-Id", ADMIN}), 403, "forbidden"));
        assertRefused("list", api.get(AdminConsole.requestsPath(organization), TestApi.AUDITOR_KEY), 403, "forbidden");
        assertRefused("policy", api.get(AdminConsole.policyPath(organization), TestApi.AUDITOR_KEY), 403, "forbidden");
        assertNothingChanged();
    }

    @Test
    void anAdminKeyOfAnotherOrganization_isRefused() {
        adminCommands().forEach((what, command) -> assertRefused(what,
                command.apply(TestApi.ACME_ADMIN_KEY, new String[] {"X-Actor-Id", ADMIN}), 403, "forbidden"));
        assertRefused("list", api.get(AdminConsole.requestsPath(organization), TestApi.ACME_ADMIN_KEY), 403,
                "forbidden");
        assertRefused("policy", api.get(AdminConsole.policyPath(organization), TestApi.ACME_ADMIN_KEY), 403,
                "forbidden");
        assertRefused("status", api.get(agent.path(), TestApi.ACME_ADMIN_KEY), 403, "forbidden");

        // The same key does work for its own organization.
        assertThat(api.get(AdminConsole.requestsPath("acme"), TestApi.ACME_ADMIN_KEY).status()).isEqualTo(200);
        assertNothingChanged();
    }

    @Test
    void withoutAnApiKey_adminEndpointsAnswerUnauthorized() {
        adminCommands().forEach((what, command) -> assertRefused(what,
                command.apply(null, new String[] {"X-Actor-Id", ADMIN}), 401, "unauthorized"));
        assertRefused("list", api.get(AdminConsole.requestsPath(organization), null), 401, "unauthorized");
        assertNothingChanged();
    }

    @Test
    void anAdminKey_mayNotActForTheUser_onPortalEndpoints() {
        assertRefused("request", api.post(agent.path() + "/recovery-reset-requests", TestApi.ADMIN_KEY, null,
                "X-Actor-Id", ADMIN), 403, "forbidden");
        TestApi.Response approved = admin.approve(agent, requestId, null);
        assertThat(version(approved)).isGreaterThan(agent.version());
        assertRefused("regenerate", api.post(agent.path() + "/recovery-codes", TestApi.ADMIN_KEY, Map.of("code", "123456"),
                "X-Actor-Id", ADMIN), 403, "forbidden");
        assertThat(admin.regenerateRecoveryCodes(agent, nextCode(agent.secret())).status()).isEqualTo(201);
    }
}
