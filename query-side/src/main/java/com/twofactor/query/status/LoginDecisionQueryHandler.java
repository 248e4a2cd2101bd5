package com.twofactor.query.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.axonframework.messaging.interceptors.ExceptionHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import com.twofactor.api.LoginMethod;
import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.query.FindLoginDecisionQuery;
import com.twofactor.api.query.LoginDecision;
import com.twofactor.api.query.LoginDecisionView;
import com.twofactor.api.query.TwoFactorPolicyView;
import com.twofactor.api.user.SecondFactorMethod;
import com.twofactor.query.policy.TwoFactorPolicies;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionProcessors;
import com.twofactor.query.readmodel.ReadModelAccess;

/**
 * Does this login need a second factor (DESIGN §3, login check)? Fails closed: when the read models cannot be
 * read, are being rebuilt, are stuck on a failing event or have not reached {@code minVersion}, it answers
 * {@code SERVICE_UNAVAILABLE} instead of a decision.
 */
@Component
class LoginDecisionQueryHandler {

    private final UserTwoFactorStatuses statuses;
    private final TwoFactorPolicies policies;
    private final ProjectionProcessors processors;
    private final ReadModelAccess reads;
    private final Clock clock;

    LoginDecisionQueryHandler(UserTwoFactorStatuses statuses, TwoFactorPolicies policies,
                              ProjectionProcessors processors, ReadModelAccess reads, Clock clock) {
        this.statuses = statuses;
        this.policies = policies;
        this.processors = processors;
        this.reads = reads;
        this.clock = clock;
    }

    @QueryHandler
    LoginDecisionView handle(FindLoginDecisionQuery query) {
        if (query.user() == null || query.portal() == null || query.loginMethod() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "user, portal and login method are required");
        }
        if (query.loginMethod() != LoginMethod.FORM) {
            // Decided without a read model: SSO and social logins are never asked for a second factor.
            return new LoginDecisionView(LoginDecision.NOT_REQUIRED, List.of(), null, null, 0);
        }
        UserTwoFactorStatusDocument found =
                reads.awaitVersion(query.minVersion(), () -> statuses.find(query.user()),
                        UserTwoFactorStatusDocument::version);
        UserTwoFactorStatusDocument status =
                found != null ? found : UserTwoFactorStatusDocument.notEnrolled(query.user());
        String organizationId = query.user().organizationId();
        TwoFactorPolicyView policy = status.isActive() ? null : reads.read(() ->
                policies.find(organizationId).orElseGet(() -> TwoFactorPolicies.unenforced(organizationId)));
        // Checked after reading: a rebuild that started before the read, and may have emptied the collection,
        // shows here.
        requireServing(ProcessingGroups.USER_TWO_FACTOR_STATUS);
        if (policy != null) {
            requireServing(ProcessingGroups.TWO_FACTOR_POLICIES);
        }

        Instant now = clock.instant();
        Integer remainingRecoveryCodes = status.isActive() ? status.remainingRecoveryCodes() : null;
        if (status.isLockedAt(now)) {
            return new LoginDecisionView(LoginDecision.LOCKED, List.of(), status.lockedUntil(),
                    remainingRecoveryCodes, status.version());
        }
        if (status.isActive()) {
            if (status.trustsBrowserAt(query.trustedBrowserTokenHash(), now)) {
                return new LoginDecisionView(LoginDecision.NOT_REQUIRED, List.of(), null,
                        remainingRecoveryCodes, status.version());
            }
            List<SecondFactorMethod> methods = status.remainingRecoveryCodes() > 0
                    ? List.of(SecondFactorMethod.TOTP, SecondFactorMethod.RECOVERY_CODE)
                    : List.of(SecondFactorMethod.TOTP);
            return new LoginDecisionView(LoginDecision.CHALLENGE, methods, null, remainingRecoveryCodes,
                    status.version());
        }
        LoginDecision decision = TwoFactorPolicies.enforces(policy, query.portal())
                ? LoginDecision.ENROLLMENT_REQUIRED
                : LoginDecision.NOT_REQUIRED;
        return new LoginDecisionView(decision, List.of(), null, null, status.version());
    }

    private void requireServing(String readModel) {
        if (!reads.read(() -> processors.isServing(readModel))) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The login check's read models are being rebuilt; retry shortly");
        }
    }

    @ExceptionHandler(resultType = DomainException.class)
    void onDomainException(DomainException exception) {
        throw ReadModelAccess.queryFailure(exception);
    }
}
