package com.twofactor.api.query;

import java.time.Instant;

/** Where an entry sits in the audit trail's order: when it occurred, then its event id. */
public record AuditEventPosition(Instant occurredAt, String eventId) {

    /** The position of an entry, to continue after it. */
    public static AuditEventPosition of(AuditEventView entry) {
        return new AuditEventPosition(entry.occurredAt(), entry.eventId());
    }
}
