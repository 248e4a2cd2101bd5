package com.twofactor.query.status;

import java.time.Clock;

import org.axonframework.messaging.interceptors.ExceptionHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.query.FindTwoFactorStatusQuery;
import com.twofactor.api.query.TwoFactorStatusView;
import com.twofactor.query.readmodel.ReadModelAccess;

@Component
class TwoFactorStatusQueryHandler {

    private final UserTwoFactorStatuses statuses;
    private final ReadModelAccess reads;
    private final Clock clock;

    TwoFactorStatusQueryHandler(UserTwoFactorStatuses statuses, ReadModelAccess reads, Clock clock) {
        this.statuses = statuses;
        this.reads = reads;
        this.clock = clock;
    }

    @QueryHandler
    TwoFactorStatusView handle(FindTwoFactorStatusQuery query) {
        UserTwoFactorStatusDocument status =
                reads.awaitVersion(query.minVersion(), () -> statuses.find(query.user()),
                        UserTwoFactorStatusDocument::version);
        return (status != null ? status : UserTwoFactorStatusDocument.notEnrolled(query.user())).toView(clock.instant());
    }

    @ExceptionHandler(resultType = DomainException.class)
    void onDomainException(DomainException exception) {
        throw ReadModelAccess.queryFailure(exception);
    }
}
