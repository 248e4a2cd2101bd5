package com.twofactor.query.policy;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.twofactor.api.Portal;
import com.twofactor.api.query.TwoFactorPolicyView;
import com.twofactor.query.readmodel.VersionedDocument;

/**
 * An organization's 2FA enforcement for form logins, per portal.
 *
 * @param id      the organization id (the policy aggregate's identifier)
 * @param version sequence number of the policy's last event applied here
 */
@Document(TwoFactorPolicyDocument.COLLECTION)
record TwoFactorPolicyDocument(@Id String id, String organizationId, boolean agentEnforced, boolean customerEnforced,
                               long version) implements VersionedDocument<TwoFactorPolicyDocument> {

    static final String COLLECTION = "two_factor_policies";

    static TwoFactorPolicyDocument unenforced(String organizationId) {
        return new TwoFactorPolicyDocument(organizationId, organizationId, false, false, 0);
    }

    TwoFactorPolicyDocument withEnforcement(Portal portal, boolean enforced) {
        return switch (portal) {
            case AGENT -> new TwoFactorPolicyDocument(id, organizationId, enforced, customerEnforced, version);
            case CUSTOMER -> new TwoFactorPolicyDocument(id, organizationId, agentEnforced, enforced, version);
        };
    }

    @Override
    public TwoFactorPolicyDocument withVersion(long version) {
        return new TwoFactorPolicyDocument(id, organizationId, agentEnforced, customerEnforced, version);
    }

    TwoFactorPolicyView toView() {
        return new TwoFactorPolicyView(organizationId, agentEnforced, customerEnforced, version);
    }
}
