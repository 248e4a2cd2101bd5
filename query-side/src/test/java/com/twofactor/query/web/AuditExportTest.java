package com.twofactor.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.query.AuditEventBatch;
import com.twofactor.api.query.AuditEventFilter;
import com.twofactor.api.query.AuditEventView;
import com.twofactor.api.query.FindAuditEventBatchQuery;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export writer on its own, with the query gateway answering from a list: batches follow each other by
 * position, CSV quoting, the choice of representation, and what an export that breaks off says about itself.
 */
class AuditExportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    private final List<FindAuditEventBatchQuery> asked = new ArrayList<>();

    @Test
    void csvFields_areQuotedOnlyWhenNeeded_withQuotesDoubled() {
        assertThat(AuditExport.csvField(null)).isEmpty();
        assertThat(AuditExport.csvField("plain")).isEqualTo("plain");
        assertThat(AuditExport.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditExport.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditExport.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditExport.csvField("carriage\rreturn")).isEqualTo("\"carriage\rreturn\"");
    }

    @Test
    void theRepresentation_followsAccept_jsonByDefault() {
        assertThat(AuditExport.formatFor(null)).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(AuditExport.formatFor("*/*")).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(AuditExport.formatFor("application/json")).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(AuditExport.formatFor("application/x-ndjson")).isEqualTo(AuditExport.NDJSON);
        assertThat(AuditExport.formatFor("text/csv")).isEqualTo(AuditExport.CSV);
        assertThat(AuditExport.formatFor("text/*")).isEqualTo(AuditExport.CSV);
        assertThat(AuditExport.formatFor("application/json;q=0.5, text/csv")).isEqualTo(AuditExport.CSV);
        assertThat(AuditExport.formatFor("text/csv;q=0.2, application/x-ndjson;q=0.9")).isEqualTo(AuditExport.NDJSON);
        assertThat(AuditExport.formatFor("text/html, */*;q=0.1")).isEqualTo(MediaType.APPLICATION_JSON);
    }

    @Test
    void ndjson_asksForEachBatchAfterTheLastEntryWritten_untilAShortBatch() throws Exception {
        List<AuditEventView> entries = entries(7);
        AuditExport export = export(3, entries, Integer.MAX_VALUE);
        MockHttpServletResponse response = new MockHttpServletResponse();

        export.write("acme", AuditEventFilter.any(), AuditExport.NDJSON, response);

        assertThat(response.getContentType()).startsWith("application/x-ndjson");
        String[] lines = response.getContentAsString().split("\n");
        assertThat(lines).hasSize(7);
        for (int i = 0; i < 7; i++) {
            assertThat(JSON.readTree(lines[i]).get("eventId").asString()).isEqualTo(entries.get(i).eventId());
        }
        assertThat(asked).extracting(query -> query.after() == null ? null : query.after().eventId())
                .containsExactly(null, "event-2", "event-5");
        assertThat(asked).allSatisfy(query -> assertThat(query.limit()).isEqualTo(3));
    }

    @Test
    void anExportThatBreaksOff_endsWithAnErrorLine_notAsIfComplete() throws Exception {
        AuditExport export = export(3, entries(7), 1);
        MockHttpServletResponse response = new MockHttpServletResponse();

        export.write("acme", AuditEventFilter.any(), AuditExport.NDJSON, response);

        String[] lines = response.getContentAsString().split("\n");
        assertThat(lines).hasSize(4);
        JsonNode last = JSON.readTree(lines[3]);
        assertThat(last.get("error").get("code").asString()).isEqualTo("service_unavailable");
        assertThat(last.has("eventId")).isFalse();
    }

    @Test
    void aCsvExportThatBreaksOff_endsWithAnErrorRow() throws Exception {
        AuditExport export = export(3, entries(7), 1);
        MockHttpServletResponse response = new MockHttpServletResponse();

        export.write("acme", AuditEventFilter.any(), AuditExport.CSV, response);

        String[] rows = response.getContentAsString().split("\r\n");
        assertThat(rows).hasSize(1 + 3 + 1);
        assertThat(rows[0]).isEqualTo("eventId,type,occurredAt,userId,actorId,client,correlationId,details,version");
        assertThat(rows[4]).startsWith("ERROR: ").endsWith(",,,,,,,,");
    }

    @Test
    void aFirstBatchThatFails_writesNothing_soTheFailureIsAnsweredAsAProblem() {
        AuditExport export = export(3, entries(7), 0);
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> export.write("acme", AuditEventFilter.any(), AuditExport.CSV, response))
                .isInstanceOf(DomainException.class);
        assertThat(response.isCommitted()).isFalse();
        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    /** An export over a gateway that answers from the entries, failing from the given batch on. */
    private AuditExport export(int batchSize, List<AuditEventView> entries, int failFromBatch) {
        QueryGateway gateway = mock(QueryGateway.class);
        when(gateway.query(any(FindAuditEventBatchQuery.class), eq(AuditEventBatch.class))).thenAnswer(call -> {
            FindAuditEventBatchQuery query = call.getArgument(0);
            asked.add(query);
            if (asked.size() > failFromBatch) {
                return CompletableFuture.failedFuture(
                        new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "rebuilding"));
            }
            int start = query.after() == null ? 0
                    : entries.stream().map(AuditEventView::eventId).toList().indexOf(query.after().eventId()) + 1;
            return CompletableFuture.completedFuture(new AuditEventBatch(
                    entries.subList(start, Math.min(entries.size(), start + query.limit()))));
        });
        return new AuditExport(new Queries(gateway), JSON, batchSize);
    }

    private static List<AuditEventView> entries(int count) {
        List<AuditEventView> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new AuditEventView("event-" + i, "second_factor.verified", T0.plusSeconds(i), "alice", null,
                    "agent-portal", "command-" + i, Map.of("method", "TOTP"), i));
        }
        return entries;
    }
}
