package com.twofactor.query.policy;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.readmodel.VersionedDocuments;

/** Projects enforcement changes into {@code two_factor_policies}, one document per organization. */
@Component
@ProcessingGroup(ProcessingGroups.TWO_FACTOR_POLICIES)
class TwoFactorPolicyProjection {

    private final VersionedDocuments documents;
    private final MongoTemplate mongo;

    TwoFactorPolicyProjection(VersionedDocuments documents, MongoTemplate mongo) {
        this.documents = documents;
        this.mongo = mongo;
    }

    @EventHandler
    void on(TwoFactorEnforcementChanged event, @SequenceNumber long version) {
        documents.apply(TwoFactorPolicyDocument.class, TwoFactorPolicyDocument.COLLECTION, event.organizationId(),
                version, () -> TwoFactorPolicyDocument.unenforced(event.organizationId()),
                policy -> policy.withEnforcement(event.portal(), event.enforced()));
    }

    @ResetHandler
    void onReset() {
        mongo.remove(new Query(), TwoFactorPolicyDocument.COLLECTION);
    }
}
