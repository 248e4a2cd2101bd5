package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionProcessors;

/**
 * An admin console and a portal backend driving the admin features over real HTTP: enforcement policies,
 * recovery reset requests and the admin actions on a user. Acts as {@link #ADMIN} with the test admin key.
 */
final class AdminConsole {

    static final String ADMIN = "admin-alice";

    private static final Duration EVENTUALLY = Duration.ofSeconds(10);

    private final TestApi api;

    AdminConsole(TestApi api) {
        this.api = api;
    }

    /** Policies are per organization: a test that changes one works in an organization of its own. */
    static String newOrganizationId() {
        return "org-" + UUID.randomUUID();
    }

    static String policyPath(String organizationId) {
        return "/api/v1/organizations/" + organizationId + "/two-factor-policy";
    }

    static String requestsPath(String organizationId) {
        return "/api/v1/organizations/" + organizationId + "/recovery-reset-requests";
    }

    static long version(TestApi.Response response) {
        assertThat(response.json().has("version")).as(response.toString()).isTrue();
        return response.json().get("version").asLong();
    }

    /** The version a 204 carries in its {@code X-Version} header. */
    static long headerVersion(TestApi.Response response) {
        return Long.parseLong(response.headers().firstValue("X-Version").orElseThrow());
    }

    // ---- enforcement policy

    TestApi.Response changeEnforcement(String organizationId, String portal, boolean enforced, String key,
                                       String... headers) {
        return api.send("PUT", policyPath(organizationId) + "/" + portal, key,
                TestApi.json(Map.of("enforced", enforced)), headers);
    }

    /** Sets enforcement as the admin and waits until the login check reads it; returns the policy's version. */
    long enforce(String organizationId, String portal, boolean enforced) {
        TestApi.Response changed = changeEnforcement(organizationId, portal, enforced, TestApi.ADMIN_KEY,
                "X-Actor-Id", ADMIN);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        long version = version(changed);
        TestApi.Response policy = policy(organizationId, version);
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        assertThat(policy.json().get("enforcement").get(portal).asBoolean()).isEqualTo(enforced);
        return version;
    }

    TestApi.Response policy(String organizationId, long minVersion) {
        return api.get(policyPath(organizationId) + "?minVersion=" + minVersion, TestApi.ADMIN_KEY);
    }

    // ---- login check and status, as the portal asks

    TestApi.Response loginCheck(String organizationId, String userId, String portal, String loginMethod,
                                Long minVersion, String... headers) {
        return api.get(TestApi.user(organizationId, userId) + "/login-check?portal=" + portal + "&loginMethod="
                + loginMethod + (minVersion == null ? "" : "&minVersion=" + minVersion), TestApi.PORTAL_KEY, headers);
    }

    String decision(String organizationId, String userId, String portal, String loginMethod, Long minVersion,
                    String... headers) {
        TestApi.Response check = loginCheck(organizationId, userId, portal, loginMethod, minVersion, headers);
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        return check.text("decision");
    }

    TestApi.Response status(StandaloneTest.ActiveUser user, long minVersion) {
        TestApi.Response status = api.get(user.path() + "?minVersion=" + minVersion, TestApi.ADMIN_KEY);
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        return status;
    }

    // ---- recovery reset requests

    TestApi.Response requestReset(StandaloneTest.ActiveUser user, String reason) {
        return api.post(user.path() + "/recovery-reset-requests", TestApi.PORTAL_KEY,
                reason == null ? null : Map.of("reason", reason));
    }

    /** Files a request through the portal; returns its id. */
    String requestedReset(StandaloneTest.ActiveUser user, String reason) {
        TestApi.Response requested = requestReset(user, reason);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        return requested.text("requestId");
    }

    TestApi.Response approve(StandaloneTest.ActiveUser user, String requestId, String comment, String key,
                             String... headers) {
        return api.post(user.path() + "/recovery-reset-requests/" + requestId + "/approval", key,
                comment == null ? null : Map.of("comment", comment), headers);
    }

    TestApi.Response approve(StandaloneTest.ActiveUser user, String requestId, String comment) {
        return approve(user, requestId, comment, TestApi.ADMIN_KEY, "X-Actor-Id", ADMIN);
    }

    TestApi.Response reject(StandaloneTest.ActiveUser user, String requestId, String reason, String key,
                            String... headers) {
        return api.post(user.path() + "/recovery-reset-requests/" + requestId + "/rejection", key,
                reason == null ? null : Map.of("reason", reason), headers);
    }

    TestApi.Response reject(StandaloneTest.ActiveUser user, String requestId, String reason) {
        return reject(user, requestId, reason, TestApi.ADMIN_KEY, "X-Actor-Id", ADMIN);
    }

    /** The user regenerates recovery codes, proving the authenticator with {@code code}. */
    TestApi.Response regenerateRecoveryCodes(StandaloneTest.ActiveUser user, String code) {
        return api.post(user.path() + "/recovery-codes", TestApi.PORTAL_KEY, Map.of("code", code));
    }

    TestApi.Response verifyRecoveryCode(StandaloneTest.ActiveUser user, String recoveryCode) {
        return api.post(user.path() + "/recovery-code-verification", TestApi.PORTAL_KEY,
                Map.of("recoveryCode", recoveryCode));
    }

    TestApi.Response requests(String organizationId, String query) {
        return api.get(requestsPath(organizationId) + (query.isEmpty() ? "" : "?" + query), TestApi.ADMIN_KEY);
    }

    /**
     * The admins' list is a projection across users, so it takes no {@code minVersion}: wait until the request
     * shows with the status the test expects, and return it as the list shows it.
     */
    JsonNode listedRequest(String organizationId, String requestId, String expectedStatus) {
        TestApi.Response page = eventually(() -> requests(organizationId, "size=200"),
                response -> response.status() == 200 && expectedStatus.equals(statusOf(response, requestId)));
        assertThat(statusOf(page, requestId)).as(page.toString()).isEqualTo(expectedStatus);
        for (JsonNode item : page.json().get("items")) {
            if (item.get("requestId").asText().equals(requestId)) {
                return item;
            }
        }
        throw new AssertionError("not listed: " + requestId);
    }

    private static String statusOf(TestApi.Response page, String requestId) {
        for (JsonNode item : page.json().get("items")) {
            if (item.get("requestId").asText().equals(requestId)) {
                return item.get("status").asText();
            }
        }
        return null;
    }

    // ---- admin actions on a user

    TestApi.Response reset(StandaloneTest.ActiveUser user, String key, String... headers) {
        return api.post(user.path() + "/reset", key, null, headers);
    }

    TestApi.Response unlock(StandaloneTest.ActiveUser user, String key, String... headers) {
        return api.post(user.path() + "/unlock", key, null, headers);
    }

    // ---- helpers

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /**
     * Waits until every read model has re-applied the history that was in the event store when the service
     * started. A service on a fresh read-model store over an event store with history (the PostgreSQL runs)
     * rebuilds first, and its login checks rightly fail closed (503) meanwhile; a login check for a user who
     * never enrolled has no {@code minVersion} to wait for.
     */
    static void awaitReadModelsServing(ProjectionProcessors processors) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> groups = List.of(ProcessingGroups.USER_TWO_FACTOR_STATUS, ProcessingGroups.TWO_FACTOR_POLICIES,
                ProcessingGroups.RECOVERY_RESET_REQUESTS);
        // Caught up first: before a processor has claimed its segments no token is stored, and "not rebuilding"
        // would be read from nothing.
        while (!groups.stream().allMatch(group -> processors.isCaughtUp(group) && processors.isServing(group))) {
            assertThat(System.nanoTime() - deadline).as("read models still rebuilding after 60 s").isNegative();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Reads until the condition holds, for at most ten seconds; returns the last read either way. */
    static TestApi.Response eventually(Supplier<TestApi.Response> read, Predicate<TestApi.Response> condition) {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        TestApi.Response response = read.get();
        while (!condition.test(response) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            response = read.get();
        }
        return response;
    }
}
