package com.twofactor.query.status;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import com.twofactor.api.query.TwoFactorStatus;
import com.twofactor.api.user.BrowserTrusted;
import com.twofactor.api.user.RecoveryCodeConsumed;
import com.twofactor.api.user.RecoveryCodesIssued;
import com.twofactor.api.user.RecoveryResetApproved;
import com.twofactor.api.user.RecoveryResetRejected;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.SecondFactorRejected;
import com.twofactor.api.user.SecondFactorUnlocked;
import com.twofactor.api.user.SecondFactorVerified;
import com.twofactor.api.user.TrustedBrowsersRevoked;
import com.twofactor.api.user.TwoFactorDisabled;
import com.twofactor.api.user.TwoFactorEnabled;
import com.twofactor.api.user.TwoFactorEnrollmentStarted;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.api.user.UserLockedOut;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionRebuildMarks;
import com.twofactor.query.readmodel.VersionedDocuments;

/**
 * Projects every user event into {@code user_two_factor_status}, one document per user. Each handler records
 * the event's sequence number as the document's version and skips events it has already applied.
 */
@Component
@ProcessingGroup(ProcessingGroups.USER_TWO_FACTOR_STATUS)
class UserTwoFactorStatusProjection {

    private final VersionedDocuments documents;
    private final ProjectionRebuildMarks rebuildMarks;

    UserTwoFactorStatusProjection(VersionedDocuments documents, ProjectionRebuildMarks rebuildMarks) {
        this.documents = documents;
        this.rebuildMarks = rebuildMarks;
    }

    @EventHandler
    void on(TwoFactorEnrollmentStarted event, @SequenceNumber long version) {
        apply(event.user(), version, status -> status.withEnrollment(TwoFactorStatus.PENDING, event.portal(), null));
    }

    @EventHandler
    void on(TwoFactorEnabled event, @SequenceNumber long version) {
        apply(event.user(), version,
                status -> status.withEnrollment(TwoFactorStatus.ACTIVE, event.portal(), event.enabledAt()));
    }

    @EventHandler
    void on(RecoveryCodesIssued event, @SequenceNumber long version) {
        // New codes use up an approved reset.
        apply(event.user(), version, status -> status.withRemainingRecoveryCodes(event.codes().size())
                .withResetRequest(status.pendingResetRequest(), false));
    }

    @EventHandler
    void on(RecoveryCodeConsumed event, @SequenceNumber long version) {
        apply(event.user(), version,
                status -> status.withRemainingRecoveryCodes(event.remainingRecoveryCodes()).withoutFailures());
    }

    @EventHandler
    void on(SecondFactorVerified event, @SequenceNumber long version) {
        apply(event.user(), version, UserTwoFactorStatusDocument::withoutFailures);
    }

    @EventHandler
    void on(SecondFactorRejected event, @SequenceNumber long version) {
        apply(event.user(), version,
                status -> status.withFailures(event.consecutiveFailures(), status.locked(), status.lockedUntil()));
    }

    @EventHandler
    void on(UserLockedOut event, @SequenceNumber long version) {
        apply(event.user(), version,
                status -> status.withFailures(status.consecutiveFailures(), true, event.lockedUntil()));
    }

    @EventHandler
    void on(SecondFactorUnlocked event, @SequenceNumber long version) {
        apply(event.user(), version, UserTwoFactorStatusDocument::withoutFailures);
    }

    @EventHandler
    void on(BrowserTrusted event, @SequenceNumber long version) {
        apply(event.user(), version, status -> {
            List<TrustedBrowserDocument> browsers = new ArrayList<>(status.trustedBrowsers());
            browsers.removeIf(browser -> browser.browserId().equals(event.browserId()));
            browsers.add(new TrustedBrowserDocument(event.browserId(), event.label(), event.tokenHash(),
                    event.trustedAt(), event.trustedUntil()));
            return status.withTrustedBrowsers(browsers);
        });
    }

    @EventHandler
    void on(TrustedBrowsersRevoked event, @SequenceNumber long version) {
        Set<String> revoked = new HashSet<>(event.browserIds());
        apply(event.user(), version, status -> status.withTrustedBrowsers(status.trustedBrowsers().stream()
                .filter(browser -> !revoked.contains(browser.browserId()))
                .toList()));
    }

    @EventHandler
    void on(TwoFactorDisabled event, @SequenceNumber long version) {
        apply(event.user(), version, UserTwoFactorStatusProjection::forgetSecondFactor);
    }

    @EventHandler
    void on(TwoFactorReset event, @SequenceNumber long version) {
        apply(event.user(), version, UserTwoFactorStatusProjection::forgetSecondFactor);
    }

    @EventHandler
    void on(RecoveryResetRequested event, @SequenceNumber long version) {
        apply(event.user(), version, status -> status.withResetRequest(
                new PendingResetRequestDocument(event.requestId(), event.portal(), event.reason(), event.requestedAt()),
                status.recoveryCodesRegenerationAllowed()));
    }

    @EventHandler
    void on(RecoveryResetApproved event, @SequenceNumber long version) {
        apply(event.user(), version, status -> status.withResetRequest(null, true));
    }

    @EventHandler
    void on(RecoveryResetRejected event, @SequenceNumber long version) {
        apply(event.user(), version,
                status -> status.withResetRequest(null, status.recoveryCodesRegenerationAllowed()));
    }

    @ResetHandler
    void onReset() {
        // Marks the read model as rebuilding before emptying it, so no answer comes from the empty collection.
        rebuildMarks.emptyForReplay(ProcessingGroups.USER_TWO_FACTOR_STATUS, UserTwoFactorStatusDocument.COLLECTION);
    }

    private static UserTwoFactorStatusDocument forgetSecondFactor(UserTwoFactorStatusDocument status) {
        return status.withEnrollment(TwoFactorStatus.NOT_ENROLLED, status.portal(), null)
                .withRemainingRecoveryCodes(0)
                .withoutFailures()
                .withTrustedBrowsers(List.of())
                .withResetRequest(null, false);
    }

    private void apply(UserSecurityId user, long version, UnaryOperator<UserTwoFactorStatusDocument> change) {
        documents.apply(UserTwoFactorStatusDocument.class, UserTwoFactorStatusDocument.COLLECTION, user.toString(),
                version, () -> UserTwoFactorStatusDocument.notEnrolled(user), change);
    }
}
