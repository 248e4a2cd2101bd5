package com.twofactor.query.web;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.Identifiers;
import com.twofactor.api.query.FindRecoveryResetRequestsQuery;
import com.twofactor.api.query.RecoveryResetRequestPage;
import com.twofactor.api.query.RecoveryResetStatus;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/recovery-reset-requests")
class RecoveryResetRequestController {

    private final Queries queries;

    RecoveryResetRequestController(Queries queries) {
        this.queries = queries;
    }

    /** Oldest first; all statuses unless {@code status} is given. */
    @GetMapping
    @RequiresRole(Role.ADMIN)
    RecoveryResetRequestPage list(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                                  @RequestParam(required = false) RecoveryResetStatus status,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.ask(new FindRecoveryResetRequestsQuery(organizationId, status, page, size),
                RecoveryResetRequestPage.class);
    }
}
