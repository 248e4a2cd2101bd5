package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Who may call what, and what bad input gets: always a problem with a stable code, never a 500. */
class ApiConventionsEndToEndTest extends StandaloneTest {

    private TestApi.Response enroll(String organizationId, String key, String body, String... headers) {
        return api.send("POST", TestApi.user(organizationId, newUserId()) + "/enrollment", key, body, headers);
    }

    private static final String VALID = TestApi.json(Map.of("portal", "AGENT", "accountName", "bob"));

    private static void assertProblem(TestApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingOrUnknownKey_isUnauthorized() {
        assertProblem(enroll("acme", null, VALID), 401, "unauthorized");
        assertProblem(enroll("acme", "not-a-key", VALID), 401, "unauthorized");
        assertProblem(api.get(TestApi.user("acme", "bob"), null), 401, "unauthorized");
    }

    @Test
    void aKeyWithoutTheRole_isForbidden() {
        assertProblem(enroll("acme", TestApi.ADMIN_KEY, VALID), 403, "forbidden");
        assertProblem(enroll("acme", TestApi.AUDITOR_KEY, VALID), 403, "forbidden");
        assertProblem(api.get(TestApi.user("acme", "bob") + "/login-check?portal=AGENT&loginMethod=FORM",
                TestApi.AUDITOR_KEY), 403, "forbidden");
    }

    @Test
    void aKeyScopedToAnotherOrganization_isForbidden() {
        assertProblem(enroll("globex", TestApi.ACME_PORTAL_KEY, VALID), 403, "forbidden");
        assertThat(enroll("acme", TestApi.ACME_PORTAL_KEY, VALID).status()).isEqualTo(201);
    }

    @Test
    void malformedJson_isABadRequest() {
        assertProblem(enroll("acme", TestApi.PORTAL_KEY, "{\"portal\": \"AGENT\", "), 400, "malformed_request");
    }

    @Test
    void anUnknownPortal_isABadRequest() {
        assertProblem(enroll("acme", TestApi.PORTAL_KEY, TestApi.json(Map.of("portal", "KIOSK", "accountName", "bob"))),
                400, "malformed_request");
    }

    @Test
    void aMissingField_failsValidation() {
        assertProblem(enroll("acme", TestApi.PORTAL_KEY, TestApi.json(Map.of("portal", "AGENT"))), 400, "validation_failed");
        assertProblem(enroll("acme", TestApi.PORTAL_KEY, TestApi.json(Map.of("portal", "AGENT", "accountName", "a:b"))),
                400, "validation_failed");
        assertProblem(enroll("acme", TestApi.PORTAL_KEY, TestApi.json(Map.of("portal", "AGENT", "accountName", "a\nb"))),
                400, "validation_failed");
    }

    @Test
    void aBadlyFormedCode_failsValidationWithoutEchoingIt() {
        TestApi.Response response = api.post(TestApi.user("acme", newUserId()) + "/enrollment/confirmation",
                TestApi.PORTAL_KEY, Map.of("code", "12ab56"));
        assertProblem(response, 400, "validation_failed");
        assertThat(response.body()).doesNotContain("12ab56");
    }

    @Test
    void aBadUserId_failsValidation() {
        assertProblem(api.send("POST", "/api/v1/organizations/acme/users/bad%20id/two-factor/enrollment",
                TestApi.PORTAL_KEY, VALID), 400, "validation_failed");
    }

    @Test
    void aWrongContentType_isRefused() {
        assertProblem(enroll("acme", TestApi.PORTAL_KEY, VALID, "Content-Type", "text/plain"), 415,
                "unsupported_media_type");
    }

    @Test
    void anOversizedBody_isRefused() {
        String huge = TestApi.json(Map.of("portal", "AGENT", "accountName", "x".repeat(40_000)));
        assertProblem(enroll("acme", TestApi.PORTAL_KEY, huge), 413, "payload_too_large");
    }

    @Test
    void healthIsUpOnTheEmbeddedStores_withoutAKey() {
        TestApi.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
    }

    @Test
    void anUnknownPath_isAProblemToo() {
        assertProblem(api.get("/api/v1/organizations/acme/nothing-here", TestApi.PORTAL_KEY), 404, "not_found");
    }
}
