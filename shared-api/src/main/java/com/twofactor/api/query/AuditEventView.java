package com.twofactor.api.query;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the audit trail: who did what to whose second factor, when, through which client. Never holds a
 * secret, a code, a recovery code, a token or a hash of one.
 *
 * @param eventId       the event's id, unique in the event store
 * @param type          the event's stable audit name ({@link AuditEventType#typeName()})
 * @param occurredAt    when it happened, as the event records it (millisecond precision)
 * @param userId        the user it is about; null for organization-wide events (policy changes)
 * @param actorId       the person acting: the caller's {@code X-Actor-Id}, or for admin events the admin the
 *                      event names; null when nobody was named (a portal acting for its user)
 * @param client        the name of the API key the request came with; null when not sent over the API
 * @param correlationId the id of the command that caused the event
 * @param details       the event's safe facts: portal, method, reason codes, counts, request and browser ids,
 *                      labels, admin comments and reasons, lock-out end, enforcement flag
 * @param version       the aggregate's sequence number of the event
 */
public record AuditEventView(
        String eventId,
        String type,
        Instant occurredAt,
        String userId,
        String actorId,
        String client,
        String correlationId,
        Map<String, Object> details,
        long version) {
}
