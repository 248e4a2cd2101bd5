package com.twofactor.query.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.twofactor.api.Portal;
import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.api.query.FindTwoFactorPolicyQuery;
import com.twofactor.api.query.TwoFactorPolicyView;
import com.twofactor.query.readmodel.ReadModelAccess;
import com.twofactor.query.readmodel.VersionedDocuments;
import com.twofactor.query.testsupport.EmbeddedMongo;
import com.twofactor.query.testsupport.Rebuilds;

class TwoFactorPolicyProjectionTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private TwoFactorPolicyProjection projection;
    private TwoFactorPolicyQueryHandler queries;

    @BeforeEach
    void setUp() {
        projection = new TwoFactorPolicyProjection(new VersionedDocuments(mongo.template()), Rebuilds.marks(mongo.template()));
        queries = handler(Duration.ofMillis(100));
    }

    @Test
    void anOrganizationThatNeverChangedItsPolicy_enforcesNothing() {
        assertThat(policy("acme", null)).isEqualTo(new TwoFactorPolicyView("acme", false, false, 0));
    }

    @Test
    void enforcementIsKeptPerPortal() {
        projection.on(changed("acme", Portal.AGENT, true), 0);
        projection.on(changed("acme", Portal.CUSTOMER, true), 1);
        projection.on(changed("acme", Portal.AGENT, false), 2);

        assertThat(policy("acme", null)).isEqualTo(new TwoFactorPolicyView("acme", false, true, 2));
        assertThat(policy("other", null)).isEqualTo(new TwoFactorPolicyView("other", false, false, 0));
    }

    @Test
    void redeliveredAndOlderEvents_changeNothing() {
        projection.on(changed("acme", Portal.AGENT, true), 0);
        projection.on(changed("acme", Portal.AGENT, false), 1);

        projection.on(changed("acme", Portal.AGENT, false), 1);
        projection.on(changed("acme", Portal.AGENT, true), 0);

        assertThat(policy("acme", null)).isEqualTo(new TwoFactorPolicyView("acme", false, false, 1));
    }

    @Test
    void minVersion_notReached_failsClosed() {
        projection.on(changed("acme", Portal.AGENT, true), 0);

        assertThatThrownBy(() -> policy("acme", 1L)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void minVersionOfTheFirstChange_waitsForIt() throws Exception {
        TwoFactorPolicyQueryHandler patient = handler(Duration.ofSeconds(30));

        CompletableFuture<TwoFactorPolicyView> answer =
                CompletableFuture.supplyAsync(() -> patient.handle(new FindTwoFactorPolicyQuery("acme", 0L)));
        projection.on(changed("acme", Portal.CUSTOMER, true), 0);

        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(new TwoFactorPolicyView("acme", false, true, 0));
    }

    @Test
    void theResetHandler_emptiesTheReadModel() {
        projection.on(changed("acme", Portal.AGENT, true), 0);

        projection.onReset();

        assertThat(policy("acme", null).agentEnforced()).isFalse();
    }

    private TwoFactorPolicyQueryHandler handler(Duration readYourWritesTimeout) {
        return new TwoFactorPolicyQueryHandler(new TwoFactorPolicies(mongo.template()),
                new ReadModelAccess(readYourWritesTimeout));
    }

    private TwoFactorPolicyView policy(String organizationId, Long minVersion) {
        return queries.handle(new FindTwoFactorPolicyQuery(organizationId, minVersion));
    }

    private static TwoFactorEnforcementChanged changed(String organizationId, Portal portal, boolean enforced) {
        return new TwoFactorEnforcementChanged(organizationId, portal, enforced, "admin-1", T0);
    }
}
