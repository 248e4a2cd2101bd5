package com.twofactor.standalone;

import static com.twofactor.standalone.AdminConsole.ADMIN;
import static com.twofactor.standalone.AdminConsole.headerVersion;
import static com.twofactor.standalone.AdminConsole.newOrganizationId;
import static com.twofactor.standalone.AdminConsole.version;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.api.user.SecondFactorUnlocked;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.query.processing.ProjectionProcessors;

/**
 * What admins do to an organization and its users, over real HTTP: enforce 2FA per portal (form logins only),
 * reset a user who lost the device, lift a lock-out. Every test that changes a policy does so in an
 * organization of its own.
 */
class AdminEndToEndTest extends StandaloneTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    ProjectionProcessors processors;

    AdminConsole admin;

    @BeforeEach
    void openConsole() {
        AdminConsole.awaitReadModelsServing(processors);
        admin = new AdminConsole(api);
    }

    private TestApi.Response disable(ActiveUser user, String code) {
        return api.send("DELETE", user.path(), TestApi.PORTAL_KEY, TestApi.json(Map.of("code", code)));
    }

    private List<? extends DomainEventMessage<?>> history(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().toList();
    }

    // ---- enforcement policy

    @Test
    void anOrganizationThatNeverSetAPolicy_enforcesNothing() {
        String organization = newOrganizationId();
        TestApi.Response policy = api.get(AdminConsole.policyPath(organization), TestApi.PORTAL_KEY);
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        assertThat(policy.json().get("enforcement").get("AGENT").asBoolean()).isFalse();
        assertThat(policy.json().get("enforcement").get("CUSTOMER").asBoolean()).isFalse();
        assertThat(admin.decision(organization, newUserId(), "AGENT", "FORM", null)).isEqualTo("NOT_REQUIRED");
    }

    @Test
    void enforcingTheAgentPortal_asksAnAgentWithoutTwoFactorToEnrollAtFormLogin_andRecordsTheAdmin() {
        String organization = newOrganizationId();
        String agent = newUserId();
        assertThat(admin.decision(organization, agent, "AGENT", "FORM", null)).isEqualTo("NOT_REQUIRED");

        TestApi.Response changed = admin.changeEnforcement(organization, "AGENT", true, TestApi.ADMIN_KEY,
                "X-Actor-Id", ADMIN);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        TestApi.Response policy = admin.policy(organization, version(changed));
        assertThat(policy.json().get("enforcement").get("AGENT").asBoolean()).isTrue();
        assertThat(policy.json().get("enforcement").get("CUSTOMER").asBoolean()).isFalse();

        TestApi.Response check = admin.loginCheck(organization, agent, "AGENT", "FORM", null);
        assertThat(check.text("decision")).isEqualTo("ENROLLMENT_REQUIRED");
        assertThat(check.json().get("methods")).isEmpty();

        List<? extends DomainEventMessage<?>> history = history(organization);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).getPayload()).isInstanceOfSatisfying(TwoFactorEnforcementChanged.class, event -> {
            assertThat(event.enforced()).isTrue();
            assertThat(event.changedBy()).isEqualTo(ADMIN);
        });
        assertThat(history.get(0).getMetaData()).containsEntry("actorId", ADMIN).containsEntry("client", "test-admin");
    }

    @Test
    void agentEnforcement_leavesTheCustomerPortalAlone() {
        String organization = newOrganizationId();
        admin.enforce(organization, "AGENT", true);

        assertThat(admin.decision(organization, newUserId(), "CUSTOMER", "FORM", null)).isEqualTo("NOT_REQUIRED");

        ActiveUser contact = activeUser(organization, newUserId(), "CUSTOMER");
        TestApi.Response disabled = disable(contact, nextCode(contact.secret()));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
        assertThat(admin.decision(organization, contact.userId(), "CUSTOMER", "FORM", headerVersion(disabled)))
                .isEqualTo("NOT_REQUIRED");
    }

    @Test
    void customerEnforcement_asksContactsToEnroll_andLeavesAgentsAlone() {
        String organization = newOrganizationId();
        admin.enforce(organization, "CUSTOMER", true);

        assertThat(admin.decision(organization, newUserId(), "CUSTOMER", "FORM", null)).isEqualTo("ENROLLMENT_REQUIRED");
        assertThat(admin.decision(organization, newUserId(), "AGENT", "FORM", null)).isEqualTo("NOT_REQUIRED");
    }

    @Test
    void ssoAndSocialLogins_areNeverAskedForASecondFactor_enforcedOrNot() {
        String organization = newOrganizationId();
        ActiveUser agent = activeUser(organization);
        String withoutTwoFactor = newUserId();
        for (boolean enforced : new boolean[] {false, true}) {
            if (enforced) {
                admin.enforce(organization, "AGENT", true);
                admin.enforce(organization, "CUSTOMER", true);
            }
            for (String method : List.of("SSO", "SOCIAL")) {
                for (String portal : List.of("AGENT", "CUSTOMER")) {
                    assertThat(admin.decision(organization, withoutTwoFactor, portal, method, null))
                            .as("%s login on the %s portal, enforced: %s", method, portal, enforced)
                            .isEqualTo("NOT_REQUIRED");
                }
                assertThat(admin.decision(organization, agent.userId(), "AGENT", method, agent.version()))
                        .as("%s login of a user with 2FA, enforced: %s", method, enforced)
                        .isEqualTo("NOT_REQUIRED");
            }
        }
        assertThat(admin.decision(organization, withoutTwoFactor, "AGENT", "FORM", null)).isEqualTo("ENROLLMENT_REQUIRED");
        assertThat(admin.decision(organization, agent.userId(), "AGENT", "FORM", agent.version())).isEqualTo("CHALLENGE");
    }

    @Test
    void onAnEnforcedPortal_aUserWithTwoFactorIsChallengedAsBefore() {
        String organization = newOrganizationId();
        ActiveUser agent = activeUser(organization);
        admin.enforce(organization, "AGENT", true);

        TestApi.Response check = admin.loginCheck(organization, agent.userId(), "AGENT", "FORM", agent.version());
        assertThat(check.text("decision")).isEqualTo("CHALLENGE");
        assertThat(AdminConsole.texts(check.json().get("methods"))).containsExactly("TOTP", "RECOVERY_CODE");
    }

    @Test
    void turningEnforcementOff_stopsAskingForEnrollment_andRepeatingASettingChangesNothing() {
        String organization = newOrganizationId();
        long enforcedVersion = admin.enforce(organization, "AGENT", true);
        TestApi.Response again = admin.changeEnforcement(organization, "AGENT", true, TestApi.ADMIN_KEY,
                "X-Actor-Id", ADMIN);
        assertThat(again.status()).isEqualTo(200);
        assertThat(version(again)).isEqualTo(enforcedVersion);

        long offVersion = admin.enforce(organization, "AGENT", false);
        assertThat(offVersion).isGreaterThan(enforcedVersion);
        assertThat(admin.decision(organization, newUserId(), "AGENT", "FORM", null)).isEqualTo("NOT_REQUIRED");
        assertThat(history(organization)).hasSize(2);
    }

    @Test
    void anUnknownPortalOrAMissingSetting_isRefusedAsInvalid() {
        String organization = newOrganizationId();
        TestApi.Response unknownPortal = admin.changeEnforcement(organization, "PARTNER", true, TestApi.ADMIN_KEY,
                "X-Actor-Id", ADMIN);
        assertThat(unknownPortal.status()).as(unknownPortal.toString()).isEqualTo(400);
        assertThat(unknownPortal.text("code")).isEqualTo("validation_failed");

        TestApi.Response noSetting = api.send("PUT", AdminConsole.policyPath(organization) + "/AGENT",
                TestApi.ADMIN_KEY, "{}", "X-Actor-Id", ADMIN);
        assertThat(noSetting.status()).as(noSetting.toString()).isEqualTo(400);
        assertThat(noSetting.text("code")).isEqualTo("validation_failed");
        assertThat(history(organization)).isEmpty();
    }

    @Test
    void disablingWhileThePortalEnforcesTwoFactor_isRefused_andTwoFactorStaysOn() {
        String organization = newOrganizationId();
        ActiveUser agent = activeUser(organization);
        admin.enforce(organization, "AGENT", true);

        TestApi.Response refused = disable(agent, nextCode(agent.secret()));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("enforced_by_policy");
        assertThat(admin.status(agent, agent.version()).text("status")).isEqualTo("ACTIVE");
        assertThat(admin.decision(organization, agent.userId(), "AGENT", "FORM", agent.version())).isEqualTo("CHALLENGE");

        admin.enforce(organization, "AGENT", false);
        TestApi.Response disabled = disable(agent, nextCode(agent.secret()));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
    }

    // ---- admin actions on a user

    @Test
    void anAdminReset_removesTwoFactorRevokesTrustedBrowsersClosesThePendingRequest_andEnforcementAsksToEnrollAgain() {
        String organization = newOrganizationId();
        admin.enforce(organization, "AGENT", true);
        ActiveUser agent = activeUser(organization);
        TestApi.Response trusted = api.post(agent.path() + "/verification", TestApi.PORTAL_KEY,
                Map.of("code", nextCode(agent.secret()), "rememberBrowser", true, "browserLabel", "Old phone"));
        String token = trusted.text("trustedBrowserToken");
        assertThat(token).isNotBlank();
        String requestId = admin.requestedReset(agent, "lost my phone and my codes");

        TestApi.Response reset = admin.reset(agent, TestApi.ADMIN_KEY, "X-Actor-Id", ADMIN);
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        long resetVersion = version(reset);

        TestApi.Response status = admin.status(agent, resetVersion);
        assertThat(status.text("status")).isEqualTo("NOT_ENROLLED");
        assertThat(status.json().get("trustedBrowsers")).isEmpty();
        assertThat(status.text("pendingResetRequest")).isNull();
        assertThat(status.json().get("remainingRecoveryCodes").asInt()).isZero();

        TestApi.Response check = admin.loginCheck(organization, agent.userId(), "AGENT", "FORM", resetVersion,
                "X-Trusted-Browser-Token", token);
        assertThat(check.text("decision")).isEqualTo("ENROLLMENT_REQUIRED");

        JsonNode closed = admin.listedRequest(organization, requestId, "CLOSED");
        assertThat(closed.get("decidedBy").asText()).isEqualTo(ADMIN);
        TestApi.Response approveClosed = admin.approve(agent, requestId, null);
        assertThat(approveClosed.status()).isEqualTo(409);
        assertThat(approveClosed.text("code")).isEqualTo("reset_request_not_pending");

        TestApi.Response oldCode = api.post(agent.path() + "/verification", TestApi.PORTAL_KEY,
                Map.of("code", nextCode(agent.secret()), "rememberBrowser", false));
        assertThat(oldCode.status()).isEqualTo(409);
        assertThat(oldCode.text("code")).isEqualTo("two_factor_not_enabled");
        TestApi.Response oldRecoveryCode = admin.verifyRecoveryCode(agent, agent.recoveryCodes().get(0));
        assertThat(oldRecoveryCode.status()).isEqualTo(409);
        assertThat(oldRecoveryCode.text("code")).isEqualTo("two_factor_not_enabled");

        List<? extends DomainEventMessage<?>> history = history(organization + ":" + agent.userId());
        assertThat(history).anySatisfy(event -> {
            assertThat(event.getPayload()).isInstanceOfSatisfying(TwoFactorReset.class, payload -> {
                assertThat(payload.resetBy()).isEqualTo(ADMIN);
                assertThat(payload.closedRequestId()).isEqualTo(requestId);
            });
            assertThat(event.getMetaData()).containsEntry("actorId", ADMIN);
        });
    }

    @Test
    void afterAnAdminReset_theUserEnrollsAgainWithANewDevice() {
        String organization = newOrganizationId();
        admin.enforce(organization, "AGENT", true);
        ActiveUser agent = activeUser(organization);
        TestApi.Response reset = admin.reset(agent, TestApi.ADMIN_KEY, "X-Actor-Id", ADMIN);
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(30));
        ActiveUser again = activeUser(organization, agent.userId(), "AGENT");
        assertThat(again.secret()).isNotEqualTo(agent.secret());
        assertThat(again.recoveryCodes()).hasSize(10).doesNotContainAnyElementsOf(agent.recoveryCodes());
        assertThat(admin.decision(organization, agent.userId(), "AGENT", "FORM", again.version())).isEqualTo("CHALLENGE");
    }

    @Test
    void resettingAUserWithoutTwoFactor_isRefused() {
        ActiveUser agent = activeUser("acme");
        ActiveUser stranger = new ActiveUser("acme", newUserId(), agent.secret(), List.of(), 0);
        TestApi.Response refused = admin.reset(stranger, TestApi.ADMIN_KEY, "X-Actor-Id", ADMIN);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("two_factor_not_enabled");
    }

    @Test
    void anAdminRevokingAUsersTrustedBrowsers_mustNameTheAdmin() {
        ActiveUser agent = activeUser("acme");
        String token = api.post(agent.path() + "/verification", TestApi.PORTAL_KEY,
                Map.of("code", nextCode(agent.secret()), "rememberBrowser", true)).text("trustedBrowserToken");

        TestApi.Response withoutActor = api.send("DELETE", agent.path() + "/trusted-browsers", TestApi.ADMIN_KEY, null);
        assertThat(withoutActor.status()).as(withoutActor.toString()).isEqualTo(400);
        assertThat(withoutActor.text("code")).isEqualTo("validation_failed");

        TestApi.Response revoked = api.send("DELETE", agent.path() + "/trusted-browsers", TestApi.ADMIN_KEY, null,
                "X-Actor-Id", ADMIN);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertThat(admin.decision("acme", agent.userId(), "AGENT", "FORM", headerVersion(revoked),
                "X-Trusted-Browser-Token", token)).isEqualTo("CHALLENGE");
        List<? extends DomainEventMessage<?>> history = history("acme:" + agent.userId());
        assertThat(history.get(history.size() - 1).getMetaData()).containsEntry("actorId", ADMIN);
    }

    @Test
    void anAdminUnlock_liftsTheLockOut_andIsRecordedWithTheAdmin() {
        ActiveUser agent = activeUser("acme");
        String right = nextCode(agent.secret());
        TestApi.Response last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            last = api.post(agent.path() + "/verification", TestApi.PORTAL_KEY,
                    Map.of("code", wrongCode(right), "rememberBrowser", false));
        }
        assertThat(last.status()).isEqualTo(423);
        assertThat(admin.decision("acme", agent.userId(), "AGENT", "FORM", version(last))).isEqualTo("LOCKED");

        TestApi.Response unlocked = admin.unlock(agent, TestApi.ADMIN_KEY, "X-Actor-Id", ADMIN);
        assertThat(unlocked.status()).as(unlocked.toString()).isEqualTo(200);
        assertThat(admin.decision("acme", agent.userId(), "AGENT", "FORM", version(unlocked))).isEqualTo("CHALLENGE");
        assertThat(admin.status(agent, version(unlocked)).json().get("locked").asBoolean()).isFalse();

        List<? extends DomainEventMessage<?>> history = history("acme:" + agent.userId());
        DomainEventMessage<?> unlock = history.get(history.size() - 1);
        assertThat(unlock.getPayload()).isInstanceOfSatisfying(SecondFactorUnlocked.class,
                event -> assertThat(event.unlockedBy()).isEqualTo(ADMIN));
        assertThat(unlock.getMetaData()).containsEntry("actorId", ADMIN).containsEntry("client", "test-admin");
        assertThat(api.post(agent.path() + "/verification", TestApi.PORTAL_KEY,
                Map.of("code", right, "rememberBrowser", false)).status()).isEqualTo(200);
    }
}
