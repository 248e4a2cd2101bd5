package com.twofactor.api.query;

import java.util.List;

/** One page of {@link FindAuditEventsQuery}; {@code totalItems} counts every matching entry. */
public record AuditEventPage(List<AuditEventView> items, int page, int size, long totalItems) {
}
