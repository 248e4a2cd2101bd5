package com.twofactor.api.user;

import java.time.Instant;

import com.twofactor.api.error.ErrorCode;

/**
 * A presented code was refused; it counts toward lock-out.
 *
 * @param reason              {@code INVALID_CODE}, {@code CODE_ALREADY_USED} or {@code INVALID_RECOVERY_CODE}
 * @param consecutiveFailures failures in a row, this one included
 */
public record SecondFactorRejected(
        UserSecurityId user, SecondFactorMethod method, ErrorCode reason, int consecutiveFailures,
        Instant rejectedAt) {
}
