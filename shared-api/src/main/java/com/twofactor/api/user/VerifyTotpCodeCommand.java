package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Check a TOTP code at login. A wrong or replayed code is a recorded rejection, not an exception: the
 * answer is a {@link VerificationResult} either way.
 *
 * @param rememberBrowser issue a trusted-browser token on success
 * @param browserLabel    optional label shown in the list of trusted browsers
 */
public record VerifyTotpCodeCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull String code,
        boolean rememberBrowser,
        @Size(max = 100) String browserLabel) {
}
