package com.twofactor.query.resetrequest;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.twofactor.api.Portal;
import com.twofactor.api.query.RecoveryResetRequestView;
import com.twofactor.api.query.RecoveryResetStatus;
import com.twofactor.query.readmodel.VersionedDocument;

/**
 * One recovery reset request.
 *
 * @param id      the request id
 * @param version sequence number of the requesting user's last event applied here
 */
@Document(RecoveryResetRequestDocument.COLLECTION)
record RecoveryResetRequestDocument(
        @Id String id,
        String organizationId,
        String userId,
        Portal portal,
        Instant requestedAt,
        String reason,
        RecoveryResetStatus status,
        String decidedBy,
        Instant decidedAt,
        String decisionComment,
        long version) implements VersionedDocument<RecoveryResetRequestDocument> {

    static final String COLLECTION = "recovery_reset_requests";

    RecoveryResetRequestDocument decided(RecoveryResetStatus status, String decidedBy, Instant decidedAt,
                                         String decisionComment) {
        return new RecoveryResetRequestDocument(id, organizationId, userId, portal, requestedAt, reason, status,
                decidedBy, decidedAt, decisionComment, version);
    }

    @Override
    public RecoveryResetRequestDocument withVersion(long version) {
        return new RecoveryResetRequestDocument(id, organizationId, userId, portal, requestedAt, reason, status,
                decidedBy, decidedAt, decisionComment, version);
    }

    RecoveryResetRequestView toView() {
        return new RecoveryResetRequestView(id, organizationId, userId, portal, requestedAt, reason, status,
                decidedBy, decidedAt, decisionComment);
    }
}
