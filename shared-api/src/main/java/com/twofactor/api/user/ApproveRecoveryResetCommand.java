package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.twofactor.api.Identifiers;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An admin approves a pending recovery reset: the user may then regenerate recovery codes once.
 *
 * @param approvedBy the admin (the caller's {@code X-Actor-Id})
 */
public record ApproveRecoveryResetCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull @Pattern(regexp = Identifiers.PATTERN) String requestId,
        @NotNull @Pattern(regexp = Identifiers.PATTERN) String approvedBy,
        @Size(max = 500) String comment) {
}
