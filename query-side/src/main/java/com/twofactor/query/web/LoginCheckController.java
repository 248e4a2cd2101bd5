package com.twofactor.query.web;

import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.Identifiers;
import com.twofactor.api.LoginMethod;
import com.twofactor.api.Portal;
import com.twofactor.api.query.FindLoginDecisionQuery;
import com.twofactor.api.query.LoginDecisionView;
import com.twofactor.api.user.TrustedBrowserTokens;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/users/{userId}/two-factor")
class LoginCheckController {

    static final String TRUSTED_BROWSER_TOKEN_HEADER = "X-Trusted-Browser-Token";

    private final Queries queries;

    LoginCheckController(Queries queries) {
        this.queries = queries;
    }

    /** The raw trusted-browser token goes no further than this method: the query carries its hash. */
    @GetMapping("/login-check")
    @RequiresRole(Role.PORTAL)
    LoginCheckResponse loginCheck(
            @PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
            @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
            @RequestParam @NotNull Portal portal,
            @RequestParam @NotNull LoginMethod loginMethod,
            @RequestParam(required = false) @PositiveOrZero Long minVersion,
            @RequestHeader(name = TRUSTED_BROWSER_TOKEN_HEADER, required = false) @Size(max = 512) String trustedBrowserToken) {
        String tokenHash = StringUtils.hasText(trustedBrowserToken) ? TrustedBrowserTokens.hash(trustedBrowserToken) : null;
        LoginDecisionView decision = queries.ask(
                new FindLoginDecisionQuery(new UserSecurityId(organizationId, userId), portal, loginMethod, tokenHash,
                        minVersion),
                LoginDecisionView.class);
        return LoginCheckResponse.of(decision);
    }
}
