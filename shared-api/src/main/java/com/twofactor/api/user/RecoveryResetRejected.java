package com.twofactor.api.user;

import java.time.Instant;

/** An admin rejected a recovery reset. */
public record RecoveryResetRejected(
        UserSecurityId user, String requestId, String rejectedBy, String reason, Instant rejectedAt) {
}
