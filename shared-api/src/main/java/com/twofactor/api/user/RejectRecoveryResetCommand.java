package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.twofactor.api.Identifiers;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An admin rejects a pending recovery reset.
 *
 * @param rejectedBy the admin (the caller's {@code X-Actor-Id})
 */
public record RejectRecoveryResetCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull @Pattern(regexp = Identifiers.PATTERN) String requestId,
        @NotNull @Pattern(regexp = Identifiers.PATTERN) String rejectedBy,
        @Size(max = 500) String reason) {
}
