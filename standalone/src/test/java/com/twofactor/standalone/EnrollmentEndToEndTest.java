package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Enrollment as a portal backend does it, and every way it can go wrong. */
class EnrollmentEndToEndTest extends StandaloneTest {

    @Test
    void enrollingAndConfirming_activatesTwoFactorAndTheLoginCheckChallenges() {
        Enrollment enrollment = startEnrollment("acme", newUserId());
        JsonNode started = enrollment.response();
        assertThat(enrollment.secret()).matches("[A-Z2-7]{32}");
        assertThat(started.get("otpauthUri").asText())
                .startsWith("otpauth://totp/TwoFactor:" + enrollment.userId())
                .contains("secret=" + enrollment.secret()).contains("issuer=TwoFactor");
        assertThat(started.get("qrCodePng").asText()).isNotBlank();
        assertThat(Instant.parse(started.get("expiresAt").asText()))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));

        TestApi.Response confirmed = api.post(enrollment.path() + "/enrollment/confirmation", TestApi.PORTAL_KEY,
                Map.of("code", currentCode(enrollment.secret())));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().get("recoveryCodes")).hasSize(10);
        long version = confirmed.json().get("version").asLong();

        TestApi.Response status = api.get(enrollment.path() + "?minVersion=" + version, TestApi.PORTAL_KEY);
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        assertThat(status.text("status")).isEqualTo("ACTIVE");
        assertThat(status.json().get("remainingRecoveryCodes").asInt()).isEqualTo(10);

        TestApi.Response check = api.get(enrollment.path() + "/login-check?portal=AGENT&loginMethod=FORM&minVersion="
                + version, TestApi.PORTAL_KEY);
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.text("decision")).isEqualTo("CHALLENGE");
        assertThat(check.json().get("methods").toString()).contains("TOTP", "RECOVERY_CODE");

        TestApi.Response sso = api.get(enrollment.path() + "/login-check?portal=AGENT&loginMethod=SSO&minVersion="
                + version, TestApi.PORTAL_KEY);
        assertThat(sso.text("decision")).isEqualTo("NOT_REQUIRED");
    }

    @Test
    void aUserWithoutTwoFactor_isNotChallenged() {
        String path = TestApi.user("acme", newUserId());
        TestApi.Response check = api.get(path + "/login-check?portal=AGENT&loginMethod=FORM", TestApi.PORTAL_KEY);
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.text("decision")).isEqualTo("NOT_REQUIRED");
        TestApi.Response status = api.get(path, TestApi.PORTAL_KEY);
        assertThat(status.text("status")).isEqualTo("NOT_ENROLLED");
    }

    @Test
    void aPendingEnrollment_showsAsPendingAndIsNotChallenged() {
        Enrollment enrollment = startEnrollment("acme", newUserId());
        long version = enrollment.response().get("version").asLong();
        TestApi.Response status = api.get(enrollment.path() + "?minVersion=" + version, TestApi.PORTAL_KEY);
        assertThat(status.text("status")).isEqualTo("PENDING");
        TestApi.Response check = api.get(enrollment.path() + "/login-check?portal=AGENT&loginMethod=FORM&minVersion="
                + version, TestApi.PORTAL_KEY);
        assertThat(check.text("decision")).isEqualTo("NOT_REQUIRED");
    }

    @Test
    void confirmingWithAWrongCode_isRefusedAndTheUserStaysPending() {
        Enrollment enrollment = startEnrollment("acme", newUserId());
        TestApi.Response refused = api.post(enrollment.path() + "/enrollment/confirmation", TestApi.PORTAL_KEY,
                Map.of("code", wrongCode(currentCode(enrollment.secret()))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("invalid_code");

        TestApi.Response confirmed = api.post(enrollment.path() + "/enrollment/confirmation", TestApi.PORTAL_KEY,
                Map.of("code", currentCode(enrollment.secret())));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    }

    @Test
    void confirmingAfterTheEnrollmentExpired_isRefused() {
        Enrollment enrollment = startEnrollment("acme", newUserId());
        clock.advance(Duration.ofMinutes(16));
        TestApi.Response refused = api.post(enrollment.path() + "/enrollment/confirmation", TestApi.PORTAL_KEY,
                Map.of("code", currentCode(enrollment.secret())));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("enrollment_expired");
    }

    @Test
    void enrollingAgain_replacesTheSecretAndTheOldOneNoLongerConfirms() {
        String userId = newUserId();
        Enrollment first = startEnrollment("acme", userId);
        Enrollment second = startEnrollment("acme", userId);
        assertThat(second.secret()).isNotEqualTo(first.secret());
        TestApi.Response refused = api.post(first.path() + "/enrollment/confirmation", TestApi.PORTAL_KEY,
                Map.of("code", currentCode(first.secret())));
        assertThat(refused.text("code")).isEqualTo("invalid_code");
    }

    @Test
    void enrollingWhileActive_andConfirmingTwice_areRefused() {
        ActiveUser user = activeUser("acme");
        TestApi.Response again = api.post(user.path() + "/enrollment", TestApi.PORTAL_KEY,
                Map.of("portal", "AGENT", "accountName", "someone"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("two_factor_already_enabled");
        TestApi.Response twice = api.post(user.path() + "/enrollment/confirmation", TestApi.PORTAL_KEY,
                Map.of("code", nextCode(user.secret())));
        assertThat(twice.text("code")).isEqualTo("two_factor_already_enabled");
    }

    @Test
    void confirmingWithoutEnrollment_isRefused() {
        TestApi.Response refused = api.post(TestApi.user("acme", newUserId()) + "/enrollment/confirmation",
                TestApi.PORTAL_KEY, Map.of("code", "123456"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("enrollment_not_started");
    }
}
