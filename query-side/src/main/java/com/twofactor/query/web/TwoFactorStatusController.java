package com.twofactor.query.web;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.Identifiers;
import com.twofactor.api.query.FindTwoFactorStatusQuery;
import com.twofactor.api.query.TwoFactorStatusView;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/users/{userId}/two-factor")
class TwoFactorStatusController {

    private final Queries queries;

    TwoFactorStatusController(Queries queries) {
        this.queries = queries;
    }

    @GetMapping
    @RequiresRole({Role.PORTAL, Role.ADMIN})
    TwoFactorStatusView status(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                               @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                               @RequestParam(required = false) @PositiveOrZero Long minVersion) {
        return queries.ask(new FindTwoFactorStatusQuery(new UserSecurityId(organizationId, userId), minVersion),
                TwoFactorStatusView.class);
    }
}
