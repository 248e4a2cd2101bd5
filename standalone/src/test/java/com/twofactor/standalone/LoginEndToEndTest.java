package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The login path of a 2FA user as a portal backend drives it: codes, replays, lock-out, trusted browsers. */
class LoginEndToEndTest extends StandaloneTest {

    private TestApi.Response verify(ActiveUser user, String code, boolean remember) {
        return api.post(user.path() + "/verification", TestApi.PORTAL_KEY,
                Map.of("code", code, "rememberBrowser", remember, "browserLabel", "Firefox on laptop"));
    }

    private TestApi.Response verifyRecoveryCode(ActiveUser user, String recoveryCode) {
        return api.post(user.path() + "/recovery-code-verification", TestApi.PORTAL_KEY,
                Map.of("recoveryCode", recoveryCode));
    }

    private TestApi.Response loginCheck(ActiveUser user, long minVersion, String... headers) {
        return api.get(user.path() + "/login-check?portal=AGENT&loginMethod=FORM&minVersion=" + minVersion,
                TestApi.PORTAL_KEY, headers);
    }

    private static long version(TestApi.Response response) {
        return response.json().get("version").asLong();
    }

    @Test
    void aCodeOfTheNextStep_verifies() {
        ActiveUser user = activeUser("acme");
        TestApi.Response verified = verify(user, nextCode(user.secret()), false);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("verified").asBoolean()).isTrue();
        assertThat(verified.json().has("trustedBrowserToken")).isFalse();
        assertThat(verified.json().get("remainingRecoveryCodes").asInt()).isEqualTo(10);
    }

    @Test
    void theCodeThatConfirmedEnrollment_andAnyCodeUsedOnce_areRefusedAsReplays() {
        ActiveUser user = activeUser("acme");
        TestApi.Response replayOfConfirmation = verify(user, currentCode(user.secret()), false);
        assertThat(replayOfConfirmation.status()).isEqualTo(422);
        assertThat(replayOfConfirmation.text("code")).isEqualTo("code_already_used");

        String code = nextCode(user.secret());
        assertThat(verify(user, code, false).status()).isEqualTo(200);
        TestApi.Response replay = verify(user, code, false);
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.text("code")).isEqualTo("code_already_used");
    }

    @Test
    void windowEdges_onePeriodEitherSideIsAcceptedTwoAreNot() {
        ActiveUser user = activeUser("acme");
        clock.advance(Duration.ofMinutes(5));
        Instant now = clock.instant();
        String twoStepsBack = com.twofactor.command.crypto.Totp.code(user.secret(),
                com.twofactor.command.crypto.Totp.timeStep(now) - 2);
        assertThat(verify(user, twoStepsBack, false).text("code")).isEqualTo("invalid_code");
        String oneStepBack = com.twofactor.command.crypto.Totp.code(user.secret(),
                com.twofactor.command.crypto.Totp.timeStep(now) - 1);
        assertThat(verify(user, oneStepBack, false).status()).isEqualTo(200);
        String twoStepsAhead = com.twofactor.command.crypto.Totp.code(user.secret(),
                com.twofactor.command.crypto.Totp.timeStep(now) + 2);
        assertThat(verify(user, twoStepsAhead, false).text("code")).isEqualTo("invalid_code");
        String oneStepAhead = com.twofactor.command.crypto.Totp.code(user.secret(),
                com.twofactor.command.crypto.Totp.timeStep(now) + 1);
        assertThat(verify(user, oneStepAhead, false).status()).isEqualTo(200);
    }

    @Test
    void aTrustedBrowserToken_skipsTheChallengeForThatUserOnly() {
        ActiveUser alice = activeUser("acme");
        ActiveUser bob = activeUser("acme");
        TestApi.Response verified = verify(alice, nextCode(alice.secret()), true);
        String token = verified.text("trustedBrowserToken");
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        assertThat(Instant.parse(verified.text("trustedUntil"))).isEqualTo(clock.instant().plus(Duration.ofDays(30)));

        TestApi.Response withToken = loginCheck(alice, version(verified), "X-Trusted-Browser-Token", token);
        assertThat(withToken.text("decision")).isEqualTo("NOT_REQUIRED");
        assertThat(loginCheck(alice, version(verified), "X-Trusted-Browser-Token", token + "x").text("decision"))
                .isEqualTo("CHALLENGE");
        assertThat(loginCheck(bob, bob.version(), "X-Trusted-Browser-Token", token).text("decision"))
                .isEqualTo("CHALLENGE");

        TestApi.Response status = api.get(alice.path() + "?minVersion=" + version(verified), TestApi.PORTAL_KEY);
        assertThat(status.json().get("trustedBrowsers")).hasSize(1);
        assertThat(status.json().get("trustedBrowsers").get(0).get("label").asText()).isEqualTo("Firefox on laptop");
        assertThat(status.body()).doesNotContain(token);
        assertThat(status.body()).doesNotContain(com.twofactor.api.user.TrustedBrowserTokens.hash(token));
    }

    @Test
    void aTrustedBrowserToken_stopsWorkingAfterThirtyDaysOrWhenRevoked() {
        ActiveUser user = activeUser("acme");
        TestApi.Response verified = verify(user, nextCode(user.secret()), true);
        String token = verified.text("trustedBrowserToken");

        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThat(loginCheck(user, version(verified), "X-Trusted-Browser-Token", token).text("decision"))
                .isEqualTo("CHALLENGE");

        TestApi.Response again = verify(user, currentCode(user.secret()), true);
        String fresh = again.text("trustedBrowserToken");
        assertThat(loginCheck(user, version(again), "X-Trusted-Browser-Token", fresh).text("decision"))
                .isEqualTo("NOT_REQUIRED");
        TestApi.Response revoked = api.send("DELETE", user.path() + "/trusted-browsers", TestApi.PORTAL_KEY, null);
        assertThat(revoked.status()).isEqualTo(204);
        long revokedVersion = Long.parseLong(revoked.headers().firstValue("X-Version").orElseThrow());
        assertThat(loginCheck(user, revokedVersion, "X-Trusted-Browser-Token", fresh).text("decision"))
                .isEqualTo("CHALLENGE");
    }

    @Test
    void aRecoveryCode_worksOnceInAnyCaseWithOrWithoutHyphen() {
        ActiveUser user = activeUser("acme");
        String code = user.recoveryCodes().get(0);
        TestApi.Response used = verifyRecoveryCode(user, code.toLowerCase().replace("-", " "));
        assertThat(used.status()).as(used.toString()).isEqualTo(200);
        assertThat(used.json().get("remainingRecoveryCodes").asInt()).isEqualTo(9);

        TestApi.Response reused = verifyRecoveryCode(user, code);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("code")).isEqualTo("invalid_recovery_code");
        assertThat(reused.body()).doesNotContain(code);

        TestApi.Response another = verifyRecoveryCode(user, user.recoveryCodes().get(1).replace("-", ""));
        assertThat(another.json().get("remainingRecoveryCodes").asInt()).isEqualTo(8);
        TestApi.Response check = loginCheck(user, version(another));
        assertThat(check.json().get("remainingRecoveryCodes").asInt()).isEqualTo(8);
    }

    @Test
    void fiveWrongCodes_lockVerificationEvenForTheRightCode_untilAnAdminUnlocks() {
        ActiveUser user = activeUser("acme");
        String right = nextCode(user.secret());
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(verify(user, wrongCode(right), false).text("code")).isEqualTo("invalid_code");
        }
        TestApi.Response fifth = verify(user, wrongCode(right), false);
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.text("code")).isEqualTo("locked_out");
        assertThat(fifth.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(299L, 301L));
        Instant lockedUntil = Instant.parse(fifth.text("lockedUntil"));
        assertThat(lockedUntil).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

        TestApi.Response rightButLocked = verify(user, right, false);
        assertThat(rightButLocked.status()).isEqualTo(423);
        assertThat(verifyRecoveryCode(user, user.recoveryCodes().get(0)).status()).isEqualTo(423);

        TestApi.Response check = loginCheck(user, version(fifth));
        assertThat(check.text("decision")).isEqualTo("LOCKED");
        assertThat(Instant.parse(check.text("lockedUntil"))).isEqualTo(lockedUntil);

        TestApi.Response unlockWithoutActor = api.post(user.path() + "/unlock", TestApi.ADMIN_KEY, null);
        assertThat(unlockWithoutActor.status()).isEqualTo(400);
        assertThat(api.post(user.path() + "/unlock", TestApi.PORTAL_KEY, null, "X-Actor-Id", "admin-bob").status())
                .isEqualTo(403);
        TestApi.Response unlocked = api.post(user.path() + "/unlock", TestApi.ADMIN_KEY, null, "X-Actor-Id", "admin-bob");
        assertThat(unlocked.status()).as(unlocked.toString()).isEqualTo(200);
        assertThat(loginCheck(user, version(unlocked)).text("decision")).isEqualTo("CHALLENGE");
        assertThat(verify(user, right, false).status()).isEqualTo(200);
    }

    @Test
    void aLockOutEndsByItselfAfterFiveMinutes_andASuccessResetsTheCount() {
        ActiveUser user = activeUser("acme");
        String right = nextCode(user.secret());
        for (int attempt = 1; attempt <= 5; attempt++) {
            verify(user, wrongCode(right), false);
        }
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        TestApi.Response afterwards = verify(user, currentCode(user.secret()), false);
        assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(200);
        String next = nextCode(user.secret());
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(verify(user, wrongCode(next), false).status()).isEqualTo(422);
        }
        assertThat(verify(user, next, false).status()).isEqualTo(200);
    }

    @Test
    void disablingWithACurrentCode_turnsTwoFactorOffAndRevokesTrustedBrowsers() {
        ActiveUser user = activeUser("acme");
        TestApi.Response trusted = verify(user, nextCode(user.secret()), true);
        String token = trusted.text("trustedBrowserToken");

        TestApi.Response wrong = api.send("DELETE", user.path(), TestApi.PORTAL_KEY,
                TestApi.json(Map.of("code", wrongCode(nextCode(user.secret())))));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.text("code")).isEqualTo("invalid_code");

        TestApi.Response disabled = api.send("DELETE", user.path(), TestApi.PORTAL_KEY,
                TestApi.json(Map.of("code", currentCode(user.secret()))));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
        long disabledVersion = Long.parseLong(disabled.headers().firstValue("X-Version").orElseThrow());

        TestApi.Response status = api.get(user.path() + "?minVersion=" + disabledVersion, TestApi.PORTAL_KEY);
        assertThat(status.text("status")).isEqualTo("NOT_ENROLLED");
        assertThat(status.json().get("trustedBrowsers")).isEmpty();
        assertThat(loginCheck(user, disabledVersion, "X-Trusted-Browser-Token", token).text("decision"))
                .isEqualTo("NOT_REQUIRED");
        TestApi.Response verifyAfter = verify(user, nextCode(user.secret()), false);
        assertThat(verifyAfter.text("code")).isEqualTo("two_factor_not_enabled");
    }

    @Test
    void aQueryForAVersionTheReadModelNeverReaches_isUnavailableNotWrong() {
        ActiveUser user = activeUser("acme");
        TestApi.Response check = loginCheck(user, user.version() + 100);
        assertThat(check.status()).isEqualTo(503);
        assertThat(check.text("code")).isEqualTo("service_unavailable");
    }
}
