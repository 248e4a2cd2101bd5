package com.twofactor.query.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;

import org.axonframework.messaging.interceptors.ExceptionHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.query.AuditEventBatch;
import com.twofactor.api.query.AuditEventFilter;
import com.twofactor.api.query.AuditEventPage;
import com.twofactor.api.query.AuditEventPosition;
import com.twofactor.api.query.AuditEventView;
import com.twofactor.api.query.FindAuditEventBatchQuery;
import com.twofactor.api.query.FindAuditEventsQuery;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionProcessors;
import com.twofactor.query.readmodel.ReadModelAccess;

/**
 * Answers auditors from {@code audit_events}, always in the order (occurredAt, event id), which is total, so
 * pages and batches neither repeat nor skip entries. Refuses ({@code SERVICE_UNAVAILABLE}) while the audit
 * projection is being rebuilt: part of the history must not pass for all of it.
 */
@Component
class AuditEventQueryHandler {

    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_BATCH_SIZE = 1000;
    private static final Sort TRAIL_ORDER = Sort.by(Sort.Order.asc(AuditEventDocument.OCCURRED_AT),
            Sort.Order.asc(AuditEventDocument.ID));

    private final MongoTemplate mongo;
    private final ProjectionProcessors processors;
    private final ReadModelAccess reads;

    AuditEventQueryHandler(MongoTemplate mongo, ProjectionProcessors processors, ReadModelAccess reads) {
        this.mongo = mongo;
        this.processors = processors;
        this.reads = reads;
    }

    @QueryHandler
    AuditEventPage handle(FindAuditEventsQuery query) {
        if (query.page() < 0 || query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw invalid("page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
        }
        Criteria criteria = criteria(query.organizationId(), query.filter());
        requireComplete();
        return reads.read(() -> {
            long total = mongo.count(Query.query(criteria), AuditEventDocument.COLLECTION);
            Query page = Query.query(criteria).with(TRAIL_ORDER)
                    .skip((long) query.page() * query.size())
                    .limit(query.size());
            return new AuditEventPage(find(page), query.page(), query.size(), total);
        });
    }

    @QueryHandler
    AuditEventBatch handle(FindAuditEventBatchQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_BATCH_SIZE) {
            throw invalid("limit must be 1 to " + MAX_BATCH_SIZE);
        }
        Criteria criteria = criteria(query.organizationId(), query.filter());
        AuditEventPosition after = query.after();
        if (after != null) {
            if (after.occurredAt() == null || after.eventId() == null) {
                throw invalid("a position needs occurredAt and eventId");
            }
            // Keyset: strictly after the last entry read, in the trail's order; an index range, however deep.
            criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                    where(AuditEventDocument.OCCURRED_AT).gt(after.occurredAt()),
                    where(AuditEventDocument.OCCURRED_AT).is(after.occurredAt())
                            .and(AuditEventDocument.ID).gt(after.eventId())));
        }
        requireComplete();
        Query batch = Query.query(criteria).with(TRAIL_ORDER).limit(query.limit());
        return reads.read(() -> new AuditEventBatch(find(batch)));
    }

    private List<AuditEventView> find(Query query) {
        return mongo.find(query, AuditEventDocument.class, AuditEventDocument.COLLECTION).stream()
                .map(AuditEventDocument::toView)
                .toList();
    }

    private static Criteria criteria(String organizationId, AuditEventFilter filter) {
        if (organizationId == null || filter == null) {
            throw invalid("organizationId and filter are required");
        }
        if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
            throw invalid("from must not be after to");
        }
        Criteria criteria = where(AuditEventDocument.ORGANIZATION_ID).is(organizationId);
        if (filter.userId() != null) {
            criteria = criteria.and(AuditEventDocument.USER_ID).is(filter.userId());
        }
        if (filter.type() != null) {
            criteria = criteria.and(AuditEventDocument.TYPE).is(filter.type().typeName());
        }
        if (filter.actorId() != null) {
            criteria = criteria.and(AuditEventDocument.ACTOR_ID).is(filter.actorId());
        }
        if (filter.from() != null || filter.to() != null) {
            Criteria occurredAt = criteria.and(AuditEventDocument.OCCURRED_AT);
            if (filter.from() != null) {
                occurredAt.gte(filter.from());
            }
            if (filter.to() != null) {
                occurredAt.lt(filter.to());
            }
        }
        return criteria;
    }

    private void requireComplete() {
        if (reads.read(() -> processors.isRebuilding(ProcessingGroups.AUDIT_EVENTS))) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The audit trail is being rebuilt from the event store; retry shortly");
        }
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message);
    }

    @ExceptionHandler(resultType = DomainException.class)
    void onDomainException(DomainException exception) {
        throw ReadModelAccess.queryFailure(exception);
    }
}
