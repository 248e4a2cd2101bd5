package com.twofactor.query.status;

import static com.twofactor.query.testsupport.Events.enabled;
import static com.twofactor.query.testsupport.Events.enrollmentStarted;
import static com.twofactor.query.testsupport.Events.recoveryCodesIssued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.twofactor.api.Portal;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.query.FindTwoFactorStatusQuery;
import com.twofactor.api.query.RecoveryResetStatus;
import com.twofactor.api.query.TwoFactorStatus;
import com.twofactor.api.query.TwoFactorStatusView;
import com.twofactor.api.user.BrowserTrusted;
import com.twofactor.api.user.RecoveryCodeConsumed;
import com.twofactor.api.user.RecoveryResetApproved;
import com.twofactor.api.user.RecoveryResetRejected;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.SecondFactorMethod;
import com.twofactor.api.user.SecondFactorRejected;
import com.twofactor.api.user.SecondFactorUnlocked;
import com.twofactor.api.user.SecondFactorVerified;
import com.twofactor.api.user.TrustedBrowsersRevoked;
import com.twofactor.api.user.TwoFactorDisabled;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.api.user.UserLockedOut;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.testsupport.MutableClock;
import com.twofactor.query.readmodel.ReadModelAccess;
import com.twofactor.query.readmodel.VersionedDocuments;
import com.twofactor.query.testsupport.EmbeddedMongo;
import com.twofactor.query.testsupport.Rebuilds;

class UserTwoFactorStatusProjectionTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final UserSecurityId ALICE = new UserSecurityId("acme", "alice");

    private final MutableClock clock = new MutableClock(T0);
    private UserTwoFactorStatusProjection projection;
    private TwoFactorStatusQueryHandler queries;
    private long version;

    @BeforeEach
    void setUp() {
        projection = new UserTwoFactorStatusProjection(new VersionedDocuments(mongo.template()),
                Rebuilds.marks(mongo.template()));
        queries = new TwoFactorStatusQueryHandler(new UserTwoFactorStatuses(mongo.template()),
                new ReadModelAccess(Duration.ofMillis(100)), clock);
        version = 0;
    }

    @Test
    void aUserWithoutHistory_isNotEnrolledAtVersionZero() {
        TwoFactorStatusView view = status();

        assertThat(view.status()).isEqualTo(TwoFactorStatus.NOT_ENROLLED);
        assertThat(view.organizationId()).isEqualTo("acme");
        assertThat(view.userId()).isEqualTo("alice");
        assertThat(view.version()).isZero();
        assertThat(view.trustedBrowsers()).isEmpty();
        assertThat(view.pendingResetRequest()).isNull();
    }

    @Test
    void startingEnrollment_makesThe2faPending() {
        projection.on(enrollmentStarted(ALICE, Portal.AGENT, T0), next());

        TwoFactorStatusView view = status();
        assertThat(view.status()).isEqualTo(TwoFactorStatus.PENDING);
        assertThat(view.portal()).isEqualTo(Portal.AGENT);
        assertThat(view.enabledAt()).isNull();
        assertThat(view.version()).isZero();
    }

    @Test
    void confirmingEnrollment_activatesWithTenRecoveryCodes() {
        activate();

        TwoFactorStatusView view = status();
        assertThat(view.status()).isEqualTo(TwoFactorStatus.ACTIVE);
        assertThat(view.enabledAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(view.remainingRecoveryCodes()).isEqualTo(10);
        assertThat(view.lowRecoveryCodes()).isFalse();
        assertThat(view.version()).isEqualTo(2);
        assertThat(storedDocument()).containsEntry("_id", "acme:alice").containsEntry("version", 2L);
    }

    @Test
    void theSameEventTwice_isAppliedOnce() {
        activate();
        RecoveryCodeConsumed consumed = new RecoveryCodeConsumed(ALICE, "batch-1", 1, 9, T0.plusSeconds(120));
        long consumedAt = next();
        projection.on(consumed, consumedAt);
        projection.on(consumed, consumedAt);

        assertThat(status().remainingRecoveryCodes()).isEqualTo(9);
        assertThat(status().version()).isEqualTo(consumedAt);
    }

    @Test
    void anOlderEvent_isIgnored() {
        activate();
        projection.on(new RecoveryCodeConsumed(ALICE, "batch-1", 2, 8, T0.plusSeconds(200)), 4);

        projection.on(new RecoveryCodeConsumed(ALICE, "batch-1", 1, 9, T0.plusSeconds(120)), 3);

        assertThat(status().remainingRecoveryCodes()).isEqualTo(8);
        assertThat(status().version()).isEqualTo(4);
    }

    @Test
    void threeRemainingCodes_areLow() {
        activate();
        for (int left = 9; left >= 3; left--) {
            projection.on(new RecoveryCodeConsumed(ALICE, "batch-1", 10 - left, left, T0.plusSeconds(300)), next());
        }

        TwoFactorStatusView view = status();
        assertThat(view.remainingRecoveryCodes()).isEqualTo(3);
        assertThat(view.lowRecoveryCodes()).isTrue();
    }

    @Test
    void fourRemainingCodes_areNotLow() {
        activate();
        projection.on(new RecoveryCodeConsumed(ALICE, "batch-1", 6, 4, T0.plusSeconds(300)), next());

        assertThat(status().lowRecoveryCodes()).isFalse();
    }

    @Test
    void rejectionsCount_andALockOutHoldsUntilItsEnd() {
        activate();
        for (int failures = 1; failures <= 5; failures++) {
            projection.on(new SecondFactorRejected(ALICE, SecondFactorMethod.TOTP, ErrorCode.INVALID_CODE, failures,
                    T0.plusSeconds(100)), next());
        }
        Instant lockedUntil = T0.plusSeconds(400);
        projection.on(new UserLockedOut(ALICE, T0.plusSeconds(100), lockedUntil, 1), next());

        assertThat(storedDocument()).containsEntry("consecutiveFailures", 5).containsEntry("locked", true);
        assertThat(status().locked()).isTrue();
        assertThat(status().lockedUntil()).isEqualTo(lockedUntil);

        clock.set(lockedUntil);
        assertThat(status().locked()).isFalse();
        assertThat(status().lockedUntil()).isNull();
    }

    @Test
    void aLockOutWithoutEnd_holdsUntilAnAdminUnlocks() {
        activate();
        projection.on(new UserLockedOut(ALICE, T0, null, 7), next());
        clock.advance(Duration.ofDays(30));
        assertThat(status().locked()).isTrue();

        projection.on(new SecondFactorUnlocked(ALICE, "admin-1", clock.instant()), next());

        assertThat(status().locked()).isFalse();
        assertThat(storedDocument()).containsEntry("consecutiveFailures", 0);
    }

    @Test
    void aVerification_clearsFailuresAndLock() {
        activate();
        projection.on(new SecondFactorRejected(ALICE, SecondFactorMethod.TOTP, ErrorCode.INVALID_CODE, 5, T0), next());
        projection.on(new UserLockedOut(ALICE, T0, T0.plusSeconds(300), 1), next());
        projection.on(new SecondFactorVerified(ALICE, SecondFactorMethod.TOTP, 123L, T0.plusSeconds(301)), next());

        assertThat(status().locked()).isFalse();
        assertThat(storedDocument()).containsEntry("consecutiveFailures", 0).containsEntry("locked", false);
    }

    @Test
    void trustedBrowsers_areListedWithoutTokens_andRevocable() {
        activate();
        projection.on(trusted("browser-1", "Firefox", "hash-1", T0.plusSeconds(30 * 86400)), next());
        projection.on(trusted("browser-2", "Chrome", "hash-2", T0.plusSeconds(30 * 86400)), next());

        TwoFactorStatusView view = status();
        assertThat(view.trustedBrowsers()).extracting("browserId", "label")
                .containsExactly(tuple("browser-1", "Firefox"), tuple("browser-2", "Chrome"));
        assertThat(view.toString()).doesNotContain("hash-1", "hash-2");

        projection.on(new TrustedBrowsersRevoked(ALICE, List.of("browser-1"), T0.plusSeconds(500)), next());

        assertThat(status().trustedBrowsers()).extracting("browserId").containsExactly("browser-2");
    }

    @Test
    void expiredTrustedBrowsers_areNotListed() {
        activate();
        projection.on(trusted("browser-1", null, "hash-1", T0.plusSeconds(600)), next());
        clock.set(T0.plusSeconds(600));

        assertThat(status().trustedBrowsers()).isEmpty();
    }

    @Test
    void disabling_forgetsEverything() {
        activate();
        projection.on(trusted("browser-1", null, "hash-1", T0.plusSeconds(86400)), next());
        projection.on(new UserLockedOut(ALICE, T0, T0.plusSeconds(300), 1), next());
        projection.on(new TwoFactorDisabled(ALICE, T0.plusSeconds(400)), next());

        TwoFactorStatusView view = status();
        assertThat(view.status()).isEqualTo(TwoFactorStatus.NOT_ENROLLED);
        assertThat(view.remainingRecoveryCodes()).isZero();
        assertThat(view.locked()).isFalse();
        assertThat(view.trustedBrowsers()).isEmpty();
        assertThat(view.enabledAt()).isNull();
        assertThat(storedDocument().getList("trustedBrowsers", Document.class)).isEmpty();
    }

    @Test
    void anAdminReset_forgetsEverythingAndThePendingRequest() {
        activate();
        projection.on(resetRequested("request-1"), next());
        projection.on(new TwoFactorReset(ALICE, "admin-1", "request-1", T0.plusSeconds(900)), next());

        TwoFactorStatusView view = status();
        assertThat(view.status()).isEqualTo(TwoFactorStatus.NOT_ENROLLED);
        assertThat(view.pendingResetRequest()).isNull();
        assertThat(view.recoveryCodesRegenerationAllowed()).isFalse();
        assertThat(view.remainingRecoveryCodes()).isZero();
    }

    @Test
    void aResetRequest_isPendingUntilApproved_thenAllowsOneRegeneration() {
        activate();
        projection.on(resetRequested("request-1"), next());

        TwoFactorStatusView pending = status();
        assertThat(pending.pendingResetRequest()).isNotNull();
        assertThat(pending.pendingResetRequest().requestId()).isEqualTo("request-1");
        assertThat(pending.pendingResetRequest().status()).isEqualTo(RecoveryResetStatus.PENDING);
        assertThat(pending.pendingResetRequest().reason()).isEqualTo("lost my codes");
        assertThat(pending.recoveryCodesRegenerationAllowed()).isFalse();

        projection.on(new RecoveryResetApproved(ALICE, "request-1", "admin-1", "ok", T0.plusSeconds(700)), next());
        assertThat(status().pendingResetRequest()).isNull();
        assertThat(status().recoveryCodesRegenerationAllowed()).isTrue();

        projection.on(recoveryCodesIssued(ALICE, "batch-2", T0.plusSeconds(800)), next());
        assertThat(status().recoveryCodesRegenerationAllowed()).isFalse();
        assertThat(status().remainingRecoveryCodes()).isEqualTo(10);
    }

    @Test
    void aRejectedResetRequest_isNoLongerPending() {
        activate();
        projection.on(resetRequested("request-1"), next());
        projection.on(new RecoveryResetRejected(ALICE, "request-1", "admin-1", "no", T0.plusSeconds(700)), next());

        assertThat(status().pendingResetRequest()).isNull();
        assertThat(status().recoveryCodesRegenerationAllowed()).isFalse();
    }

    @Test
    void theResetHandler_emptiesTheReadModel() {
        activate();

        projection.onReset();

        assertThat(status().status()).isEqualTo(TwoFactorStatus.NOT_ENROLLED);
        assertThat(status().version()).isZero();
    }

    private void activate() {
        projection.on(enrollmentStarted(ALICE, Portal.AGENT, T0), next());
        projection.on(enabled(ALICE, Portal.AGENT, T0.plusSeconds(60)), next());
        projection.on(recoveryCodesIssued(ALICE, "batch-1", T0.plusSeconds(60)), next());
    }

    private BrowserTrusted trusted(String browserId, String label, String tokenHash, Instant until) {
        return new BrowserTrusted(ALICE, browserId, label, tokenHash, T0, until);
    }

    private RecoveryResetRequested resetRequested(String requestId) {
        return new RecoveryResetRequested(ALICE, requestId, Portal.AGENT, "lost my codes", T0.plusSeconds(600));
    }

    /** The next aggregate sequence number: 0 for the first event. */
    private long next() {
        return version++;
    }

    private TwoFactorStatusView status() {
        return queries.handle(new FindTwoFactorStatusQuery(ALICE, null));
    }

    private Document storedDocument() {
        return mongo.template().getCollection(UserTwoFactorStatusDocument.COLLECTION)
                .find(new Document("_id", ALICE.toString())).first();
    }
}
