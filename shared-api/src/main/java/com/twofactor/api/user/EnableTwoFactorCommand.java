package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.twofactor.api.Portal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Start (or restart) enrollment: a new secret replaces any pending one. Refused while 2FA is active.
 * Answered with {@link EnrollmentStartedResult}.
 *
 * @param accountName shown by the authenticator app next to the issuer (e.g. the user's e-mail); not stored
 */
public record EnableTwoFactorCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull Portal portal,
        @NotBlank @Size(max = 128) @Pattern(regexp = "[^:\\p{Cntrl}]+", message = "must not contain ':' or control characters") String accountName) {
}
