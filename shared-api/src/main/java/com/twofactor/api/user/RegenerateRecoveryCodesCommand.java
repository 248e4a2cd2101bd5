package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Issue a new set of recovery codes, once, after an admin approved a reset; every older code stops working.
 * Answered with {@link RecoveryCodesRegeneratedResult}.
 */
public record RegenerateRecoveryCodesCommand(@TargetAggregateIdentifier @NotNull @Valid UserSecurityId user) {
}
