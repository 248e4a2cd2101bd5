package com.twofactor.query.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.api.query.AuditEventType;
import com.twofactor.api.user.BrowserTrusted;
import com.twofactor.api.user.RecoveryCodeConsumed;
import com.twofactor.api.user.RecoveryCodesIssued;
import com.twofactor.api.user.RecoveryResetApproved;
import com.twofactor.api.user.RecoveryResetRejected;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.SecondFactorRejected;
import com.twofactor.api.user.SecondFactorUnlocked;
import com.twofactor.api.user.SecondFactorVerified;
import com.twofactor.api.user.TrustedBrowsersRevoked;
import com.twofactor.api.user.TwoFactorDisabled;
import com.twofactor.api.user.TwoFactorEnabled;
import com.twofactor.api.user.TwoFactorEnrollmentStarted;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.api.user.UserLockedOut;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.security.MetaDataKeys;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionRebuildMarks;

/**
 * Projects every event of every aggregate into {@code audit_events}, one entry per event, keyed by event id.
 *
 * <p>Each handler names what an auditor may see of its event, explicitly: adding a field to an event adds
 * nothing here until someone decides it is safe. Never copied: the encrypted secret, recovery-code hashes,
 * lookup ids and salts, trusted-browser token hashes, accepted time steps.
 *
 * <p>Who and how come from the event's metadata ({@link MetaDataKeys}); an admin event without an actor in its
 * metadata names the admin in its payload, who is then the actor.
 */
@Component
@ProcessingGroup(ProcessingGroups.AUDIT_EVENTS)
class AuditEventProjection implements InitializingBean {

    private final MongoTemplate mongo;
    private final ProjectionRebuildMarks rebuildMarks;

    AuditEventProjection(MongoTemplate mongo, ProjectionRebuildMarks rebuildMarks) {
        this.mongo = mongo;
        this.rebuildMarks = rebuildMarks;
    }

    /**
     * Indexes for the auditors' queries: an organization's trail in order, narrowed by user, type or actor.
     * mongo-java-server ignores non-unique indexes; a real MongoDB uses them.
     */
    @Override
    public void afterPropertiesSet() {
        IndexOperations indexes = mongo.indexOps(AuditEventDocument.COLLECTION);
        indexes.createIndex(inOrder("organization_occurred", null));
        indexes.createIndex(inOrder("organization_user_occurred", AuditEventDocument.USER_ID));
        indexes.createIndex(inOrder("organization_type_occurred", AuditEventDocument.TYPE));
        indexes.createIndex(inOrder("organization_actor_occurred", AuditEventDocument.ACTOR_ID));
    }

    private static Index inOrder(String name, String narrowedBy) {
        Index index = new Index().named(name).on(AuditEventDocument.ORGANIZATION_ID, Sort.Direction.ASC);
        if (narrowedBy != null) {
            index.on(narrowedBy, Sort.Direction.ASC);
        }
        return index.on(AuditEventDocument.OCCURRED_AT, Sort.Direction.ASC).on(AuditEventDocument.ID, Sort.Direction.ASC);
    }

    @EventHandler
    void on(TwoFactorEnrollmentStarted event, DomainEventMessage<?> message) {
        record(message, event.user(), event.startedAt(), null, details()
                .with("portal", event.portal())
                .with("expiresAt", event.expiresAt()));
    }

    @EventHandler
    void on(TwoFactorEnabled event, DomainEventMessage<?> message) {
        record(message, event.user(), event.enabledAt(), null, details().with("portal", event.portal()));
    }

    @EventHandler
    void on(TwoFactorDisabled event, DomainEventMessage<?> message) {
        record(message, event.user(), event.disabledAt(), null, details());
    }

    @EventHandler
    void on(TwoFactorReset event, DomainEventMessage<?> message) {
        record(message, event.user(), event.resetAt(), event.resetBy(), details()
                .with("closedRequestId", event.closedRequestId()));
    }

    @EventHandler
    void on(RecoveryCodesIssued event, DomainEventMessage<?> message) {
        record(message, event.user(), event.issuedAt(), null, details()
                .with("batchId", event.batchId())
                .with("recoveryCodeCount", event.codes() == null ? 0 : event.codes().size()));
    }

    @EventHandler
    void on(RecoveryCodeConsumed event, DomainEventMessage<?> message) {
        record(message, event.user(), event.consumedAt(), null, details()
                .with("method", "RECOVERY_CODE")
                .with("batchId", event.batchId())
                .with("remainingRecoveryCodes", event.remainingRecoveryCodes()));
    }

    @EventHandler
    void on(SecondFactorVerified event, DomainEventMessage<?> message) {
        record(message, event.user(), event.verifiedAt(), null, details().with("method", event.method()));
    }

    @EventHandler
    void on(SecondFactorRejected event, DomainEventMessage<?> message) {
        record(message, event.user(), event.rejectedAt(), null, details()
                .with("method", event.method())
                .with("reason", event.reason() == null ? null : event.reason().code())
                .with("consecutiveFailures", event.consecutiveFailures()));
    }

    @EventHandler
    void on(UserLockedOut event, DomainEventMessage<?> message) {
        record(message, event.user(), event.lockedAt(), null, details()
                .with("lockedUntil", event.lockedUntil())
                .with("untilAdminUnlocks", event.lockedUntil() == null)
                .with("lockOutCount", event.lockOutCount()));
    }

    @EventHandler
    void on(SecondFactorUnlocked event, DomainEventMessage<?> message) {
        record(message, event.user(), event.unlockedAt(), event.unlockedBy(), details());
    }

    @EventHandler
    void on(BrowserTrusted event, DomainEventMessage<?> message) {
        record(message, event.user(), event.trustedAt(), null, details()
                .with("browserId", event.browserId())
                .with("label", event.label())
                .with("trustedUntil", event.trustedUntil()));
    }

    @EventHandler
    void on(TrustedBrowsersRevoked event, DomainEventMessage<?> message) {
        record(message, event.user(), event.revokedAt(), null, details()
                .with("browserIds", event.browserIds() == null ? List.of() : List.copyOf(event.browserIds())));
    }

    @EventHandler
    void on(RecoveryResetRequested event, DomainEventMessage<?> message) {
        record(message, event.user(), event.requestedAt(), null, details()
                .with("requestId", event.requestId())
                .with("portal", event.portal())
                .with("reason", event.reason()));
    }

    @EventHandler
    void on(RecoveryResetApproved event, DomainEventMessage<?> message) {
        record(message, event.user(), event.approvedAt(), event.approvedBy(), details()
                .with("requestId", event.requestId())
                .with("comment", event.comment()));
    }

    @EventHandler
    void on(RecoveryResetRejected event, DomainEventMessage<?> message) {
        record(message, event.user(), event.rejectedAt(), event.rejectedBy(), details()
                .with("requestId", event.requestId())
                .with("reason", event.reason()));
    }

    @EventHandler
    void on(TwoFactorEnforcementChanged event, DomainEventMessage<?> message) {
        record(message, event.organizationId(), null, event.changedAt(), event.changedBy(), details()
                .with("portal", event.portal())
                .with("enforced", event.enforced()));
    }

    @ResetHandler
    void onReset() {
        // Marks the read model as rebuilding before emptying it, so auditors are not answered from part of it.
        rebuildMarks.emptyForReplay(ProcessingGroups.AUDIT_EVENTS, AuditEventDocument.COLLECTION);
    }

    private void record(DomainEventMessage<?> message, UserSecurityId user, Instant occurredAt, String namedAdmin,
                        Details details) {
        record(message, user.organizationId(), user.userId(), occurredAt, namedAdmin, details);
    }

    private void record(DomainEventMessage<?> message, String organizationId, String userId, Instant occurredAt,
                        String namedAdmin, Details details) {
        AuditEventType type = AuditEventType.of(message.getPayloadType()).orElseThrow(() ->
                new IllegalStateException("No audit type for " + message.getPayloadType().getName()));
        MetaData metaData = message.getMetaData();
        String actorId = text(metaData.get(MetaDataKeys.ACTOR_ID));
        Instant when = occurredAt != null ? occurredAt : message.getTimestamp();
        // Stored with millisecond precision, as MongoDB keeps dates; filters and positions use the same value.
        mongo.save(new AuditEventDocument(
                        message.getIdentifier(),
                        organizationId,
                        userId,
                        type.typeName(),
                        when.truncatedTo(ChronoUnit.MILLIS),
                        actorId != null ? actorId : namedAdmin,
                        text(metaData.get(MetaDataKeys.CLIENT)),
                        text(metaData.get(MetaDataKeys.CORRELATION_ID)),
                        details.values,
                        message.getSequenceNumber()),
                AuditEventDocument.COLLECTION);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static Details details() {
        return new Details();
    }

    /** The details of one entry: strings, numbers, booleans and lists of strings; nulls are left out. */
    private static final class Details {

        private final Map<String, Object> values = new LinkedHashMap<>();

        Details with(String name, Object value) {
            if (value instanceof Enum<?> constant) {
                values.put(name, constant.name());
            } else if (value instanceof Instant instant) {
                values.put(name, instant.toString());
            } else if (value != null) {
                values.put(name, value);
            }
            return this;
        }
    }
}
