package com.twofactor.api.user;

import java.time.Instant;

import com.twofactor.api.error.ErrorCode;

/**
 * The outcome of a second-factor check ({@link VerifyTotpCodeCommand}, {@link ConsumeRecoveryCodeCommand},
 * {@link DisableTwoFactorCommand}).
 *
 * @param verified               whether the code was accepted
 * @param rejection              why not: {@code INVALID_CODE}, {@code CODE_ALREADY_USED},
 *                               {@code INVALID_RECOVERY_CODE} or {@code LOCKED_OUT}; null when verified
 * @param lockedUntil            when verification unlocks, if the user is (now) locked out; null while
 *                               locked until an admin unlocks
 * @param trustedBrowserToken    the trusted-browser token, issued once when asked for and verified
 * @param trustedUntil           when that token expires
 * @param remainingRecoveryCodes unused recovery codes left
 * @param version                the aggregate's version after the command
 */
public record VerificationResult(
        boolean verified,
        ErrorCode rejection,
        Instant lockedUntil,
        String trustedBrowserToken,
        Instant trustedUntil,
        int remainingRecoveryCodes,
        long version) {
}
