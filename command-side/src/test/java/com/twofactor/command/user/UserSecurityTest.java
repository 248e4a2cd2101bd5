package com.twofactor.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.hamcrest.Matchers.any;
import static org.hamcrest.Matchers.instanceOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.twofactor.api.CommandAccepted;
import com.twofactor.api.Portal;
import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.user.ApproveRecoveryResetCommand;
import com.twofactor.api.user.BrowserTrusted;
import com.twofactor.api.user.ConfirmEnrollmentCommand;
import com.twofactor.api.user.ConsumeRecoveryCodeCommand;
import com.twofactor.api.user.DisableTwoFactorCommand;
import com.twofactor.api.user.EnableTwoFactorCommand;
import com.twofactor.api.user.EnrollmentConfirmedResult;
import com.twofactor.api.user.EnrollmentStartedResult;
import com.twofactor.api.user.RecoveryCodeConsumed;
import com.twofactor.api.user.RecoveryCodesIssued;
import com.twofactor.api.user.RecoveryCodesRegeneratedResult;
import com.twofactor.api.user.RecoveryResetApproved;
import com.twofactor.api.user.RecoveryResetRejected;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.RegenerateRecoveryCodesCommand;
import com.twofactor.api.user.RejectRecoveryResetCommand;
import com.twofactor.api.user.RequestRecoveryResetCommand;
import com.twofactor.api.user.ResetTwoFactorCommand;
import com.twofactor.api.user.RevokeTrustedBrowsersCommand;
import com.twofactor.api.user.SecondFactorMethod;
import com.twofactor.api.user.SecondFactorRejected;
import com.twofactor.api.user.SecondFactorUnlocked;
import com.twofactor.api.user.SecondFactorVerified;
import com.twofactor.api.user.TrustedBrowserTokens;
import com.twofactor.api.user.TrustedBrowsersRevoked;
import com.twofactor.api.user.TwoFactorDisabled;
import com.twofactor.api.user.TwoFactorEnabled;
import com.twofactor.api.user.TwoFactorEnrollmentStarted;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.api.user.UnlockSecondFactorCommand;
import com.twofactor.api.user.UserLockedOut;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.api.user.VerificationResult;
import com.twofactor.api.user.VerifyTotpCodeCommand;
import com.twofactor.command.crypto.IssuedRecoveryCodes;
import com.twofactor.command.crypto.RecoveryCodes;
import com.twofactor.command.crypto.SecretCipher;
import com.twofactor.command.crypto.SecretKeyRing;
import com.twofactor.command.crypto.Totp;

/** The rules of one user's second factor (design §3), as given/when/then specifications. */
class UserSecurityTest {

    static final UserSecurityId USER = new UserSecurityId("acme", "alice");
    static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    final SecretKeyRing keys = SecretKeyRing.withRandomKey("test-key");
    final SecretCipher cipher = new SecretCipher(keys);
    final RecoveryCodes recoveryCodes = new RecoveryCodes(keys, 1_000);
    final TestClock clock = new TestClock(T0);
    final CountingTokens tokens = new CountingTokens();
    final Set<Portal> enforcedPortals = new HashSet<>();
    FixtureConfiguration<UserSecurity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserSecurity.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(new Totp());
        fixture.registerInjectableResource(cipher);
        fixture.registerInjectableResource(recoveryCodes);
        fixture.registerInjectableResource(SecondFactorSettings.defaults());
        fixture.registerInjectableResource(tokens);
        fixture.registerInjectableResource((EnforcementPolicies) (organization, portal) -> enforcedPortals.contains(portal));
    }

    // ---- helpers that read as the domain speaks

    static String codeAt(Instant instant) {
        return Totp.code(SECRET, Totp.timeStep(instant));
    }

    Object enrollmentStarted() {
        return new TwoFactorEnrollmentStarted(USER, Portal.AGENT, cipher.encrypt(SECRET, USER), T0,
                T0.plus(Duration.ofMinutes(15)));
    }

    Object enabled() {
        return new TwoFactorEnabled(USER, Portal.AGENT, T0, Totp.timeStep(T0));
    }

    IssuedRecoveryCodes issued;

    Object recoveryCodesIssued() {
        issued = recoveryCodes.issue();
        return new RecoveryCodesIssued(USER, "batch-1", issued.hashes(), issued.lookupKeyId(), issued.algorithm(), T0);
    }

    List<Object> active() {
        return List.of(enrollmentStarted(), enabled(), recoveryCodesIssued());
    }

    List<Object> activeWithFailures(int failures) {
        List<Object> events = new ArrayList<>(active());
        for (int i = 1; i <= failures; i++) {
            events.add(new SecondFactorRejected(USER, SecondFactorMethod.TOTP, ErrorCode.INVALID_CODE, i, T0));
            if (i % 5 == 0) {
                events.add(new UserLockedOut(USER, T0, i >= 100 ? null : T0.plusSeconds(60), i / 5));
            }
        }
        return events;
    }

    static Matcher<List<? super org.axonframework.eventhandling.EventMessage<?>>> eventsOfTypes(Class<?>... types) {
        List<Matcher<? super org.axonframework.eventhandling.EventMessage<?>>> matchers = new ArrayList<>();
        for (Class<?> type : types) {
            matchers.add(messageWithPayload(instanceOf(type)));
        }
        matchers.add(andNoMore());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Matcher<List<? super org.axonframework.eventhandling.EventMessage<?>>> sequence =
                (Matcher) exactSequenceOf(matchers.toArray(new Matcher[0]));
        return sequence;
    }

    static <T> T resultOf(ResultValidator<UserSecurity> validator, Class<T> type) {
        AtomicReference<T> result = new AtomicReference<>();
        validator.expectResultMessagePayloadMatching(new org.hamcrest.CustomTypeSafeMatcher<Object>("a " + type.getSimpleName()) {
            @Override
            protected boolean matchesSafely(Object item) {
                result.set(type.cast(item));
                return type.isInstance(item);
            }
        });
        return result.get();
    }

    static void refusedWith(ResultValidator<UserSecurity> validator, ErrorCode code) {
        validator.expectNoEvents().expectException(DomainException.class)
                .expectExceptionMessage(any(String.class))
                .expectException(new org.hamcrest.CustomTypeSafeMatcher<DomainException>("error " + code) {
                    @Override
                    protected boolean matchesSafely(DomainException item) {
                        return item.errorCode() == code;
                    }
                });
    }

    @Nested
    class Enrollment {

        @Test
        void enablingTwoFactor_startsAnEnrollmentWithTheSecretStoredOnlyEncrypted() {
            var then = fixture.givenNoPriorActivity()
                    .when(new EnableTwoFactorCommand(USER, Portal.AGENT, "alice@acme.test"))
                    .expectEventsMatching(eventsOfTypes(TwoFactorEnrollmentStarted.class));
            EnrollmentStartedResult result = resultOf(then, EnrollmentStartedResult.class);
            assertThat(result.secret()).matches("[A-Z2-7]{32}");
            assertThat(result.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
            assertThat(result.version()).isZero();
        }

        @Test
        void enablingAgainWhilePending_replacesTheSecret() {
            fixture.given(enrollmentStarted())
                    .when(new EnableTwoFactorCommand(USER, Portal.AGENT, "alice@acme.test"))
                    .expectEventsMatching(eventsOfTypes(TwoFactorEnrollmentStarted.class));
        }

        @Test
        void enablingWhileActive_isRefused() {
            refusedWith(fixture.given(active()).when(new EnableTwoFactorCommand(USER, Portal.AGENT, "alice")),
                    ErrorCode.TWO_FACTOR_ALREADY_ENABLED);
        }

        @Test
        void confirmingWithACurrentCode_enablesTwoFactorAndIssuesTenRecoveryCodes() {
            clock.advance(Duration.ofSeconds(40));
            var then = fixture.given(enrollmentStarted())
                    .when(new ConfirmEnrollmentCommand(USER, codeAt(clock.instant())))
                    .expectEventsMatching(eventsOfTypes(TwoFactorEnabled.class, RecoveryCodesIssued.class));
            EnrollmentConfirmedResult result = resultOf(then, EnrollmentConfirmedResult.class);
            assertThat(result.recoveryCodes()).hasSize(10).doesNotHaveDuplicates()
                    .allMatch(code -> code.matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}"));
            assertThat(result.version()).isEqualTo(2);
        }

        @Test
        void confirmingWithACodeOfTheNeighbouringStep_isAccepted() {
            fixture.given(enrollmentStarted())
                    .when(new ConfirmEnrollmentCommand(USER, codeAt(T0.minusSeconds(30))))
                    .expectEventsMatching(eventsOfTypes(TwoFactorEnabled.class, RecoveryCodesIssued.class));
        }

        @Test
        void confirmingWithACodeTwoStepsAway_isRefused() {
            refusedWith(fixture.given(enrollmentStarted()).when(new ConfirmEnrollmentCommand(USER, codeAt(T0.plusSeconds(60)))),
                    ErrorCode.INVALID_CODE);
        }

        @Test
        void confirmingWithAWrongCode_isRefused() {
            String wrong = codeAt(T0).equals("123456") ? "654321" : "123456";
            refusedWith(fixture.given(enrollmentStarted()).when(new ConfirmEnrollmentCommand(USER, wrong)),
                    ErrorCode.INVALID_CODE);
        }

        @Test
        void confirmingAfterFifteenMinutes_isRefusedAsExpired() {
            clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            refusedWith(fixture.given(enrollmentStarted()).when(new ConfirmEnrollmentCommand(USER, codeAt(clock.instant()))),
                    ErrorCode.ENROLLMENT_EXPIRED);
        }

        @Test
        void confirmingWithoutEnrollment_isRefused() {
            refusedWith(fixture.givenNoPriorActivity().when(new ConfirmEnrollmentCommand(USER, codeAt(T0))),
                    ErrorCode.ENROLLMENT_NOT_STARTED);
        }

        @Test
        void confirmingTwice_isRefused() {
            refusedWith(fixture.given(active()).when(new ConfirmEnrollmentCommand(USER, codeAt(T0))),
                    ErrorCode.TWO_FACTOR_ALREADY_ENABLED);
        }

        @Test
        void confirmingWithACodeOfTheReplacedSecret_isRefused() {
            Object replaced = new TwoFactorEnrollmentStarted(USER, Portal.AGENT,
                    cipher.encrypt("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", USER), T0, T0.plus(Duration.ofMinutes(15)));
            refusedWith(fixture.given(enrollmentStarted(), replaced).when(new ConfirmEnrollmentCommand(USER, codeAt(T0))),
                    ErrorCode.INVALID_CODE);
        }
    }

    @Nested
    class TotpVerification {

        @Test
        void verifyingTheCodeThatConfirmedEnrollment_isRejectedAsAlreadyUsed() {
            var then = fixture.given(active())
                    .when(new VerifyTotpCodeCommand(USER, codeAt(T0), false, null))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.TOTP, ErrorCode.CODE_ALREADY_USED, 1, T0));
            assertThat(resultOf(then, VerificationResult.class).rejection()).isEqualTo(ErrorCode.CODE_ALREADY_USED);
        }

        @Test
        void verifyingACodeOfALaterStep_isAccepted() {
            clock.advance(Duration.ofSeconds(30));
            var then = fixture.given(active())
                    .when(new VerifyTotpCodeCommand(USER, codeAt(clock.instant()), false, null))
                    .expectEvents(new SecondFactorVerified(USER, SecondFactorMethod.TOTP, Totp.timeStep(clock.instant()), clock.instant()));
            VerificationResult result = resultOf(then, VerificationResult.class);
            assertThat(result.verified()).isTrue();
            assertThat(result.trustedBrowserToken()).isNull();
            assertThat(result.remainingRecoveryCodes()).isEqualTo(10);
        }

        @Test
        void verifyingTheSameCodeTwice_isRejectedTheSecondTime() {
            Instant later = T0.plusSeconds(30);
            clock.advance(Duration.ofSeconds(30));
            List<Object> history = new ArrayList<>(active());
            history.add(new SecondFactorVerified(USER, SecondFactorMethod.TOTP, Totp.timeStep(later), later));
            fixture.given(history)
                    .when(new VerifyTotpCodeCommand(USER, codeAt(later), false, null))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.TOTP, ErrorCode.CODE_ALREADY_USED, 1, later));
        }

        @Test
        void verifyingAWrongCode_isRecordedAsARejection() {
            clock.advance(Duration.ofSeconds(30));
            String wrong = codeAt(clock.instant()).equals("000000") ? "111111" : "000000";
            var then = fixture.given(active())
                    .when(new VerifyTotpCodeCommand(USER, wrong, false, null))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.TOTP, ErrorCode.INVALID_CODE, 1, clock.instant()));
            assertThat(resultOf(then, VerificationResult.class).verified()).isFalse();
        }

        @Test
        void verifyingWithoutTwoFactor_isRefused() {
            refusedWith(fixture.given(enrollmentStarted()).when(new VerifyTotpCodeCommand(USER, codeAt(T0), false, null)),
                    ErrorCode.TWO_FACTOR_NOT_ENABLED);
        }

        @Test
        void rememberingTheBrowser_issuesATokenOnceAndRecordsOnlyItsHash() {
            clock.advance(Duration.ofSeconds(30));
            Instant now = clock.instant();
            var then = fixture.given(active())
                    .when(new VerifyTotpCodeCommand(USER, codeAt(now), true, "Firefox on laptop"))
                    .expectEvents(new SecondFactorVerified(USER, SecondFactorMethod.TOTP, Totp.timeStep(now), now),
                            new BrowserTrusted(USER, "id-1", "Firefox on laptop", TrustedBrowserTokens.hash("token-1"),
                                    now, now.plus(Duration.ofDays(30))));
            VerificationResult result = resultOf(then, VerificationResult.class);
            assertThat(result.trustedBrowserToken()).isEqualTo("token-1");
            assertThat(result.trustedUntil()).isEqualTo(now.plus(Duration.ofDays(30)));
        }
    }

    @Nested
    class TrustedBrowserLimits {

        @Test
        void trustingAnEleventhBrowser_revokesTheOldest() {
            List<Object> history = new ArrayList<>(active());
            for (int i = 1; i <= 10; i++) {
                history.add(new BrowserTrusted(USER, "b-" + i, null, "h" + i, T0, T0.plus(Duration.ofDays(30))));
            }
            clock.advance(Duration.ofSeconds(30));
            Instant now = clock.instant();
            fixture.given(history)
                    .when(new VerifyTotpCodeCommand(USER, codeAt(now), true, "new laptop"))
                    .expectEvents(new SecondFactorVerified(USER, SecondFactorMethod.TOTP, Totp.timeStep(now), now),
                            new TrustedBrowsersRevoked(USER, List.of("b-1"), now),
                            new BrowserTrusted(USER, "id-1", "new laptop", TrustedBrowserTokens.hash("token-1"), now,
                                    now.plus(Duration.ofDays(30))));
        }

        @Test
        void expiredBrowsers_areForgottenAndDoNotCountTowardTheLimit() {
            List<Object> history = new ArrayList<>(active());
            for (int i = 1; i <= 10; i++) {
                history.add(new BrowserTrusted(USER, "old-" + i, null, "h" + i, T0, T0.plus(Duration.ofDays(30))));
            }
            clock.advance(Duration.ofDays(31));
            Instant now = clock.instant();
            fixture.given(history)
                    .when(new VerifyTotpCodeCommand(USER, codeAt(now), true, null))
                    .expectEvents(new SecondFactorVerified(USER, SecondFactorMethod.TOTP, Totp.timeStep(now), now),
                            new BrowserTrusted(USER, "id-1", null, TrustedBrowserTokens.hash("token-1"), now,
                                    now.plus(Duration.ofDays(30))))
                    .expectState(state -> assertThat(state).extracting("trustedBrowsers")
                            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("id-1"));
        }
    }

    @Nested
    class LockOut {

        String wrongCode() {
            return codeAt(clock.instant()).equals("000000") ? "111111" : "000000";
        }

        @Test
        void theFifthConsecutiveFailure_locksVerificationForFiveMinutes() {
            var then = fixture.given(activeWithFailures(4))
                    .when(new VerifyTotpCodeCommand(USER, wrongCode(), false, null))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.TOTP, ErrorCode.INVALID_CODE, 5, T0),
                            new UserLockedOut(USER, T0, T0.plus(Duration.ofMinutes(5)), 1));
            VerificationResult result = resultOf(then, VerificationResult.class);
            assertThat(result.rejection()).isEqualTo(ErrorCode.LOCKED_OUT);
            assertThat(result.lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        }

        @Test
        void eachFurtherLockOut_doublesUpToOneHour() {
            SecondFactorSettings settings = SecondFactorSettings.defaults();
            assertThat(settings.lockOutDuration(2)).isEqualTo(Duration.ofMinutes(10));
            assertThat(settings.lockOutDuration(3)).isEqualTo(Duration.ofMinutes(20));
            assertThat(settings.lockOutDuration(4)).isEqualTo(Duration.ofMinutes(40));
            assertThat(settings.lockOutDuration(5)).isEqualTo(Duration.ofHours(1));
            assertThat(settings.lockOutDuration(19)).isEqualTo(Duration.ofHours(1));
            clock.advance(Duration.ofMinutes(2));
            fixture.given(activeWithFailures(9))
                    .when(new VerifyTotpCodeCommand(USER, wrongCode(), false, null))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.TOTP, ErrorCode.INVALID_CODE, 10, clock.instant()),
                            new UserLockedOut(USER, clock.instant(), clock.instant().plus(Duration.ofMinutes(10)), 2));
        }

        @Test
        void whileLocked_evenTheRightCodeIsRefusedAndNothingIsRecorded() {
            clock.advance(Duration.ofSeconds(30));
            var then = fixture.given(activeWithFailures(5))
                    .when(new VerifyTotpCodeCommand(USER, codeAt(clock.instant()), false, null))
                    .expectNoEvents();
            assertThat(resultOf(then, VerificationResult.class).rejection()).isEqualTo(ErrorCode.LOCKED_OUT);
        }

        @Test
        void whileLocked_recoveryCodesAreRefusedToo() {
            List<Object> history = activeWithFailures(5);
            var then = fixture.given(history)
                    .when(new ConsumeRecoveryCodeCommand(USER, issued.plainCodes().get(0), false, null))
                    .expectNoEvents();
            assertThat(resultOf(then, VerificationResult.class).rejection()).isEqualTo(ErrorCode.LOCKED_OUT);
        }

        @Test
        void afterTheLockOutEnds_theRightCodeIsAcceptedAndClearsTheCount() {
            clock.advance(Duration.ofMinutes(6));
            fixture.given(activeWithFailures(5))
                    .when(new VerifyTotpCodeCommand(USER, codeAt(clock.instant()), false, null))
                    .expectEvents(new SecondFactorVerified(USER, SecondFactorMethod.TOTP, Totp.timeStep(clock.instant()), clock.instant()))
                    .expectState(state -> assertThat(state).extracting("consecutiveFailures").isEqualTo(0));
        }

        @Test
        void theHundredthConsecutiveFailure_locksUntilAnAdminUnlocks() {
            clock.advance(Duration.ofDays(1));
            var then = fixture.given(activeWithFailures(99))
                    .when(new VerifyTotpCodeCommand(USER, wrongCode(), false, null))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.TOTP, ErrorCode.INVALID_CODE, 100, clock.instant()),
                            new UserLockedOut(USER, clock.instant(), null, 20));
            assertThat(resultOf(then, VerificationResult.class).lockedUntil()).isNull();
        }

        @Test
        void anAdminUnlock_liftsTheLockOut() {
            fixture.given(activeWithFailures(100))
                    .when(new UnlockSecondFactorCommand(USER, "admin-bob"))
                    .expectEvents(new SecondFactorUnlocked(USER, "admin-bob", T0));
        }

        @Test
        void afterAnAdminUnlock_theRightCodeIsAccepted() {
            clock.advance(Duration.ofSeconds(30));
            List<Object> history = new ArrayList<>(activeWithFailures(100));
            history.add(new SecondFactorUnlocked(USER, "admin-bob", T0));
            fixture.given(history)
                    .when(new VerifyTotpCodeCommand(USER, codeAt(clock.instant()), false, null))
                    .expectEventsMatching(eventsOfTypes(SecondFactorVerified.class));
        }

        @Test
        void unlockingAUserWithNothingToUnlock_recordsNothing() {
            fixture.given(active()).when(new UnlockSecondFactorCommand(USER, "admin-bob")).expectNoEvents()
                    .expectResultMessagePayload(new CommandAccepted(2));
        }
    }

    @Nested
    class RecoveryCodeVerification {

        @Test
        void consumingARecoveryCode_passesAndLeavesNine() {
            List<Object> history = active();
            var then = fixture.given(history)
                    .when(new ConsumeRecoveryCodeCommand(USER, issued.plainCodes().get(3), false, null))
                    .expectEvents(new RecoveryCodeConsumed(USER, "batch-1", 4, 9, T0));
            assertThat(resultOf(then, VerificationResult.class).remainingRecoveryCodes()).isEqualTo(9);
        }

        @Test
        void aRecoveryCodeInLowerCaseWithoutHyphen_isAccepted() {
            List<Object> history = active();
            String typed = issued.plainCodes().get(0).replace("-", " ").toLowerCase();
            fixture.given(history)
                    .when(new ConsumeRecoveryCodeCommand(USER, typed, false, null))
                    .expectEvents(new RecoveryCodeConsumed(USER, "batch-1", 1, 9, T0));
        }

        @Test
        void aUsedRecoveryCode_isRejected() {
            List<Object> history = new ArrayList<>(active());
            history.add(new RecoveryCodeConsumed(USER, "batch-1", 1, 9, T0));
            fixture.given(history)
                    .when(new ConsumeRecoveryCodeCommand(USER, issued.plainCodes().get(0), false, null))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.RECOVERY_CODE,
                            ErrorCode.INVALID_RECOVERY_CODE, 1, T0));
        }

        @Test
        void anUnknownRecoveryCode_isRejectedAndCountsTowardLockOut() {
            fixture.given(activeWithFailures(4))
                    .when(new ConsumeRecoveryCodeCommand(USER, "00000-00000", false, null))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.RECOVERY_CODE,
                                    ErrorCode.INVALID_RECOVERY_CODE, 5, T0),
                            new UserLockedOut(USER, T0, T0.plus(Duration.ofMinutes(5)), 1));
        }
    }

    @Nested
    class Disabling {

        @Test
        void disablingWithACurrentCode_turnsTwoFactorOffAndRevokesTrustedBrowsers() {
            clock.advance(Duration.ofSeconds(30));
            List<Object> history = new ArrayList<>(active());
            history.add(new BrowserTrusted(USER, "b-1", null, "hash", T0, T0.plus(Duration.ofDays(30))));
            fixture.given(history)
                    .when(new DisableTwoFactorCommand(USER, codeAt(clock.instant())))
                    .expectEvents(new TwoFactorDisabled(USER, clock.instant()),
                            new TrustedBrowsersRevoked(USER, List.of("b-1"), clock.instant()));
        }

        @Test
        void disablingWithAWrongCode_isRejectedAndCounts() {
            clock.advance(Duration.ofSeconds(30));
            String wrong = codeAt(clock.instant()).equals("000000") ? "111111" : "000000";
            fixture.given(active())
                    .when(new DisableTwoFactorCommand(USER, wrong))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.TOTP, ErrorCode.INVALID_CODE, 1, clock.instant()));
        }

        @Test
        void disablingWhileThePortalEnforcesTwoFactor_isRefused() {
            enforcedPortals.add(Portal.AGENT);
            clock.advance(Duration.ofSeconds(30));
            refusedWith(fixture.given(active()).when(new DisableTwoFactorCommand(USER, codeAt(clock.instant()))),
                    ErrorCode.ENFORCED_BY_POLICY);
        }

        @Test
        void disablingWhileTheOtherPortalEnforcesTwoFactor_isAllowed() {
            enforcedPortals.add(Portal.CUSTOMER);
            clock.advance(Duration.ofSeconds(30));
            fixture.given(active()).when(new DisableTwoFactorCommand(USER, codeAt(clock.instant())))
                    .expectEventsMatching(eventsOfTypes(TwoFactorDisabled.class));
        }

        @Test
        void revokingTrustedBrowsers_listsEveryRevokedBrowser() {
            List<Object> history = new ArrayList<>(active());
            history.add(new BrowserTrusted(USER, "b-1", null, "h1", T0, T0.plus(Duration.ofDays(30))));
            history.add(new BrowserTrusted(USER, "b-2", "phone", "h2", T0, T0.plus(Duration.ofDays(30))));
            fixture.given(history).when(new RevokeTrustedBrowsersCommand(USER))
                    .expectEvents(new TrustedBrowsersRevoked(USER, List.of("b-1", "b-2"), T0));
        }

        @Test
        void revokingTrustedBrowsersOfAUserWhoNeverEnrolled_isRefused() {
            refusedWith(fixture.givenNoPriorActivity().when(new RevokeTrustedBrowsersCommand(USER)),
                    ErrorCode.TWO_FACTOR_NOT_ENABLED);
        }
    }

    @Nested
    class RecoveryReset {

        Object requested() {
            return new RecoveryResetRequested(USER, "req-1", Portal.AGENT, "lost the paper", T0);
        }

        List<Object> with(Object... more) {
            List<Object> events = new ArrayList<>(active());
            events.addAll(List.of(more));
            return events;
        }

        @Test
        void requestingAReset_recordsAPendingRequest() {
            fixture.given(active()).when(new RequestRecoveryResetCommand(USER, "lost the paper"))
                    .expectEvents(new RecoveryResetRequested(USER, "id-1", Portal.AGENT, "lost the paper", T0));
        }

        @Test
        void requestingASecondResetWhileOneIsPending_isRefused() {
            refusedWith(fixture.given(with(requested())).when(new RequestRecoveryResetCommand(USER, null)),
                    ErrorCode.RESET_REQUEST_ALREADY_PENDING);
        }

        @Test
        void requestingAResetWithoutTwoFactor_isRefused() {
            refusedWith(fixture.givenNoPriorActivity().when(new RequestRecoveryResetCommand(USER, null)),
                    ErrorCode.TWO_FACTOR_NOT_ENABLED);
        }

        @Test
        void approvingThePendingRequest_recordsTheAdmin() {
            fixture.given(with(requested())).when(new ApproveRecoveryResetCommand(USER, "req-1", "admin-bob", "ok"))
                    .expectEvents(new RecoveryResetApproved(USER, "req-1", "admin-bob", "ok", T0));
        }

        @Test
        void rejectingThePendingRequest_recordsTheAdmin() {
            fixture.given(with(requested())).when(new RejectRecoveryResetCommand(USER, "req-1", "admin-bob", "call us"))
                    .expectEvents(new RecoveryResetRejected(USER, "req-1", "admin-bob", "call us", T0));
        }

        @Test
        void decidingARequestThatIsNotPending_isRefused() {
            Object approved = new RecoveryResetApproved(USER, "req-1", "admin-bob", null, T0);
            refusedWith(fixture.given(with(requested(), approved)).when(new RejectRecoveryResetCommand(USER, "req-1", "admin-eve", null)),
                    ErrorCode.RESET_REQUEST_NOT_PENDING);
            refusedWith(fixture.given(with(requested())).when(new ApproveRecoveryResetCommand(USER, "req-2", "admin-eve", null)),
                    ErrorCode.RESET_REQUEST_NOT_PENDING);
        }

        RegenerateRecoveryCodesCommand regenerateWithTheNextCode() {
            clock.advance(Duration.ofSeconds(30));
            return new RegenerateRecoveryCodesCommand(USER, codeAt(clock.instant()));
        }

        @Test
        void regeneratingAfterApprovalWithACurrentCode_issuesNewCodesOnce() {
            Object approved = new RecoveryResetApproved(USER, "req-1", "admin-bob", null, T0);
            var then = fixture.given(with(requested(), approved)).when(regenerateWithTheNextCode())
                    .expectEventsMatching(eventsOfTypes(SecondFactorVerified.class, RecoveryCodesIssued.class))
                    .expectState(state -> assertThat(state).extracting("regenerationAllowed").isEqualTo(false));
            RecoveryCodesRegeneratedResult result = resultOf(then, RecoveryCodesRegeneratedResult.class);
            assertThat(result.recoveryCodes()).hasSize(10);
            assertThat(result.verification().verified()).isTrue();
        }

        @Test
        void regeneratingWithAWrongCode_isRejectedAndCountsTowardLockOut() {
            Object approved = new RecoveryResetApproved(USER, "req-1", "admin-bob", null, T0);
            clock.advance(Duration.ofSeconds(30));
            String wrong = codeAt(clock.instant()).equals("000000") ? "111111" : "000000";
            var then = fixture.given(with(requested(), approved))
                    .when(new RegenerateRecoveryCodesCommand(USER, wrong))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.TOTP, ErrorCode.INVALID_CODE, 1,
                            clock.instant()));
            RecoveryCodesRegeneratedResult result = resultOf(then, RecoveryCodesRegeneratedResult.class);
            assertThat(result.recoveryCodes()).isEmpty();
            assertThat(result.verification().rejection()).isEqualTo(ErrorCode.INVALID_CODE);
        }

        @Test
        void regeneratingAfterTheApprovalExpired_isRefusedAndANewRequestIsAllowed() {
            Object approved = new RecoveryResetApproved(USER, "req-1", "admin-bob", null, T0);
            clock.advance(Duration.ofDays(7).plusSeconds(30));
            refusedWith(fixture.given(with(requested(), approved))
                    .when(new RegenerateRecoveryCodesCommand(USER, codeAt(clock.instant()))), ErrorCode.RESET_NOT_APPROVED);
            fixture.given(with(requested(), approved)).when(new RequestRecoveryResetCommand(USER, "again"))
                    .expectEvents(new RecoveryResetRequested(USER, "id-1", Portal.AGENT, "again", clock.instant()));
        }

        @Test
        void requestingAgainWhileAnApprovalIsUnused_isRefused() {
            Object approved = new RecoveryResetApproved(USER, "req-1", "admin-bob", null, T0);
            refusedWith(fixture.given(with(requested(), approved)).when(new RequestRecoveryResetCommand(USER, null)),
                    ErrorCode.RESET_REQUEST_ALREADY_PENDING);
        }

        @Test
        void regeneratingASecondTime_isRefused() {
            Object approved = new RecoveryResetApproved(USER, "req-1", "admin-bob", null, T0);
            Object reissued = new RecoveryCodesIssued(USER, "batch-2", recoveryCodes.issue().hashes(), "test-key",
                    recoveryCodes.algorithm(), T0);
            refusedWith(fixture.given(with(requested(), approved, reissued)).when(regenerateWithTheNextCode()),
                    ErrorCode.RESET_NOT_APPROVED);
        }

        @Test
        void regeneratingBeforeApprovalOrAfterRejection_isRefused() {
            refusedWith(fixture.given(with(requested())).when(regenerateWithTheNextCode()),
                    ErrorCode.RESET_NOT_APPROVED);
            Object rejected = new RecoveryResetRejected(USER, "req-1", "admin-bob", null, T0);
            refusedWith(fixture.given(with(requested(), rejected)).when(regenerateWithTheNextCode()),
                    ErrorCode.RESET_NOT_APPROVED);
        }

        @Test
        void afterRegeneration_anOldCodeIsRejected() {
            List<Object> history = with(requested(), new RecoveryResetApproved(USER, "req-1", "admin-bob", null, T0));
            String oldCode = issued.plainCodes().get(0);
            IssuedRecoveryCodes fresh = recoveryCodes.issue();
            history.add(new RecoveryCodesIssued(USER, "batch-2", fresh.hashes(), fresh.lookupKeyId(), fresh.algorithm(), T0));
            fixture.given(history).when(new ConsumeRecoveryCodeCommand(USER, oldCode, false, null))
                    .expectEvents(new SecondFactorRejected(USER, SecondFactorMethod.RECOVERY_CODE,
                            ErrorCode.INVALID_RECOVERY_CODE, 1, T0));
        }

        @Test
        void anAdminReset_removesTwoFactorClosesThePendingRequestAndRevokesBrowsers() {
            Object browser = new BrowserTrusted(USER, "b-1", null, "h", T0, T0.plus(Duration.ofDays(30)));
            fixture.given(with(requested(), browser)).when(new ResetTwoFactorCommand(USER, "admin-bob"))
                    .expectEvents(new TwoFactorReset(USER, "admin-bob", "req-1", T0),
                            new TrustedBrowsersRevoked(USER, List.of("b-1"), T0));
        }

        @Test
        void resettingAUserWithoutTwoFactor_isRefused() {
            refusedWith(fixture.givenNoPriorActivity().when(new ResetTwoFactorCommand(USER, "admin-bob")),
                    ErrorCode.TWO_FACTOR_NOT_ENABLED);
        }

        @Test
        void afterAnAdminReset_aNewSecretCanBeConfirmedInTheSameTimeStep() {
            String newSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
            fixture.given(with(new TwoFactorReset(USER, "admin-bob", null, T0),
                            new TwoFactorEnrollmentStarted(USER, Portal.AGENT, cipher.encrypt(newSecret, USER), T0,
                                    T0.plus(Duration.ofMinutes(15)))))
                    .when(new ConfirmEnrollmentCommand(USER, Totp.code(newSecret, Totp.timeStep(T0))))
                    .expectEventsMatching(eventsOfTypes(TwoFactorEnabled.class, RecoveryCodesIssued.class));
        }

        @Test
        void afterAnAdminReset_theUserCanEnrollAgain() {
            fixture.given(with(new TwoFactorReset(USER, "admin-bob", null, T0)))
                    .when(new EnableTwoFactorCommand(USER, Portal.AGENT, "alice"))
                    .expectEventsMatching(eventsOfTypes(TwoFactorEnrollmentStarted.class));
        }
    }

    /** A clock that moves only when the test says so. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Predictable tokens and ids: token-1, id-1, ... */
    static final class CountingTokens extends TokenGenerator {
        private int tokens;
        private int ids;

        @Override
        public String newTrustedBrowserToken() {
            return "token-" + ++tokens;
        }

        @Override
        public String newId() {
            return "id-" + ++ids;
        }
    }
}
