package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Issue a new set of recovery codes, once, after an admin approved a reset and before the approval expires;
 * every older code stops working. The user proves possession of the authenticator with a current TOTP code,
 * so a portal session alone cannot mint codes; a wrong code is a recorded rejection that counts toward
 * lock-out. Answered with {@link RecoveryCodesRegeneratedResult}.
 */
public record RegenerateRecoveryCodesCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull String code) {
}
