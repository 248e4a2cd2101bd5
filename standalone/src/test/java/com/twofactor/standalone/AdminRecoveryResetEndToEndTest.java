package com.twofactor.standalone;

import static com.twofactor.standalone.AdminConsole.ADMIN;
import static com.twofactor.standalone.AdminConsole.eventually;
import static com.twofactor.standalone.AdminConsole.newOrganizationId;
import static com.twofactor.standalone.AdminConsole.texts;
import static com.twofactor.standalone.AdminConsole.version;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.twofactor.query.processing.ProjectionProcessors;

/**
 * New recovery codes for a user who lost them, over real HTTP: the portal files a request, an admin sees it in
 * the pending list and approves or rejects it, and after an approval the user regenerates codes once, which
 * replaces every older code.
 */
class AdminRecoveryResetEndToEndTest extends StandaloneTest {

    @Autowired
    ProjectionProcessors processors;

    AdminConsole admin;

    @BeforeEach
    void openConsole() {
        AdminConsole.awaitReadModelsServing(processors);
        admin = new AdminConsole(api);
    }

    private static void assertRefused(TestApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo(code);
    }

    // ---- the request

    @Test
    void requestingAReset_answersPendingWithARequestId_andTheRequestShowsInTheAdminsList() {
        String organization = newOrganizationId();
        ActiveUser agent = activeUser(organization);
        Instant requestedAt = clock.instant();

        TestApi.Response requested = admin.requestReset(agent, "Lost my printed codes");
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        assertThat(requested.text("status")).isEqualTo("PENDING");
        String requestId = requested.text("requestId");
        assertThat(requestId).isNotBlank();
        assertThat(version(requested)).isGreaterThan(agent.version());

        JsonNode pending = admin.status(agent, version(requested)).json().get("pendingResetRequest");
        assertThat(pending.get("requestId").asText()).isEqualTo(requestId);

        JsonNode listed = admin.listedRequest(organization, requestId, "PENDING");
        assertThat(listed.get("userId").asText()).isEqualTo(agent.userId());
        assertThat(listed.get("portal").asText()).isEqualTo("AGENT");
        assertThat(Instant.parse(listed.get("requestedAt").asText())).isEqualTo(requestedAt);
        assertThat(listed.get("reason").asText()).isEqualTo("Lost my printed codes");
        assertThat(listed.path("decidedBy").isNull() || listed.path("decidedBy").isMissingNode()).isTrue();
    }

    @Test
    void aReasonIsOptional_butNotLongerThan500Characters() {
        ActiveUser agent = activeUser("acme");
        assertRefused(admin.requestReset(agent, "x".repeat(501)), 400, "validation_failed");

        TestApi.Response withoutBody = admin.requestReset(agent, null);
        assertThat(withoutBody.status()).as(withoutBody.toString()).isEqualTo(202);
        assertThat(withoutBody.text("status")).isEqualTo("PENDING");
    }

    @Test
    void aSecondRequestWhileOneIsPending_isRefused_andANewOneCanBeFiledOnceTheFirstIsDecided() {
        ActiveUser agent = activeUser("acme");
        String first = admin.requestedReset(agent, "lost them");
        assertRefused(admin.requestReset(agent, "lost them, really"), 409, "reset_request_already_pending");

        assertThat(admin.reject(agent, first, "ask in person").status()).isEqualTo(200);
        String second = admin.requestedReset(agent, "asking again");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aUserWithoutTwoFactor_cannotRequestAReset() {
        ActiveUser agent = activeUser("acme");
        ActiveUser stranger = new ActiveUser("acme", newUserId(), agent.secret(), List.of(), 0);
        assertRefused(admin.requestReset(stranger, "never enrolled"), 409, "two_factor_not_enabled");
    }

    // ---- the decision

    @Test
    void approving_recordsTheAdmin_andAllowsNewCodesExactlyOnce() {
        String organization = newOrganizationId();
        ActiveUser agent = activeUser(organization);
        String requestId = admin.requestedReset(agent, "Lost my printed codes");
        assertRefused(admin.regenerateRecoveryCodes(agent, nextCode(agent.secret())), 409, "reset_not_approved");

        clock.advance(Duration.ofMinutes(3));
        TestApi.Response approved = admin.approve(agent, requestId, "verified by phone");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        JsonNode listed = admin.listedRequest(organization, requestId, "APPROVED");
        assertThat(listed.get("decidedBy").asText()).isEqualTo(ADMIN);
        assertThat(listed.get("decisionComment").asText()).isEqualTo("verified by phone");
        assertThat(Instant.parse(listed.get("decidedAt").asText())).isEqualTo(clock.instant());
        assertThat(admin.status(agent, version(approved)).json().get("recoveryCodesRegenerationAllowed").asBoolean())
                .isTrue();
        assertRefused(admin.requestReset(agent, "another"), 409, "reset_request_already_pending");

        TestApi.Response regenerated = admin.regenerateRecoveryCodes(agent, nextCode(agent.secret()));
        assertThat(regenerated.status()).as(regenerated.toString()).isEqualTo(201);
        List<String> codes = texts(regenerated.json().get("recoveryCodes"));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().doesNotContainAnyElementsOf(agent.recoveryCodes())
                .allMatch(code -> code.matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}"));

        assertRefused(admin.regenerateRecoveryCodes(agent, nextCode(agent.secret())), 409, "reset_not_approved");
        TestApi.Response status = admin.status(agent, version(regenerated));
        assertThat(status.json().get("remainingRecoveryCodes").asInt()).isEqualTo(10);
        assertThat(status.json().get("recoveryCodesRegenerationAllowed").asBoolean()).isFalse();
        assertThat(status.body()).doesNotContain(codes.get(0));
    }

    @Test
    void regenerating_needsACurrentCodeOfTheAuthenticator_notJustTheApproval() {
        ActiveUser agent = activeUser("acme");
        String requestId = admin.requestedReset(agent, "codes lost");
        assertThat(admin.approve(agent, requestId, null).status()).isEqualTo(200);

        String right = nextCode(agent.secret());
        assertRefused(admin.regenerateRecoveryCodes(agent, wrongCode(right)), 422, "invalid_code");
        TestApi.Response missing = api.post(agent.path() + "/recovery-codes", TestApi.PORTAL_KEY, null);
        assertThat(missing.status()).isEqualTo(400);

        TestApi.Response regenerated = admin.regenerateRecoveryCodes(agent, right);
        assertThat(regenerated.status()).as(regenerated.toString()).isEqualTo(201);
        assertRefused(admin.regenerateRecoveryCodes(agent, right), 409, "reset_not_approved");
    }

    @Test
    void anApprovalExpiresAfterSevenDays() {
        ActiveUser agent = activeUser("acme");
        String requestId = admin.requestedReset(agent, "codes lost");
        assertThat(admin.approve(agent, requestId, null).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertRefused(admin.regenerateRecoveryCodes(agent, currentCode(agent.secret())), 409, "reset_not_approved");
        assertThat(admin.requestReset(agent, "asking again").status()).isEqualTo(202);
    }

    @Test
    void regeneratedCodes_replaceEveryOlderCode() {
        ActiveUser agent = activeUser("acme");
        String usedBefore = agent.recoveryCodes().get(0);
        assertThat(admin.verifyRecoveryCode(agent, usedBefore).status()).isEqualTo(200);
        String requestId = admin.requestedReset(agent, "only one left in the drawer");
        assertThat(admin.approve(agent, requestId, null).status()).isEqualTo(200);
        List<String> fresh = texts(admin.regenerateRecoveryCodes(agent, nextCode(agent.secret())).json().get("recoveryCodes"));

        for (String old : List.of(usedBefore, agent.recoveryCodes().get(1), agent.recoveryCodes().get(9))) {
            assertRefused(admin.verifyRecoveryCode(agent, old), 422, "invalid_recovery_code");
        }
        TestApi.Response accepted = admin.verifyRecoveryCode(agent, fresh.get(0));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("remainingRecoveryCodes").asInt()).isEqualTo(9);
        assertRefused(admin.verifyRecoveryCode(agent, fresh.get(0)), 422, "invalid_recovery_code");

        TestApi.Response check = admin.loginCheck("acme", agent.userId(), "AGENT", "FORM", version(accepted));
        assertThat(check.json().get("remainingRecoveryCodes").asInt()).isEqualTo(9);
    }

    @Test
    void rejecting_recordsTheAdminAndReason_andIssuesNoCodes() {
        String organization = newOrganizationId();
        ActiveUser agent = activeUser(organization);
        String requestId = admin.requestedReset(agent, "please");

        TestApi.Response rejected = admin.reject(agent, requestId, "could not verify the caller");
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        JsonNode listed = admin.listedRequest(organization, requestId, "REJECTED");
        assertThat(listed.get("decidedBy").asText()).isEqualTo(ADMIN);
        assertThat(listed.get("decisionComment").asText()).isEqualTo("could not verify the caller");

        assertRefused(admin.regenerateRecoveryCodes(agent, nextCode(agent.secret())), 409, "reset_not_approved");
        TestApi.Response oldCodeStillWorks = admin.verifyRecoveryCode(agent, agent.recoveryCodes().get(0));
        assertThat(oldCodeStillWorks.status()).as(oldCodeStillWorks.toString()).isEqualTo(200);
        assertThat(oldCodeStillWorks.json().get("remainingRecoveryCodes").asInt()).isEqualTo(9);
    }

    @Test
    void onlyAPendingRequestCanBeDecided() {
        ActiveUser agent = activeUser("acme");
        ActiveUser other = activeUser("acme");
        String othersRequest = admin.requestedReset(other, "someone else's");
        assertRefused(admin.approve(agent, "no-such-request", null), 409, "reset_request_not_pending");
        assertRefused(admin.approve(agent, othersRequest, null), 409, "reset_request_not_pending");

        String requestId = admin.requestedReset(agent, "lost them");
        assertThat(admin.approve(agent, requestId, null).status()).isEqualTo(200);
        assertRefused(admin.approve(agent, requestId, null), 409, "reset_request_not_pending");
        assertRefused(admin.reject(agent, requestId, "too late"), 409, "reset_request_not_pending");

        assertThat(admin.reject(other, othersRequest, null).status()).isEqualTo(200);
        assertRefused(admin.approve(other, othersRequest, null), 409, "reset_request_not_pending");
        assertRefused(admin.regenerateRecoveryCodes(other, nextCode(other.secret())), 409, "reset_not_approved");
    }

    // ---- the admins' list

    @Test
    void theAdminsList_isOldestFirst_pagedWithoutRepeats_andFiltersByStatus() {
        String organization = newOrganizationId();
        List<ActiveUser> users = new ArrayList<>();
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ActiveUser user = activeUser(organization, newUserId(), i == 2 ? "CUSTOMER" : "AGENT");
            users.add(user);
            clock.advance(Duration.ofMinutes(1));
            requestIds.add(admin.requestedReset(user, "request " + i));
        }
        TestApi.Response all = eventually(() -> admin.requests(organization, "status=PENDING"),
                response -> response.status() == 200 && response.json().get("totalItems").asLong() == 5);
        assertThat(all.json().get("totalItems").asLong()).as(all.toString()).isEqualTo(5);

        List<String> paged = new ArrayList<>();
        List<Instant> requestedAts = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            TestApi.Response response = admin.requests(organization, "status=PENDING&page=" + page + "&size=2");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().get("page").asInt()).isEqualTo(page);
            assertThat(response.json().get("size").asInt()).isEqualTo(2);
            assertThat(response.json().get("totalItems").asLong()).isEqualTo(5);
            assertThat(response.json().get("items")).hasSize(page < 2 ? 2 : 1);
            response.json().get("items").forEach(item -> {
                paged.add(item.get("requestId").asText());
                requestedAts.add(Instant.parse(item.get("requestedAt").asText()));
            });
        }
        assertThat(paged).containsExactlyElementsOf(requestIds);
        assertThat(requestedAts).isSorted();
        assertThat(admin.requests(organization, "status=PENDING&page=3&size=2").json().get("items")).isEmpty();
        assertThat(admin.listedRequest(organization, requestIds.get(2), "PENDING").get("portal").asText())
                .isEqualTo("CUSTOMER");

        assertThat(admin.approve(users.get(0), requestIds.get(0), null).status()).isEqualTo(200);
        assertThat(admin.reject(users.get(1), requestIds.get(1), null).status()).isEqualTo(200);
        admin.listedRequest(organization, requestIds.get(0), "APPROVED");
        admin.listedRequest(organization, requestIds.get(1), "REJECTED");
        assertThat(requestIdsOf(admin.requests(organization, "status=PENDING")))
                .containsExactlyElementsOf(requestIds.subList(2, 5));
        assertThat(requestIdsOf(admin.requests(organization, "status=APPROVED"))).containsExactly(requestIds.get(0));
        assertThat(requestIdsOf(admin.requests(organization, ""))).containsExactlyElementsOf(requestIds);
    }

    @Test
    void theAdminsList_showsOnlyItsOwnOrganization_andRefusesABadPageRequest() {
        String organization = newOrganizationId();
        ActiveUser elsewhere = activeUser(newOrganizationId());
        admin.requestedReset(elsewhere, "not in this organization");
        TestApi.Response empty = admin.requests(organization, "");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("items")).isEmpty();
        assertThat(empty.json().get("totalItems").asLong()).isZero();

        assertRefused(admin.requests(organization, "size=0"), 400, "validation_failed");
        assertRefused(admin.requests(organization, "size=201"), 400, "validation_failed");
        assertRefused(admin.requests(organization, "page=-1"), 400, "validation_failed");
        assertRefused(admin.requests(organization, "status=SOMETIMES"), 400, "validation_failed");
    }

    private static List<String> requestIdsOf(TestApi.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().get("items").forEach(item -> ids.add(item.get("requestId").asText()));
        return ids;
    }
}
