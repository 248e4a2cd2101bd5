package com.twofactor.query.status;

import static com.twofactor.query.testsupport.Events.enabled;
import static com.twofactor.query.testsupport.Events.enrollmentStarted;
import static com.twofactor.query.testsupport.Events.recoveryCodesIssued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.twofactor.api.LoginMethod;
import com.twofactor.api.Portal;
import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.query.FindLoginDecisionQuery;
import com.twofactor.api.query.LoginDecision;
import com.twofactor.api.query.LoginDecisionView;
import com.twofactor.api.user.BrowserTrusted;
import com.twofactor.api.user.RecoveryCodeConsumed;
import com.twofactor.api.user.SecondFactorMethod;
import com.twofactor.api.user.SecondFactorUnlocked;
import com.twofactor.api.user.TrustedBrowserTokens;
import com.twofactor.api.user.TrustedBrowsersRevoked;
import com.twofactor.api.user.UserLockedOut;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.testsupport.MutableClock;
import com.twofactor.query.mongo.EmbeddedMongoServer;
import com.twofactor.query.policy.TwoFactorPolicies;
import com.twofactor.query.policy.TwoFactorPolicyProjectionAccess;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionProcessors;
import com.twofactor.query.readmodel.ReadModelAccess;
import com.twofactor.query.readmodel.VersionedDocuments;
import com.twofactor.query.testsupport.EmbeddedMongo;
import com.twofactor.query.testsupport.Rebuilds;
import com.twofactor.query.testsupport.TokenStores;

class LoginDecisionQueryHandlerTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final UserSecurityId ALICE = new UserSecurityId("acme", "alice");
    private static final UserSecurityId BOB = new UserSecurityId("acme", "bob");
    private static final String ALICE_TOKEN = "alice-browser-token";
    private static final String BOB_TOKEN = "bob-browser-token";

    private final MutableClock clock = new MutableClock(T0);
    private UserTwoFactorStatusProjection statusProjection;
    private TwoFactorPolicyProjectionAccess policyProjection;
    private LoginDecisionQueryHandler handler;
    private long aliceVersion;

    @BeforeEach
    void setUp() {
        statusProjection = new UserTwoFactorStatusProjection(new VersionedDocuments(mongo.template()),
                Rebuilds.marks(mongo.template()));
        policyProjection = new TwoFactorPolicyProjectionAccess(mongo.template());
        handler = handler(mongo.template(), Duration.ofMillis(100));
        aliceVersion = 0;
    }

    @Nested
    class SsoAndSocialLogins {

        @Test
        void needNoSecondFactor_evenWith2faActiveAndEnforced() {
            activate(ALICE);
            policyProjection.enforce("acme", Portal.AGENT, true, 0);

            assertThat(decide(Portal.AGENT, LoginMethod.SSO, null).decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
            assertThat(decide(Portal.AGENT, LoginMethod.SOCIAL, null).decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
        }

        @Test
        void needNoSecondFactor_whileLockedOut() {
            activate(ALICE);
            statusProjection.on(new UserLockedOut(ALICE, T0, T0.plusSeconds(300), 1), aliceVersion++);

            LoginDecisionView view = decide(Portal.AGENT, LoginMethod.SSO, null);

            assertThat(view.decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
            assertThat(view.methods()).isEmpty();
        }
    }

    @Test
    void aUserWithout2fa_inAnUnenforcedPortal_needsNoSecondFactor() {
        LoginDecisionView view = decide(Portal.AGENT, LoginMethod.FORM, null);

        assertThat(view.decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
        assertThat(view.methods()).isEmpty();
        assertThat(view.remainingRecoveryCodes()).isNull();
        assertThat(view.version()).isZero();
    }

    @Test
    void enforcement_requiresEnrollment_onlyForTheEnforcedPortal_andOnlyForFormLogins() {
        policyProjection.enforce("acme", Portal.AGENT, true, 0);

        assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision())
                .isEqualTo(LoginDecision.ENROLLMENT_REQUIRED);
        assertThat(decide(Portal.CUSTOMER, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
        assertThat(decide(Portal.AGENT, LoginMethod.SSO, null).decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
        assertThat(decide(Portal.AGENT, LoginMethod.SOCIAL, null).decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
    }

    @Test
    void enforcementOfTheCustomerPortal_requiresEnrollmentThere() {
        policyProjection.enforce("acme", Portal.CUSTOMER, true, 0);

        assertThat(decide(Portal.CUSTOMER, LoginMethod.FORM, null).decision())
                .isEqualTo(LoginDecision.ENROLLMENT_REQUIRED);
        assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
    }

    @Test
    void liftedEnforcement_requiresNothing() {
        policyProjection.enforce("acme", Portal.AGENT, true, 0);
        policyProjection.enforce("acme", Portal.AGENT, false, 1);

        assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
    }

    @Test
    void aPendingEnrollment_underEnforcement_stillRequiresEnrollment() {
        policyProjection.enforce("acme", Portal.AGENT, true, 0);
        statusProjection.on(enrollmentStarted(ALICE, Portal.AGENT, T0), aliceVersion++);

        LoginDecisionView view = decide(Portal.AGENT, LoginMethod.FORM, null);

        assertThat(view.decision()).isEqualTo(LoginDecision.ENROLLMENT_REQUIRED);
        assertThat(view.version()).isZero();
    }

    @Test
    void activeTwoFactor_isChallenged_withTotpAndRecoveryCodes() {
        activate(ALICE);

        LoginDecisionView view = decide(Portal.AGENT, LoginMethod.FORM, null);

        assertThat(view.decision()).isEqualTo(LoginDecision.CHALLENGE);
        assertThat(view.methods()).containsExactly(SecondFactorMethod.TOTP, SecondFactorMethod.RECOVERY_CODE);
        assertThat(view.remainingRecoveryCodes()).isEqualTo(10);
        assertThat(view.lockedUntil()).isNull();
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void withoutRecoveryCodesLeft_onlyTotpIsOffered() {
        activate(ALICE);
        for (int left = 9; left >= 0; left--) {
            statusProjection.on(new RecoveryCodeConsumed(ALICE, "batch-1", 10 - left, left, T0), aliceVersion++);
        }

        LoginDecisionView view = decide(Portal.AGENT, LoginMethod.FORM, null);

        assertThat(view.decision()).isEqualTo(LoginDecision.CHALLENGE);
        assertThat(view.methods()).containsExactly(SecondFactorMethod.TOTP);
        assertThat(view.remainingRecoveryCodes()).isZero();
    }

    @Nested
    class LockOut {

        @Test
        void aLockedUser_isLockedUntilTheLockEnds() {
            activate(ALICE);
            Instant until = T0.plusSeconds(300);
            statusProjection.on(new UserLockedOut(ALICE, T0, until, 1), aliceVersion++);

            LoginDecisionView view = decide(Portal.AGENT, LoginMethod.FORM, null);

            assertThat(view.decision()).isEqualTo(LoginDecision.LOCKED);
            assertThat(view.lockedUntil()).isEqualTo(until);
            assertThat(view.methods()).isEmpty();
        }

        @Test
        void anExpiredLock_isChallengedAgain() {
            activate(ALICE);
            statusProjection.on(new UserLockedOut(ALICE, T0, T0.plusSeconds(300), 1), aliceVersion++);
            clock.set(T0.plusSeconds(300));

            assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.CHALLENGE);
        }

        @Test
        void aLockWithoutEnd_holdsUntilUnlocked() {
            activate(ALICE);
            statusProjection.on(new UserLockedOut(ALICE, T0, null, 20), aliceVersion++);
            clock.advance(Duration.ofDays(365));

            LoginDecisionView locked = decide(Portal.AGENT, LoginMethod.FORM, null);
            assertThat(locked.decision()).isEqualTo(LoginDecision.LOCKED);
            assertThat(locked.lockedUntil()).isNull();

            statusProjection.on(new SecondFactorUnlocked(ALICE, "admin-1", clock.instant()), aliceVersion++);
            assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.CHALLENGE);
        }

        @Test
        void aTrustedBrowser_doesNotGetPastALock() {
            activate(ALICE);
            trust(ALICE, "browser-1", ALICE_TOKEN, T0.plusSeconds(86400), aliceVersion++);
            statusProjection.on(new UserLockedOut(ALICE, T0, T0.plusSeconds(300), 1), aliceVersion++);

            assertThat(decide(Portal.AGENT, LoginMethod.FORM, ALICE_TOKEN).decision()).isEqualTo(LoginDecision.LOCKED);
        }
    }

    @Nested
    class TrustedBrowser {

        @Test
        void theUsersOwnValidToken_needsNoSecondFactor() {
            activate(ALICE);
            trust(ALICE, "browser-1", ALICE_TOKEN, T0.plusSeconds(30 * 86400), aliceVersion++);

            LoginDecisionView view = decide(Portal.AGENT, LoginMethod.FORM, ALICE_TOKEN);

            assertThat(view.decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
            assertThat(view.methods()).isEmpty();
        }

        @Test
        void anotherUsersToken_isChallenged() {
            activate(ALICE);
            trust(ALICE, "browser-1", ALICE_TOKEN, T0.plusSeconds(30 * 86400), aliceVersion++);
            activate(BOB);
            trust(BOB, "browser-2", BOB_TOKEN, T0.plusSeconds(30 * 86400), 3);

            assertThat(decide(Portal.AGENT, LoginMethod.FORM, BOB_TOKEN).decision()).isEqualTo(LoginDecision.CHALLENGE);
        }

        @Test
        void anUnknownToken_isChallenged() {
            activate(ALICE);
            trust(ALICE, "browser-1", ALICE_TOKEN, T0.plusSeconds(30 * 86400), aliceVersion++);

            assertThat(decide(Portal.AGENT, LoginMethod.FORM, "guessed").decision())
                    .isEqualTo(LoginDecision.CHALLENGE);
        }

        @Test
        void anExpiredToken_isChallenged() {
            activate(ALICE);
            trust(ALICE, "browser-1", ALICE_TOKEN, T0.plusSeconds(30 * 86400), aliceVersion++);
            clock.set(T0.plusSeconds(30 * 86400));

            assertThat(decide(Portal.AGENT, LoginMethod.FORM, ALICE_TOKEN).decision())
                    .isEqualTo(LoginDecision.CHALLENGE);
        }

        @Test
        void aRevokedToken_isChallenged() {
            activate(ALICE);
            trust(ALICE, "browser-1", ALICE_TOKEN, T0.plusSeconds(30 * 86400), aliceVersion++);
            statusProjection.on(new TrustedBrowsersRevoked(ALICE, List.of("browser-1"), T0), aliceVersion++);

            assertThat(decide(Portal.AGENT, LoginMethod.FORM, ALICE_TOKEN).decision())
                    .isEqualTo(LoginDecision.CHALLENGE);
        }
    }

    @Nested
    class ReadYourWrites {

        @Test
        void aVersionThatDoesNotArrive_failsClosed() {
            activate(ALICE);

            assertServiceUnavailable(() -> handler.handle(query(Portal.AGENT, LoginMethod.FORM, null, 3L)));
        }

        @Test
        void theFirstEventsVersion_waitsForTheDocument() {
            assertServiceUnavailable(() -> handler.handle(query(Portal.AGENT, LoginMethod.FORM, null, 0L)));
        }

        @Test
        void aVersionAlreadyThere_isAnsweredAtOnce() {
            activate(ALICE);

            assertThat(handler.handle(query(Portal.AGENT, LoginMethod.FORM, null, 2L)).version()).isEqualTo(2);
        }

        @Test
        void aVersionThatArrivesWhileWaiting_isAnswered() throws Exception {
            LoginDecisionQueryHandler patient = handler(mongo.template(), Duration.ofSeconds(30));
            activate(ALICE);

            CompletableFuture<LoginDecisionView> answer = CompletableFuture.supplyAsync(
                    () -> patient.handle(query(Portal.AGENT, LoginMethod.FORM, null, 3L)));
            statusProjection.on(new UserLockedOut(ALICE, T0, T0.plusSeconds(300), 1), 3);

            LoginDecisionView view = answer.get(60, TimeUnit.SECONDS);
            assertThat(view.decision()).isEqualTo(LoginDecision.LOCKED);
            assertThat(view.version()).isEqualTo(3);
        }
    }

    @Nested
    class FailsClosed {

        @Test
        void whenMongoIsDown() {
            EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory();
            try (MongoClient client = EmbeddedMongo.client(server.connectionString())) {
                MongoTemplate template = new MongoTemplate(client, EmbeddedMongo.DATABASE);
                LoginDecisionQueryHandler unlucky = handler(template, Duration.ofMillis(100));
                assertThat(unlucky.handle(query(Portal.AGENT, LoginMethod.FORM, null, null)).decision())
                        .isEqualTo(LoginDecision.NOT_REQUIRED);

                server.stop();

                assertServiceUnavailable(() -> unlucky.handle(query(Portal.AGENT, LoginMethod.FORM, null, null)));
            } finally {
                server.stop();
            }
        }

        @Test
        void whenNothingListensOnTheConfiguredPort() {
            EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory();
            String deadPort = server.connectionString();
            server.stop();
            try (MongoClient client = EmbeddedMongo.client(deadPort)) {
                LoginDecisionQueryHandler unlucky =
                        handler(new MongoTemplate(client, EmbeddedMongo.DATABASE), Duration.ofMillis(100));

                assertServiceUnavailable(() -> unlucky.handle(query(Portal.AGENT, LoginMethod.FORM, null, null)));
                assertServiceUnavailable(() -> unlucky.handle(query(Portal.AGENT, LoginMethod.FORM, null, 4L)));
            }
        }

        @Test
        void whileTheStatusReadModelIsRebuilt_untilTheReplayReachesTheReset() {
            activate(ALICE);
            MongoTokenStore tokens = TokenStores.mongoTokenStore(mongo.client(), "node-1");
            GlobalSequenceTrackingToken atReset = new GlobalSequenceTrackingToken(41);
            tokens.initializeTokenSegments(ProcessingGroups.USER_TWO_FACTOR_STATUS, 1,
                    ReplayToken.createReplayToken(atReset, null));

            assertServiceUnavailable(() -> handler.handle(query(Portal.AGENT, LoginMethod.FORM, null, null)));

            tokens.fetchToken(ProcessingGroups.USER_TWO_FACTOR_STATUS, 0);
            TrackingToken halfWay = ReplayToken.createReplayToken(atReset, new GlobalSequenceTrackingToken(20));
            tokens.storeToken(halfWay, ProcessingGroups.USER_TWO_FACTOR_STATUS, 0);
            assertServiceUnavailable(() -> handler.handle(query(Portal.AGENT, LoginMethod.FORM, null, null)));

            // Axon still calls this a replay until an event newer than the reset arrives; the history is back.
            TrackingToken atTheReset = ((ReplayToken) halfWay).advancedTo(new GlobalSequenceTrackingToken(41));
            assertThat(ReplayToken.isReplay(atTheReset)).isTrue();
            tokens.storeToken(atTheReset, ProcessingGroups.USER_TWO_FACTOR_STATUS, 0);
            assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.CHALLENGE);

            tokens.storeToken(new GlobalSequenceTrackingToken(42), ProcessingGroups.USER_TWO_FACTOR_STATUS, 0);
            assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.CHALLENGE);
        }

        @Test
        void whenTheResetHandlerHasEmptiedTheStatusReadModel_beforeAxonStoresTheReplayTokens() {
            activate(ALICE);
            MongoTokenStore tokens = TokenStores.mongoTokenStore(mongo.client(), "node-1");
            tokens.initializeTokenSegments(ProcessingGroups.USER_TWO_FACTOR_STATUS, 1,
                    new GlobalSequenceTrackingToken(41));
            assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.CHALLENGE);

            // resetTokens() claims the tokens, runs the reset handler, and only then stores replay tokens.
            tokens.fetchToken(ProcessingGroups.USER_TWO_FACTOR_STATUS, 0);
            statusProjection.onReset();

            // The stored tokens still say "complete" and Alice's document is gone: NOT_REQUIRED would be wrong.
            assertServiceUnavailable(() -> handler.handle(query(Portal.AGENT, LoginMethod.FORM, null, null)));

            tokens.storeToken(ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(41), null),
                    ProcessingGroups.USER_TWO_FACTOR_STATUS, 0);
            assertServiceUnavailable(() -> handler.handle(query(Portal.AGENT, LoginMethod.FORM, null, null)));

            aliceVersion = 0;
            activate(ALICE);
            tokens.storeToken(new GlobalSequenceTrackingToken(42), ProcessingGroups.USER_TWO_FACTOR_STATUS, 0);
            assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.CHALLENGE);
        }

        @Test
        void whileThePolicyReadModelIsReplayed() {
            MongoTokenStore tokens = TokenStores.mongoTokenStore(mongo.client(), "node-1");
            tokens.initializeTokenSegments(ProcessingGroups.TWO_FACTOR_POLICIES, 1,
                    ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(7), null));

            assertServiceUnavailable(() -> handler.handle(query(Portal.AGENT, LoginMethod.FORM, null, null)));
        }

        @Test
        void butAnotherReadModelsReplay_doesNotMatter() {
            MongoTokenStore tokens = TokenStores.mongoTokenStore(mongo.client(), "node-1");
            tokens.initializeTokenSegments(ProcessingGroups.RECOVERY_RESET_REQUESTS, 1,
                    ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(7), null));

            assertThat(decide(Portal.AGENT, LoginMethod.FORM, null).decision()).isEqualTo(LoginDecision.NOT_REQUIRED);
        }
    }

    @Test
    void aQueryWithoutPortalOrMethod_isInvalid() {
        assertThatThrownBy(() -> handler.handle(new FindLoginDecisionQuery(ALICE, null, LoginMethod.FORM, null, null)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    private LoginDecisionQueryHandler handler(MongoTemplate template, Duration readYourWritesTimeout) {
        ProjectionProcessors processors = Rebuilds.processors(template);
        return new LoginDecisionQueryHandler(new UserTwoFactorStatuses(template), new TwoFactorPolicies(template),
                processors, new ReadModelAccess(readYourWritesTimeout), clock);
    }

    private void activate(UserSecurityId user) {
        long first = user.equals(ALICE) ? aliceVersion : 0;
        statusProjection.on(enrollmentStarted(user, Portal.AGENT, T0), first);
        statusProjection.on(enabled(user, Portal.AGENT, T0), first + 1);
        statusProjection.on(recoveryCodesIssued(user, "batch-1", T0), first + 2);
        if (user.equals(ALICE)) {
            aliceVersion = first + 3;
        }
    }

    private void trust(UserSecurityId user, String browserId, String token, Instant until, long version) {
        statusProjection.on(new BrowserTrusted(user, browserId, "laptop", TrustedBrowserTokens.hash(token), T0, until),
                version);
    }

    private LoginDecisionView decide(Portal portal, LoginMethod method, String token) {
        return handler.handle(query(portal, method, token, null));
    }

    private static FindLoginDecisionQuery query(Portal portal, LoginMethod method, String token, Long minVersion) {
        return new FindLoginDecisionQuery(ALICE, portal, method, token == null ? null : TrustedBrowserTokens.hash(token),
                minVersion);
    }

    private static void assertServiceUnavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }
}
