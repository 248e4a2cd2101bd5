package com.twofactor.api.user;

import java.time.Instant;

import com.twofactor.api.Portal;

/**
 * A user started (or restarted) enrollment; any earlier pending secret is replaced.
 *
 * @param secret    the new TOTP secret, encrypted
 * @param expiresAt a confirmation after this instant is refused
 */
public record TwoFactorEnrollmentStarted(
        UserSecurityId user, Portal portal, EncryptedSecret secret, Instant startedAt, Instant expiresAt) {
}
