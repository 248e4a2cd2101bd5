package com.twofactor.api.policy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.twofactor.api.Identifiers;
import com.twofactor.api.Portal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * An admin turns enforcement of 2FA for form logins on one portal of an organization on or off.
 * Answered with {@link com.twofactor.api.CommandAccepted}.
 */
public record ChangeTwoFactorEnforcementCommand(
        @TargetAggregateIdentifier @NotNull @Pattern(regexp = Identifiers.PATTERN) String organizationId,
        @NotNull Portal portal,
        boolean enforced,
        @NotNull @Pattern(regexp = Identifiers.PATTERN) String changedBy) {
}
