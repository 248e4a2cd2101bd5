package com.twofactor.api.user;

import java.time.Instant;
import java.util.List;

/**
 * Trusted-browser tokens stopped working.
 *
 * @param browserIds the browsers revoked (empty when there were none)
 */
public record TrustedBrowsersRevoked(UserSecurityId user, List<String> browserIds, Instant revokedAt) {
}
