package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.twofactor.api.Identifiers;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * An admin removes a user's 2FA (lost device): trusted browsers are revoked and a pending reset request is
 * closed; the user enrolls again.
 */
public record ResetTwoFactorCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull @Pattern(regexp = Identifiers.PATTERN) String resetBy) {
}
