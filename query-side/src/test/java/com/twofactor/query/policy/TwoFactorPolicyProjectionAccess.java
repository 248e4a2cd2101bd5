package com.twofactor.query.policy;

import java.time.Instant;

import org.springframework.data.mongodb.core.MongoTemplate;

import com.twofactor.api.Portal;
import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.query.readmodel.VersionedDocuments;
import com.twofactor.query.testsupport.Rebuilds;

/** Feeds the policy projection from tests in other packages (the login check reads its collection). */
public final class TwoFactorPolicyProjectionAccess {

    private final TwoFactorPolicyProjection projection;

    public TwoFactorPolicyProjectionAccess(MongoTemplate mongo) {
        this.projection = new TwoFactorPolicyProjection(new VersionedDocuments(mongo), Rebuilds.marks(mongo));
    }

    public void enforce(String organizationId, Portal portal, boolean enforced, long version) {
        projection.on(new TwoFactorEnforcementChanged(organizationId, portal, enforced, "admin-1",
                Instant.parse("2025-03-01T09:00:00Z")), version);
    }
}
