package com.twofactor.api.query;

/**
 * One page of an organization's audit trail, in a stable order: by when the event occurred, then by event id.
 * Answered with {@link AuditEventPage}. Fails with {@code SERVICE_UNAVAILABLE} while the audit read model is
 * being rebuilt, rather than answer from part of the history.
 *
 * @param filter which entries; never null ({@link AuditEventFilter#any()} for all)
 * @param page   0-based page number
 * @param size   page size, 1 to 200
 */
public record FindAuditEventsQuery(String organizationId, AuditEventFilter filter, int page, int size) {
}
