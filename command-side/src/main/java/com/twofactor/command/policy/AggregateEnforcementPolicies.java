package com.twofactor.command.policy;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.twofactor.api.Portal;
import com.twofactor.command.user.EnforcementPolicies;

/**
 * Answers the user aggregate's "is 2FA enforced here?" from the policy aggregate itself, loaded in the same
 * unit of work, so the answer is never behind a projection.
 */
@Component
class AggregateEnforcementPolicies implements EnforcementPolicies {

    private final Repository<TwoFactorPolicy> policies;

    AggregateEnforcementPolicies(@Qualifier("twoFactorPolicyRepository") Repository<TwoFactorPolicy> policies) {
        this.policies = policies;
    }

    @Override
    public boolean enforces(String organizationId, Portal portal) {
        try {
            return policies.load(organizationId).invoke(policy -> policy.enforces(portal));
        } catch (AggregateNotFoundException neverChanged) {
            return false;
        }
    }
}
