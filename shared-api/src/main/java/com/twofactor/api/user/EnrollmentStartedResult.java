package com.twofactor.api.user;

import java.time.Instant;

/**
 * The answer to {@link EnableTwoFactorCommand}: the only time the secret leaves the service in clear.
 *
 * @param secret     the TOTP secret, base32 without padding
 * @param expiresAt  when the pending enrollment stops accepting a confirmation
 * @param version    the aggregate's version after the command
 */
public record EnrollmentStartedResult(String secret, Instant expiresAt, long version) {
}
