package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Pass the second factor with a one-time recovery code (case-insensitive, hyphen and spaces optional).
 * Answered with a {@link VerificationResult}; a used or unknown code is a recorded rejection.
 */
public record ConsumeRecoveryCodeCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull String recoveryCode,
        boolean rememberBrowser,
        @Size(max = 100) String browserLabel) {
}
