package com.twofactor.query.resetrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.twofactor.api.Portal;
import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.query.FindRecoveryResetRequestsQuery;
import com.twofactor.api.query.RecoveryResetRequestPage;
import com.twofactor.api.query.RecoveryResetRequestView;
import com.twofactor.api.query.RecoveryResetStatus;
import com.twofactor.api.user.RecoveryResetApproved;
import com.twofactor.api.user.RecoveryResetRejected;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.TwoFactorDisabled;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.query.readmodel.ReadModelAccess;
import com.twofactor.query.readmodel.VersionedDocuments;
import com.twofactor.query.testsupport.EmbeddedMongo;
import com.twofactor.query.testsupport.Rebuilds;

class RecoveryResetRequestProjectionTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private RecoveryResetRequestProjection projection;
    private RecoveryResetRequestQueryHandler queries;

    @BeforeEach
    void setUp() {
        projection = new RecoveryResetRequestProjection(new VersionedDocuments(mongo.template()), mongo.template(),
                Rebuilds.marks(mongo.template()));
        projection.afterPropertiesSet();
        queries = new RecoveryResetRequestQueryHandler(mongo.template(), new ReadModelAccess(Duration.ofMillis(100)));
    }

    @Test
    void aRequest_isPendingWithWhatTheUserSaid() {
        projection.on(requested("acme", "alice", "request-1", T0, "lost my phone"), 5);

        RecoveryResetRequestPage page = list("acme", null, 0, 20);

        assertThat(page.totalItems()).isEqualTo(1);
        assertThat(page.items()).containsExactly(new RecoveryResetRequestView("request-1", "acme", "alice",
                Portal.CUSTOMER, T0, "lost my phone", RecoveryResetStatus.PENDING, null, null, null));
    }

    @Test
    void anApproval_recordsTheAdminAndComment() {
        projection.on(requested("acme", "alice", "request-1", T0, null), 5);
        projection.on(new RecoveryResetApproved(user("acme", "alice"), "request-1", "admin-1", "verified by phone",
                T0.plusSeconds(60)), 6);

        assertThat(list("acme", null, 0, 20).items()).singleElement().satisfies(request -> {
            assertThat(request.status()).isEqualTo(RecoveryResetStatus.APPROVED);
            assertThat(request.decidedBy()).isEqualTo("admin-1");
            assertThat(request.decidedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(request.decisionComment()).isEqualTo("verified by phone");
        });
    }

    @Test
    void aRejection_recordsTheAdminAndReason() {
        projection.on(requested("acme", "alice", "request-1", T0, null), 5);
        projection.on(new RecoveryResetRejected(user("acme", "alice"), "request-1", "admin-2", "not you",
                T0.plusSeconds(60)), 6);

        assertThat(list("acme", null, 0, 20).items()).singleElement().satisfies(request -> {
            assertThat(request.status()).isEqualTo(RecoveryResetStatus.REJECTED);
            assertThat(request.decidedBy()).isEqualTo("admin-2");
            assertThat(request.decisionComment()).isEqualTo("not you");
        });
    }

    @Test
    void anAdminReset_closesTheRequestItNames() {
        projection.on(requested("acme", "alice", "request-1", T0, null), 5);
        projection.on(new TwoFactorReset(user("acme", "alice"), "admin-1", "request-1", T0.plusSeconds(60)), 6);

        assertThat(list("acme", null, 0, 20).items()).singleElement().satisfies(request -> {
            assertThat(request.status()).isEqualTo(RecoveryResetStatus.CLOSED);
            assertThat(request.decidedBy()).isEqualTo("admin-1");
        });
    }

    @Test
    void anAdminResetWithoutRequest_changesNoRequest() {
        projection.on(requested("acme", "alice", "request-1", T0, null), 5);
        projection.on(new RecoveryResetRejected(user("acme", "alice"), "request-1", "admin-2", null, T0), 6);
        projection.on(new TwoFactorReset(user("acme", "alice"), "admin-1", null, T0.plusSeconds(60)), 7);

        assertThat(list("acme", null, 0, 20).items()).extracting(RecoveryResetRequestView::status)
                .containsExactly(RecoveryResetStatus.REJECTED);
    }

    @Test
    void disabling2fa_closesTheUsersPendingRequest() {
        projection.on(requested("acme", "alice", "request-1", T0, null), 5);
        projection.on(requested("acme", "bob", "request-2", T0, null), 3);
        projection.on(new TwoFactorDisabled(user("acme", "alice"), T0.plusSeconds(60)), 6);

        assertThat(list("acme", RecoveryResetStatus.PENDING, 0, 20).items())
                .extracting(RecoveryResetRequestView::requestId).containsExactly("request-2");
        assertThat(list("acme", RecoveryResetStatus.CLOSED, 0, 20).items())
                .extracting(RecoveryResetRequestView::requestId).containsExactly("request-1");
    }

    @Test
    void redeliveredAndOlderEvents_changeNothing() {
        RecoveryResetRequested requested = requested("acme", "alice", "request-1", T0, null);
        projection.on(requested, 5);
        projection.on(new RecoveryResetApproved(user("acme", "alice"), "request-1", "admin-1", null, T0), 6);

        projection.on(requested, 5);
        projection.on(new RecoveryResetRejected(user("acme", "alice"), "request-1", "admin-2", null, T0), 6);
        projection.on(new TwoFactorDisabled(user("acme", "alice"), T0), 4);

        assertThat(list("acme", null, 0, 20).items()).singleElement().satisfies(request -> {
            assertThat(request.status()).isEqualTo(RecoveryResetStatus.APPROVED);
            assertThat(request.decidedBy()).isEqualTo("admin-1");
        });
    }

    @Test
    void theList_isOldestFirst_thenByRequestId_pagedAndFilteredByOrganizationAndStatus() {
        projection.on(requested("acme", "u3", "c-request", T0.plusSeconds(20), null), 0);
        projection.on(requested("acme", "u1", "b-request", T0, null), 0);
        projection.on(requested("acme", "u2", "a-request", T0, null), 0);
        projection.on(requested("acme", "u4", "d-request", T0.plusSeconds(30), null), 0);
        projection.on(requested("acme", "u5", "e-request", T0.plusSeconds(40), null), 0);
        projection.on(requested("other", "u1", "f-request", T0.minusSeconds(60), null), 0);
        projection.on(new RecoveryResetApproved(user("acme", "u4"), "d-request", "admin-1", null, T0), 1);

        assertThat(list("acme", null, 0, 20).items()).extracting(RecoveryResetRequestView::requestId)
                .containsExactly("a-request", "b-request", "c-request", "d-request", "e-request");

        RecoveryResetRequestPage first = list("acme", RecoveryResetStatus.PENDING, 0, 2);
        RecoveryResetRequestPage second = list("acme", RecoveryResetStatus.PENDING, 1, 2);
        RecoveryResetRequestPage beyond = list("acme", RecoveryResetStatus.PENDING, 2, 2);

        assertThat(first.items()).extracting(RecoveryResetRequestView::requestId)
                .containsExactly("a-request", "b-request");
        assertThat(second.items()).extracting(RecoveryResetRequestView::requestId)
                .containsExactly("c-request", "e-request");
        assertThat(beyond.items()).isEmpty();
        assertThat(first.totalItems()).isEqualTo(4);
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(2);
        assertThat(list("acme", RecoveryResetStatus.APPROVED, 0, 20).items())
                .extracting(RecoveryResetRequestView::requestId).containsExactly("d-request");
        assertThat(list("other", null, 0, 20).items()).extracting(RecoveryResetRequestView::requestId)
                .containsExactly("f-request");
        assertThat(list("nobody", null, 0, 20).totalItems()).isZero();
    }

    @Test
    void pagingOutsideItsBounds_isInvalid() {
        for (int[] pageAndSize : new int[][] {{-1, 20}, {0, 0}, {0, 201}}) {
            assertThatThrownBy(() -> list("acme", null, pageAndSize[0], pageAndSize[1]))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Test
    void theResetHandler_emptiesTheReadModel() {
        projection.on(requested("acme", "alice", "request-1", T0, null), 5);

        projection.onReset();

        assertThat(list("acme", null, 0, 20).totalItems()).isZero();
    }

    @Test
    void indexesForTheAdminList_areDeclared() {
        // mongo-java-server accepts and ignores non-unique indexes; a real MongoDB builds them.
        projection.afterPropertiesSet();
    }

    private RecoveryResetRequestPage list(String organizationId, RecoveryResetStatus status, int page, int size) {
        return queries.handle(new FindRecoveryResetRequestsQuery(organizationId, status, page, size));
    }

    private static RecoveryResetRequested requested(String organizationId, String userId, String requestId,
                                                    Instant at, String reason) {
        return new RecoveryResetRequested(user(organizationId, userId), requestId, Portal.CUSTOMER, reason, at);
    }

    private static UserSecurityId user(String organizationId, String userId) {
        return new UserSecurityId(organizationId, userId);
    }
}
