package com.twofactor.query.resetrequest;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.twofactor.api.query.RecoveryResetStatus;
import com.twofactor.api.user.RecoveryResetApproved;
import com.twofactor.api.user.RecoveryResetRejected;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.TwoFactorDisabled;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionRebuildMarks;
import com.twofactor.query.readmodel.VersionedDocuments;

/** Projects recovery reset requests into {@code recovery_reset_requests}, one document per request. */
@Component
@ProcessingGroup(ProcessingGroups.RECOVERY_RESET_REQUESTS)
class RecoveryResetRequestProjection implements InitializingBean {

    private final VersionedDocuments documents;
    private final MongoTemplate mongo;
    private final ProjectionRebuildMarks rebuildMarks;

    RecoveryResetRequestProjection(VersionedDocuments documents, MongoTemplate mongo,
                                   ProjectionRebuildMarks rebuildMarks) {
        this.documents = documents;
        this.mongo = mongo;
        this.rebuildMarks = rebuildMarks;
    }

    /**
     * Indexes for the admins' list (organization, optional status, oldest first). mongo-java-server ignores
     * non-unique indexes; a real MongoDB uses them.
     */
    @Override
    public void afterPropertiesSet() {
        IndexOperations indexes = mongo.indexOps(RecoveryResetRequestDocument.COLLECTION);
        indexes.createIndex(new Index().named("organization_status_requested")
                .on("organizationId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("requestedAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
        indexes.createIndex(new Index().named("organization_requested")
                .on("organizationId", Sort.Direction.ASC)
                .on("requestedAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
        indexes.createIndex(new Index().named("organization_user_status")
                .on("organizationId", Sort.Direction.ASC).on("userId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC));
    }

    @EventHandler
    void on(RecoveryResetRequested event, @SequenceNumber long version) {
        documents.apply(RecoveryResetRequestDocument.class, RecoveryResetRequestDocument.COLLECTION,
                event.requestId(), version,
                () -> new RecoveryResetRequestDocument(event.requestId(), event.user().organizationId(),
                        event.user().userId(), event.portal(), event.requestedAt(), event.reason(),
                        RecoveryResetStatus.PENDING, null, null, null, 0),
                request -> request);
    }

    @EventHandler
    void on(RecoveryResetApproved event, @SequenceNumber long version) {
        decide(event.requestId(), version, RecoveryResetStatus.APPROVED, event.approvedBy(), event.approvedAt(),
                event.comment());
    }

    @EventHandler
    void on(RecoveryResetRejected event, @SequenceNumber long version) {
        decide(event.requestId(), version, RecoveryResetStatus.REJECTED, event.rejectedBy(), event.rejectedAt(),
                event.reason());
    }

    @EventHandler
    void on(TwoFactorReset event, @SequenceNumber long version) {
        if (event.closedRequestId() != null) {
            documents.apply(RecoveryResetRequestDocument.class, RecoveryResetRequestDocument.COLLECTION,
                    event.closedRequestId(), version, null,
                    request -> request.decided(RecoveryResetStatus.CLOSED, event.resetBy(), event.resetAt(), null));
        }
    }

    /**
     * Disabling 2FA forgets a pending request (the aggregate will refuse to approve it) without naming it, so
     * every request of the user still pending here is closed.
     */
    @EventHandler
    void on(TwoFactorDisabled event, @SequenceNumber long version) {
        mongo.updateMulti(
                query(where("organizationId").is(event.user().organizationId())
                        .and("userId").is(event.user().userId())
                        .and("status").is(RecoveryResetStatus.PENDING)
                        .and("version").lt(version)),
                new Update().set("status", RecoveryResetStatus.CLOSED).set("decidedAt", event.disabledAt())
                        .set("version", version),
                RecoveryResetRequestDocument.COLLECTION);
    }

    @ResetHandler
    void onReset() {
        // Marks the read model as rebuilding before emptying it, so no answer comes from the empty collection.
        rebuildMarks.emptyForReplay(ProcessingGroups.RECOVERY_RESET_REQUESTS, RecoveryResetRequestDocument.COLLECTION);
    }

    private void decide(String requestId, long version, RecoveryResetStatus status, String decidedBy,
                        Instant decidedAt, String comment) {
        documents.apply(RecoveryResetRequestDocument.class, RecoveryResetRequestDocument.COLLECTION, requestId,
                version, null, request -> request.decided(status, decidedBy, decidedAt, comment));
    }
}
