package com.twofactor.query.status;

import java.time.Instant;

import com.twofactor.api.Portal;
import com.twofactor.api.query.RecoveryResetRequestView;
import com.twofactor.api.query.RecoveryResetStatus;

/** The user's recovery reset request waiting for an admin, inside the user's status document. */
record PendingResetRequestDocument(String requestId, Portal portal, String reason, Instant requestedAt) {

    RecoveryResetRequestView toView(String organizationId, String userId) {
        return new RecoveryResetRequestView(requestId, organizationId, userId, portal, requestedAt, reason,
                RecoveryResetStatus.PENDING, null, null, null);
    }
}
