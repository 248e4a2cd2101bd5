package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.twofactor.api.Identifiers;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An admin lifts a second-factor lock-out and clears the failure count. */
public record UnlockSecondFactorCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull @Pattern(regexp = Identifiers.PATTERN) String unlockedBy) {
}
