package com.twofactor.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.query.AuditEventFilter;
import com.twofactor.api.query.AuditEventPage;
import com.twofactor.api.query.AuditEventPosition;
import com.twofactor.api.query.AuditEventType;
import com.twofactor.api.query.AuditEventView;
import com.twofactor.api.query.FindAuditEventBatchQuery;
import com.twofactor.api.query.FindAuditEventsQuery;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.readmodel.ReadModelAccess;
import com.twofactor.query.testsupport.EmbeddedMongo;
import com.twofactor.query.testsupport.Rebuilds;

/** Auditors' queries against the embedded MongoDB server: order, paging, batches, filters, refusals. */
class AuditEventQueryHandlerTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    private AuditEventQueryHandler handler;
    private final List<AuditEventDocument> acme = new ArrayList<>();

    @BeforeEach
    void setUp() {
        handler = new AuditEventQueryHandler(mongo.template(), Rebuilds.processors(mongo.template()),
                new ReadModelAccess(Duration.ofMillis(100)));
        acme.clear();
        // 23 entries in three instants, so most share their occurredAt with others: ties are the hard part.
        for (int i = 0; i < 23; i++) {
            String user = i % 2 == 0 ? "alice" : "bob";
            AuditEventType type = i % 3 == 0 ? AuditEventType.SECOND_FACTOR_REJECTED : AuditEventType.SECOND_FACTOR_VERIFIED;
            String actor = i % 5 == 0 ? "admin-ann" : null;
            acme.add(entry("acme", "event-" + (char) ('a' + (i * 7) % 23), user, type, T0.plusSeconds(i % 3), actor));
        }
        acme.forEach(entry -> mongo.template().insert(entry, AuditEventDocument.COLLECTION));
        mongo.template().insert(entry("globex", "event-globex", "alice", AuditEventType.SECOND_FACTOR_VERIFIED, T0,
                "admin-ann"), AuditEventDocument.COLLECTION);
    }

    private static AuditEventDocument entry(String organization, String id, String user, AuditEventType type,
                                            Instant at, String actor) {
        return new AuditEventDocument(id, organization, user, type.typeName(), at, actor, "agent-portal", "command-" + id,
                Map.of("method", "TOTP"), 1);
    }

    private List<String> inTrailOrder(List<AuditEventDocument> entries) {
        return entries.stream()
                .sorted(Comparator.comparing(AuditEventDocument::occurredAt).thenComparing(AuditEventDocument::id))
                .map(AuditEventDocument::id).toList();
    }

    @Test
    void pagesFollowTheTrailsOrder_withoutRepeatsOrGaps_andCountEveryMatch() {
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            AuditEventPage result = handler.handle(new FindAuditEventsQuery("acme", AuditEventFilter.any(), page, 5));
            assertThat(result.totalItems()).isEqualTo(23);
            assertThat(result.page()).isEqualTo(page);
            assertThat(result.size()).isEqualTo(5);
            result.items().forEach(item -> seen.add(item.eventId()));
        }

        assertThat(seen).containsExactlyElementsOf(inTrailOrder(acme));
    }

    @Test
    void aPageAfterTheLast_isEmpty_butStillCounts() {
        AuditEventPage result = handler.handle(new FindAuditEventsQuery("acme", AuditEventFilter.any(), 9, 5));

        assertThat(result.items()).isEmpty();
        assertThat(result.totalItems()).isEqualTo(23);
    }

    @Test
    void batchesContinueAfterTheLastEntryRead_acrossEntriesOfTheSameInstant() {
        List<String> seen = new ArrayList<>();
        AuditEventPosition after = null;
        List<AuditEventView> batch;
        do {
            batch = handler.handle(new FindAuditEventBatchQuery("acme", AuditEventFilter.any(), after, 4)).items();
            batch.forEach(item -> seen.add(item.eventId()));
            after = batch.isEmpty() ? after : AuditEventPosition.of(batch.get(batch.size() - 1));
        } while (batch.size() == 4);

        assertThat(seen).containsExactlyElementsOf(inTrailOrder(acme));
    }

    @Test
    void filtersNarrowByUserTypeActorAndTime_fromInclusiveToExclusive() {
        assertThat(ids(new AuditEventFilter("alice", null, null, null, null)))
                .containsExactlyElementsOf(inTrailOrder(acme.stream().filter(e -> e.userId().equals("alice")).toList()));
        assertThat(ids(new AuditEventFilter(null, AuditEventType.SECOND_FACTOR_REJECTED, null, null, null)))
                .containsExactlyElementsOf(inTrailOrder(acme.stream()
                        .filter(e -> e.type().equals("second_factor.rejected")).toList()));
        assertThat(ids(new AuditEventFilter(null, null, "admin-ann", null, null)))
                .containsExactlyElementsOf(inTrailOrder(acme.stream()
                        .filter(e -> "admin-ann".equals(e.actorId())).toList()));
        assertThat(ids(new AuditEventFilter(null, null, null, T0.plusSeconds(1), T0.plusSeconds(2))))
                .containsExactlyElementsOf(inTrailOrder(acme.stream()
                        .filter(e -> e.occurredAt().equals(T0.plusSeconds(1))).toList()));
        assertThat(ids(new AuditEventFilter("bob", AuditEventType.SECOND_FACTOR_VERIFIED, null, T0.plusSeconds(1), null)))
                .containsExactlyElementsOf(inTrailOrder(acme.stream()
                        .filter(e -> e.userId().equals("bob") && e.type().equals("second_factor.verified")
                                && !e.occurredAt().isBefore(T0.plusSeconds(1))).toList()));
        assertThat(ids(new AuditEventFilter(null, null, null, T0, T0))).isEmpty();
    }

    @Test
    void anotherOrganizationsEntries_areNeverIncluded() {
        assertThat(ids(AuditEventFilter.any())).doesNotContain("event-globex").hasSize(23);
        assertThat(handler.handle(new FindAuditEventsQuery("globex", AuditEventFilter.any(), 0, 200)).items())
                .extracting(AuditEventView::eventId).containsExactly("event-globex");
    }

    @Test
    void whileTheAuditTrailIsRebuilt_queriesAreRefusedRatherThanAnsweredFromPartOfIt() {
        Rebuilds.marks(mongo.template()).emptyForReplay(ProcessingGroups.AUDIT_EVENTS, AuditEventDocument.COLLECTION);

        assertRefused(() -> handler.handle(new FindAuditEventsQuery("acme", AuditEventFilter.any(), 0, 5)),
                ErrorCode.SERVICE_UNAVAILABLE);
        assertRefused(() -> handler.handle(new FindAuditEventBatchQuery("acme", AuditEventFilter.any(), null, 5)),
                ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void invalidPagesBatchesAndRanges_areRefused() {
        assertRefused(() -> handler.handle(new FindAuditEventsQuery("acme", AuditEventFilter.any(), -1, 5)),
                ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> handler.handle(new FindAuditEventsQuery("acme", AuditEventFilter.any(), 0, 0)),
                ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> handler.handle(new FindAuditEventsQuery("acme", AuditEventFilter.any(), 0, 201)),
                ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> handler.handle(new FindAuditEventsQuery("acme",
                new AuditEventFilter(null, null, null, T0.plusSeconds(1), T0), 0, 5)), ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> handler.handle(new FindAuditEventBatchQuery("acme", AuditEventFilter.any(), null, 0)),
                ErrorCode.VALIDATION_FAILED);
        assertRefused(() -> handler.handle(new FindAuditEventsQuery(null, AuditEventFilter.any(), 0, 5)),
                ErrorCode.VALIDATION_FAILED);
    }

    private List<String> ids(AuditEventFilter filter) {
        return handler.handle(new FindAuditEventsQuery("acme", filter, 0, 200)).items().stream()
                .map(AuditEventView::eventId).toList();
    }

    private static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
