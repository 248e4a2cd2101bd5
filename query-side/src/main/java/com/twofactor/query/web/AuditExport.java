package com.twofactor.query.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.query.AuditEventBatch;
import com.twofactor.api.query.AuditEventFilter;
import com.twofactor.api.query.AuditEventPosition;
import com.twofactor.api.query.AuditEventView;
import com.twofactor.api.query.FindAuditEventBatchQuery;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams every audit entry matching a filter as NDJSON or CSV, without holding them all in memory.
 *
 * <p>How: batches of {@link FindAuditEventBatchQuery} through the query gateway, each continuing after the last
 * entry written (a keyset cursor on occurredAt and event id), written and flushed as they come. This keeps the
 * read on the query bus like every other read (so it works the same when the query handlers are elsewhere, and
 * the handler refuses while the audit projection is rebuilt), holds no MongoDB cursor open while a slow client
 * reads, and costs an index range per batch however deep the export is, where skipping pages would cost more
 * the further it gets. Written on the request's own thread, so no asynchronous request timeout cuts a long
 * export short; memory holds one batch ({@code twofactor.audit.export-batch-size}, default 500) at a time.
 */
@Component
class AuditExport {

    static final String NDJSON_VALUE = "application/x-ndjson";
    static final String CSV_VALUE = "text/csv";
    static final MediaType NDJSON = MediaType.parseMediaType(NDJSON_VALUE);
    static final MediaType CSV = MediaType.parseMediaType(CSV_VALUE);
    static final List<String> CSV_COLUMNS = List.of(
            "eventId", "type", "occurredAt", "userId", "actorId", "client", "correlationId", "details", "version");

    /** What an export that stopped early ends with: as an {@code error} line (NDJSON) or an ERROR row (CSV). */
    static final Incomplete INCOMPLETE = new Incomplete(ErrorCode.SERVICE_UNAVAILABLE.code(),
            "The export stopped before its end and is incomplete; retry");

    record Incomplete(String code, String detail) {
    }

    private static final Logger log = LoggerFactory.getLogger(AuditExport.class);

    private final Queries queries;
    private final JsonMapper json;
    private final int batchSize;

    AuditExport(Queries queries, JsonMapper json, @Value("${twofactor.audit.export-batch-size:500}") int batchSize) {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("twofactor.audit.export-batch-size must be 1 to 1000");
        }
        this.queries = queries;
        this.json = json;
        this.batchSize = batchSize;
    }

    /**
     * The representation to answer with: for the caller's acceptable types by quality (ties in the order given),
     * the first that names NDJSON or CSV ({@code text/*} counts as CSV), or JSON ({@code *}{@code /*},
     * {@code application/*}, {@code application/json}); JSON without an {@code Accept} header. Anything else was
     * already refused with 406 by the mapping's {@code produces}.
     */
    static MediaType formatFor(String accept) {
        if (accept == null || accept.isBlank()) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> accepted = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
        accepted.sort((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue()));
        for (MediaType type : accepted) {
            if (type.getQualityValue() <= 0) {
                continue;
            }
            if (type.isWildcardType()) {
                return MediaType.APPLICATION_JSON;
            }
            if (type.isWildcardSubtype()) {
                if ("text".equals(type.getType())) {
                    return CSV;
                }
                if ("application".equals(type.getType())) {
                    return MediaType.APPLICATION_JSON;
                }
                continue;
            }
            for (MediaType candidate : List.of(NDJSON, CSV, MediaType.APPLICATION_JSON)) {
                if (candidate.isCompatibleWith(type)) {
                    return candidate;
                }
            }
        }
        return MediaType.APPLICATION_JSON;
    }

    /**
     * Writes every entry to the response, batch by batch, flushing after each. The first batch is read before
     * anything is written, so a refusal (invalid filter, trail being rebuilt) is still answered as a problem.
     */
    void write(String organizationId, AuditEventFilter filter, MediaType format, HttpServletResponse response)
            throws IOException {
        boolean csv = format.equals(CSV);
        List<AuditEventView> batch = next(organizationId, filter, null);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType((csv ? new MediaType(CSV, StandardCharsets.UTF_8) : NDJSON).toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("audit-events-" + organizationId + (csv ? ".csv" : ".ndjson")).build().toString());
        Writer writer = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        if (csv) {
            writer.write(String.join(",", CSV_COLUMNS));
            writer.write("\r\n");
        }
        while (true) {
            for (AuditEventView entry : batch) {
                writer.write(csv ? csvLine(entry) : json.writeValueAsString(entry) + "\n");
            }
            writer.flush();
            if (batch.size() < batchSize) {
                return;
            }
            AuditEventPosition after = AuditEventPosition.of(batch.get(batch.size() - 1));
            try {
                batch = next(organizationId, filter, after);
            } catch (RuntimeException e) {
                // The status is sent; what is left is to say, in the export itself, that it is incomplete.
                log.warn("Audit export of {} stopped after {}: {}", organizationId, after.eventId(), e.toString());
                writer.write(csv ? csvIncomplete() : json.writeValueAsString(Map.of("error", INCOMPLETE)) + "\n");
                writer.flush();
                return;
            }
        }
    }

    /** The last row of a CSV export that stopped early: an {@code eventId} no entry can have. */
    private static String csvIncomplete() {
        return csvField("ERROR: " + INCOMPLETE.detail()) + ",".repeat(CSV_COLUMNS.size() - 1) + "\r\n";
    }

    private List<AuditEventView> next(String organizationId, AuditEventFilter filter, AuditEventPosition after) {
        return queries.ask(new FindAuditEventBatchQuery(organizationId, filter, after, batchSize),
                AuditEventBatch.class).items();
    }

    private String csvLine(AuditEventView entry) throws IOException {
        List<String> fields = java.util.Arrays.asList(
                entry.eventId(),
                entry.type(),
                entry.occurredAt() == null ? null : entry.occurredAt().toString(),
                entry.userId(),
                entry.actorId(),
                entry.client(),
                entry.correlationId(),
                json.writeValueAsString(entry.details()),
                Long.toString(entry.version()));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csvField(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; null is empty. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
