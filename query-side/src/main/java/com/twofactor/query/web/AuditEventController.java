package com.twofactor.query.web;

import java.io.IOException;
import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.Identifiers;
import com.twofactor.api.query.AuditEventFilter;
import com.twofactor.api.query.AuditEventPage;
import com.twofactor.api.query.AuditEventType;
import com.twofactor.api.query.FindAuditEventsQuery;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * An organization's audit trail. One endpoint, three representations chosen by {@code Accept}: a JSON page
 * (the default), or every match as NDJSON or CSV. A single handler method decides, because three methods that
 * differ only in {@code produces} are ambiguous for {@code Accept: *}{@code /*}.
 */
@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/audit-events")
class AuditEventController {

    private final Queries queries;
    private final AuditExport export;

    AuditEventController(Queries queries, AuditExport export) {
        this.queries = queries;
        this.export = export;
    }

    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, AuditExport.NDJSON_VALUE, AuditExport.CSV_VALUE})
    @RequiresRole({Role.AUDITOR, Role.ADMIN})
    ResponseEntity<?> auditEvents(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                                  @RequestParam(required = false) @Pattern(regexp = Identifiers.PATTERN) String userId,
                                  @RequestParam(required = false) AuditEventType type,
                                  @RequestParam(required = false) @Pattern(regexp = Identifiers.PATTERN) String actorId,
                                  @RequestParam(required = false) Instant from,
                                  @RequestParam(required = false) Instant to,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
                                  @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                  HttpServletResponse response) throws IOException {
        AuditEventFilter filter = new AuditEventFilter(userId, type, actorId, from, to);
        MediaType format = AuditExport.formatFor(accept);
        if (format.equals(MediaType.APPLICATION_JSON)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(
                    queries.ask(new FindAuditEventsQuery(organizationId, filter, page, size), AuditEventPage.class));
        }
        // Every match, not a page: page and size do not apply. The export writes the response itself, which the
        // null return tells Spring MVC.
        export.write(organizationId, filter, format, response);
        return null;
    }
}
