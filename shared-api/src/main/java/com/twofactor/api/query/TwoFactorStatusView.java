package com.twofactor.api.query;

import java.time.Instant;
import java.util.List;

import com.twofactor.api.Portal;

/**
 * A user's 2FA status. Never holds a secret, a code, a token or a hash of one.
 *
 * @param remainingRecoveryCodes unused recovery codes (0 when 2FA is not active)
 * @param lowRecoveryCodes       true when 3 or fewer are left: time to ask for new ones
 * @param locked                 whether second-factor verification is locked now
 * @param lockedUntil            when the lock ends by itself (null while locked for an admin to lift)
 * @param pendingResetRequest    the recovery reset request waiting for an admin, if any
 * @param recoveryCodesRegenerationAllowed an approved reset allows regenerating recovery codes once
 */
public record TwoFactorStatusView(
        String organizationId,
        String userId,
        TwoFactorStatus status,
        Portal portal,
        Instant enabledAt,
        int remainingRecoveryCodes,
        boolean lowRecoveryCodes,
        boolean locked,
        Instant lockedUntil,
        List<TrustedBrowserView> trustedBrowsers,
        RecoveryResetRequestView pendingResetRequest,
        boolean recoveryCodesRegenerationAllowed,
        long version) {
}
