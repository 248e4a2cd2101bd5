package com.twofactor.query.web;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.Identifiers;
import com.twofactor.api.query.FindTwoFactorPolicyQuery;
import com.twofactor.api.query.TwoFactorPolicyView;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/two-factor-policy")
class TwoFactorPolicyController {

    private final Queries queries;

    TwoFactorPolicyController(Queries queries) {
        this.queries = queries;
    }

    @GetMapping
    @RequiresRole({Role.PORTAL, Role.ADMIN})
    TwoFactorPolicyResponse policy(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                                   @RequestParam(required = false) @PositiveOrZero Long minVersion) {
        return TwoFactorPolicyResponse.of(
                queries.ask(new FindTwoFactorPolicyQuery(organizationId, minVersion), TwoFactorPolicyView.class));
    }
}
