package com.twofactor.api.user;

import java.time.Instant;

/**
 * The user passed the second factor. Clears the count of consecutive failures.
 *
 * @param acceptedTimeStep for TOTP, the time step of the accepted code (later codes only from now on);
 *                         null for a recovery code
 */
public record SecondFactorVerified(
        UserSecurityId user, SecondFactorMethod method, Long acceptedTimeStep, Instant verifiedAt) {
}
