package com.twofactor.api.user;

import java.time.Instant;

import com.twofactor.api.Portal;

/**
 * The user confirmed enrollment with a valid code: 2FA is active.
 *
 * @param acceptedTimeStep the TOTP time step of the confirming code; no code of this step or earlier is
 *                         accepted again
 */
public record TwoFactorEnabled(UserSecurityId user, Portal portal, Instant enabledAt, long acceptedTimeStep) {
}
