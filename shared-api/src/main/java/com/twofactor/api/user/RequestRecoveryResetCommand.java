package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A user who lost their recovery codes asks for new ones; an admin must approve. One pending request per
 * user. Answered with {@link RecoveryResetRequestedResult}.
 */
public record RequestRecoveryResetCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @Size(max = 500) String reason) {
}
