package com.twofactor.api.user;

import java.time.Instant;

/**
 * An admin removed the user's 2FA (lost device); the user must enroll again. Also unlocks.
 *
 * @param closedRequestId a pending recovery reset request this closed, or null
 */
public record TwoFactorReset(UserSecurityId user, String resetBy, String closedRequestId, Instant resetAt) {
}
