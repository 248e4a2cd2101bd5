package com.twofactor.api.query;

import java.time.Instant;

import com.twofactor.api.Portal;

/** A recovery reset request as admins see it. */
public record RecoveryResetRequestView(
        String requestId,
        String organizationId,
        String userId,
        Portal portal,
        Instant requestedAt,
        String reason,
        RecoveryResetStatus status,
        String decidedBy,
        Instant decidedAt,
        String decisionComment) {
}
