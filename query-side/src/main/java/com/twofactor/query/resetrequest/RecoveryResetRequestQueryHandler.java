package com.twofactor.query.resetrequest;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.axonframework.messaging.interceptors.ExceptionHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.query.FindRecoveryResetRequestsQuery;
import com.twofactor.api.query.RecoveryResetRequestPage;
import com.twofactor.query.readmodel.ReadModelAccess;

@Component
class RecoveryResetRequestQueryHandler {

    static final int MAX_PAGE_SIZE = 200;

    private final MongoTemplate mongo;
    private final ReadModelAccess reads;

    RecoveryResetRequestQueryHandler(MongoTemplate mongo, ReadModelAccess reads) {
        this.mongo = mongo;
        this.reads = reads;
    }

    @QueryHandler
    RecoveryResetRequestPage handle(FindRecoveryResetRequestsQuery query) {
        if (query.organizationId() == null || query.page() < 0 || query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "organizationId is required, page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
        }
        Criteria criteria = where("organizationId").is(query.organizationId());
        if (query.status() != null) {
            criteria = criteria.and("status").is(query.status());
        }
        Criteria filter = criteria;
        return reads.read(() -> {
            long total = mongo.count(Query.query(filter), RecoveryResetRequestDocument.COLLECTION);
            Query page = Query.query(filter)
                    .with(Sort.by(Sort.Order.asc("requestedAt"), Sort.Order.asc("_id")))
                    .skip((long) query.page() * query.size())
                    .limit(query.size());
            return new RecoveryResetRequestPage(
                    mongo.find(page, RecoveryResetRequestDocument.class, RecoveryResetRequestDocument.COLLECTION)
                            .stream().map(RecoveryResetRequestDocument::toView).toList(),
                    query.page(), query.size(), total);
        });
    }

    @ExceptionHandler(resultType = DomainException.class)
    void onDomainException(DomainException exception) {
        throw ReadModelAccess.queryFailure(exception);
    }
}
