package com.twofactor.api.user;

import java.time.Instant;

/**
 * After a successful verification the user asked not to be asked again on this browser.
 *
 * @param browserId    public id of the trusted browser, for listing and revoking
 * @param label        what the user or portal called it, may be null
 * @param tokenHash    SHA-256 (hex) of the token handed out once; the token itself is never stored
 * @param trustedUntil when the token stops being accepted
 */
public record BrowserTrusted(
        UserSecurityId user, String browserId, String label, String tokenHash, Instant trustedAt,
        Instant trustedUntil) {
}
