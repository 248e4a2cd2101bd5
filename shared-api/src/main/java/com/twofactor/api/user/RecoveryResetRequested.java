package com.twofactor.api.user;

import java.time.Instant;

import com.twofactor.api.Portal;

/** A user asked for new recovery codes; it waits for an admin's decision. */
public record RecoveryResetRequested(
        UserSecurityId user, String requestId, Portal portal, String reason, Instant requestedAt) {
}
