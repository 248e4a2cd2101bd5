package com.twofactor.query.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.twofactor.api.Portal;
import com.twofactor.api.query.TwoFactorStatus;
import com.twofactor.api.query.TwoFactorStatusView;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.query.readmodel.VersionedDocument;

/**
 * One user's second-factor state as the login check and the settings page need it.
 *
 * @param id      {@code organizationId:userId}, the aggregate identifier
 * @param locked  a lock-out was recorded and not lifted; whether it still holds depends on {@code lockedUntil}
 * @param version sequence number of the user's last event applied here
 */
@Document(UserTwoFactorStatusDocument.COLLECTION)
record UserTwoFactorStatusDocument(
        @Id String id,
        String organizationId,
        String userId,
        TwoFactorStatus status,
        Portal portal,
        Instant enabledAt,
        int remainingRecoveryCodes,
        int consecutiveFailures,
        boolean locked,
        Instant lockedUntil,
        List<TrustedBrowserDocument> trustedBrowsers,
        PendingResetRequestDocument pendingResetRequest,
        boolean recoveryCodesRegenerationAllowed,
        long version) implements VersionedDocument<UserTwoFactorStatusDocument> {

    static final String COLLECTION = "user_two_factor_status";
    static final int LOW_RECOVERY_CODES = 3;

    UserTwoFactorStatusDocument {
        trustedBrowsers = trustedBrowsers == null ? List.of() : List.copyOf(trustedBrowsers);
    }

    static UserTwoFactorStatusDocument notEnrolled(UserSecurityId user) {
        return new UserTwoFactorStatusDocument(user.toString(), user.organizationId(), user.userId(),
                TwoFactorStatus.NOT_ENROLLED, null, null, 0, 0, false, null, List.of(), null, false, 0);
    }

    boolean isActive() {
        return status == TwoFactorStatus.ACTIVE;
    }

    /** Locked now: a lock-out without an end (admin only) or whose end is still to come. */
    boolean isLockedAt(Instant now) {
        return locked && (lockedUntil == null || lockedUntil.isAfter(now));
    }

    /**
     * Whether the presented token hash belongs to one of this user's browsers and is still valid. Compares
     * every browser in constant time, so the answer's timing says nothing about the stored hashes.
     */
    boolean trustsBrowserAt(String tokenHash, Instant now) {
        if (tokenHash == null) {
            return false;
        }
        byte[] presented = tokenHash.getBytes(StandardCharsets.UTF_8);
        boolean trusted = false;
        for (TrustedBrowserDocument browser : trustedBrowsers) {
            boolean matches = browser.tokenHash() != null
                    && MessageDigest.isEqual(presented, browser.tokenHash().getBytes(StandardCharsets.UTF_8));
            trusted |= matches & browser.isValidAt(now);
        }
        return trusted;
    }

    TwoFactorStatusView toView(Instant now) {
        boolean lockedNow = isLockedAt(now);
        int remaining = isActive() ? remainingRecoveryCodes : 0;
        return new TwoFactorStatusView(
                organizationId,
                userId,
                status,
                portal,
                enabledAt,
                remaining,
                isActive() && remaining <= LOW_RECOVERY_CODES,
                lockedNow,
                lockedNow ? lockedUntil : null,
                trustedBrowsers.stream().filter(browser -> browser.isValidAt(now)).map(TrustedBrowserDocument::toView)
                        .toList(),
                pendingResetRequest == null ? null : pendingResetRequest.toView(organizationId, userId),
                recoveryCodesRegenerationAllowed,
                version);
    }

    UserTwoFactorStatusDocument withEnrollment(TwoFactorStatus status, Portal portal, Instant enabledAt) {
        return new UserTwoFactorStatusDocument(id, organizationId, userId, status, portal, enabledAt,
                remainingRecoveryCodes, consecutiveFailures, locked, lockedUntil, trustedBrowsers, pendingResetRequest,
                recoveryCodesRegenerationAllowed, version);
    }

    UserTwoFactorStatusDocument withRemainingRecoveryCodes(int remainingRecoveryCodes) {
        return new UserTwoFactorStatusDocument(id, organizationId, userId, status, portal, enabledAt,
                remainingRecoveryCodes, consecutiveFailures, locked, lockedUntil, trustedBrowsers, pendingResetRequest,
                recoveryCodesRegenerationAllowed, version);
    }

    UserTwoFactorStatusDocument withFailures(int consecutiveFailures, boolean locked, Instant lockedUntil) {
        return new UserTwoFactorStatusDocument(id, organizationId, userId, status, portal, enabledAt,
                remainingRecoveryCodes, consecutiveFailures, locked, lockedUntil, trustedBrowsers, pendingResetRequest,
                recoveryCodesRegenerationAllowed, version);
    }

    UserTwoFactorStatusDocument withoutFailures() {
        return withFailures(0, false, null);
    }

    UserTwoFactorStatusDocument withTrustedBrowsers(List<TrustedBrowserDocument> trustedBrowsers) {
        return new UserTwoFactorStatusDocument(id, organizationId, userId, status, portal, enabledAt,
                remainingRecoveryCodes, consecutiveFailures, locked, lockedUntil, trustedBrowsers, pendingResetRequest,
                recoveryCodesRegenerationAllowed, version);
    }

    UserTwoFactorStatusDocument withResetRequest(PendingResetRequestDocument pendingResetRequest,
                                                 boolean recoveryCodesRegenerationAllowed) {
        return new UserTwoFactorStatusDocument(id, organizationId, userId, status, portal, enabledAt,
                remainingRecoveryCodes, consecutiveFailures, locked, lockedUntil, trustedBrowsers, pendingResetRequest,
                recoveryCodesRegenerationAllowed, version);
    }

    @Override
    public UserTwoFactorStatusDocument withVersion(long version) {
        return new UserTwoFactorStatusDocument(id, organizationId, userId, status, portal, enabledAt,
                remainingRecoveryCodes, consecutiveFailures, locked, lockedUntil, trustedBrowsers, pendingResetRequest,
                recoveryCodesRegenerationAllowed, version);
    }
}
