package com.twofactor.api.query;

import java.time.Instant;

/**
 * Which audit entries of an organization to return; every criterion is optional (null: any).
 *
 * @param userId  only entries about this user
 * @param type    only entries of this type
 * @param actorId only entries caused by this person
 * @param from    only entries that occurred at or after this instant (inclusive)
 * @param to      only entries that occurred before this instant (exclusive)
 */
public record AuditEventFilter(String userId, AuditEventType type, String actorId, Instant from, Instant to) {

    /** No criteria: every entry of the organization. */
    public static AuditEventFilter any() {
        return new AuditEventFilter(null, null, null, null, null);
    }
}
