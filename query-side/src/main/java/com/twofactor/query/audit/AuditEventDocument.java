package com.twofactor.query.audit;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.twofactor.api.query.AuditEventView;

/**
 * One audit entry per event. Written once per event id, so redelivered and replayed events overwrite it with
 * the same content.
 *
 * @param id             the event's id
 * @param organizationId the organization whose trail it belongs to
 * @param type           the stable audit name ({@link com.twofactor.api.query.AuditEventType#typeName()})
 * @param details        safe facts only; never a secret, code, token or hash of one
 * @param version        the aggregate's sequence number of the event
 */
@Document(AuditEventDocument.COLLECTION)
record AuditEventDocument(
        @Id String id,
        String organizationId,
        String userId,
        String type,
        Instant occurredAt,
        String actorId,
        String client,
        String correlationId,
        Map<String, Object> details,
        long version) {

    static final String COLLECTION = "audit_events";

    static final String ORGANIZATION_ID = "organizationId";
    static final String USER_ID = "userId";
    static final String TYPE = "type";
    static final String OCCURRED_AT = "occurredAt";
    static final String ACTOR_ID = "actorId";
    static final String ID = "_id";

    AuditEventDocument {
        details = details == null ? Map.of() : details;
    }

    AuditEventView toView() {
        return new AuditEventView(id, type, occurredAt, userId, actorId, client, correlationId, details, version);
    }
}
