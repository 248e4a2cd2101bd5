package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Confirm a pending enrollment with a current code; enables 2FA and issues recovery codes.
 * Answered with {@link EnrollmentConfirmedResult}.
 */
public record ConfirmEnrollmentCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull String code) {
}
