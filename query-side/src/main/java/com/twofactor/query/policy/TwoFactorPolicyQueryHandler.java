package com.twofactor.query.policy;

import org.axonframework.messaging.interceptors.ExceptionHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.query.FindTwoFactorPolicyQuery;
import com.twofactor.api.query.TwoFactorPolicyView;
import com.twofactor.query.readmodel.ReadModelAccess;

@Component
class TwoFactorPolicyQueryHandler {

    private final TwoFactorPolicies policies;
    private final ReadModelAccess reads;

    TwoFactorPolicyQueryHandler(TwoFactorPolicies policies, ReadModelAccess reads) {
        this.policies = policies;
        this.reads = reads;
    }

    @QueryHandler
    TwoFactorPolicyView handle(FindTwoFactorPolicyQuery query) {
        TwoFactorPolicyView policy = reads.awaitVersion(query.minVersion(),
                () -> policies.find(query.organizationId()).orElse(null), TwoFactorPolicyView::version);
        return policy != null ? policy : TwoFactorPolicies.unenforced(query.organizationId());
    }

    @ExceptionHandler(resultType = DomainException.class)
    void onDomainException(DomainException exception) {
        throw ReadModelAccess.queryFailure(exception);
    }
}
