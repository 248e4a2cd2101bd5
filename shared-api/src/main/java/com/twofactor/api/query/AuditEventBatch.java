package com.twofactor.api.query;

import java.util.List;

/** The answer to {@link FindAuditEventBatchQuery}: the next entries, in audit-trail order. */
public record AuditEventBatch(List<AuditEventView> items) {
}
