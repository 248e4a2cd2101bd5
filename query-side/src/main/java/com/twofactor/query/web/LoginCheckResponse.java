package com.twofactor.query.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.twofactor.api.query.LoginDecision;
import com.twofactor.api.query.LoginDecisionView;
import com.twofactor.api.user.SecondFactorMethod;

/** The login check's answer; {@code lockedUntil} and {@code remainingRecoveryCodes} only when they apply. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LoginCheckResponse(LoginDecision decision, List<SecondFactorMethod> methods, Instant lockedUntil,
                          Integer remainingRecoveryCodes, long version) {

    static LoginCheckResponse of(LoginDecisionView view) {
        return new LoginCheckResponse(view.decision(), view.methods() == null ? List.of() : view.methods(),
                view.lockedUntil(), view.remainingRecoveryCodes(), view.version());
    }
}
