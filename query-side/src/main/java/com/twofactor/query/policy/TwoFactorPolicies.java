package com.twofactor.query.policy;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.twofactor.api.Portal;
import com.twofactor.api.query.TwoFactorPolicyView;

/** Reads the {@code two_factor_policies} read model; also used by the login check. */
@Component
public class TwoFactorPolicies {

    private final MongoTemplate mongo;

    public TwoFactorPolicies(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The organization's policy, or empty when it never changed. */
    public Optional<TwoFactorPolicyView> find(String organizationId) {
        return Optional.ofNullable(
                        mongo.findById(organizationId, TwoFactorPolicyDocument.class, TwoFactorPolicyDocument.COLLECTION))
                .map(TwoFactorPolicyDocument::toView);
    }

    /** The policy of an organization that never changed it: nothing enforced, version 0. */
    public static TwoFactorPolicyView unenforced(String organizationId) {
        return TwoFactorPolicyDocument.unenforced(organizationId).toView();
    }

    public static boolean enforces(TwoFactorPolicyView policy, Portal portal) {
        return switch (portal) {
            case AGENT -> policy.agentEnforced();
            case CUSTOMER -> policy.customerEnforced();
        };
    }
}
