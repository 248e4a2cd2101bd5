package com.twofactor.api.user;

import java.time.Instant;

/** An admin approved a recovery reset: the user may regenerate recovery codes once. */
public record RecoveryResetApproved(
        UserSecurityId user, String requestId, String approvedBy, String comment, Instant approvedAt) {
}
