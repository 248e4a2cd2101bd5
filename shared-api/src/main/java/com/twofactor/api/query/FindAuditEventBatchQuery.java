package com.twofactor.api.query;

/**
 * The next entries of an organization's audit trail after a position, in the order of
 * {@link FindAuditEventsQuery}: for reading every matching entry in batches (exports) without skipping over
 * what was already read. Answered with {@link AuditEventBatch}; fewer than {@code limit} items means there are
 * no more.
 *
 * @param after the last entry already read, or null to start at the beginning
 * @param limit how many entries at most, 1 to 1000
 */
public record FindAuditEventBatchQuery(String organizationId, AuditEventFilter filter, AuditEventPosition after,
                                       int limit) {
}
