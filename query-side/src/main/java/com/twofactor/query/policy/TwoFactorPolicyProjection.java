package com.twofactor.query.policy;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionRebuildMarks;
import com.twofactor.query.readmodel.VersionedDocuments;

/** Projects enforcement changes into {@code two_factor_policies}, one document per organization. */
@Component
@ProcessingGroup(ProcessingGroups.TWO_FACTOR_POLICIES)
class TwoFactorPolicyProjection {

    private final VersionedDocuments documents;
    private final ProjectionRebuildMarks rebuildMarks;

    TwoFactorPolicyProjection(VersionedDocuments documents, ProjectionRebuildMarks rebuildMarks) {
        this.documents = documents;
        this.rebuildMarks = rebuildMarks;
    }

    @EventHandler
    void on(TwoFactorEnforcementChanged event, @SequenceNumber long version) {
        documents.apply(TwoFactorPolicyDocument.class, TwoFactorPolicyDocument.COLLECTION, event.organizationId(),
                version, () -> TwoFactorPolicyDocument.unenforced(event.organizationId()),
                policy -> policy.withEnforcement(event.portal(), event.enforced()));
    }

    @ResetHandler
    void onReset() {
        // Marks the read model as rebuilding before emptying it, so no answer comes from the empty collection.
        rebuildMarks.emptyForReplay(ProcessingGroups.TWO_FACTOR_POLICIES, TwoFactorPolicyDocument.COLLECTION);
    }
}
