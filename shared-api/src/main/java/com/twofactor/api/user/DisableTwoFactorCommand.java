package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The user turns 2FA off, proving possession with a current TOTP code. Refused while the user's portal
 * enforces 2FA. A wrong code is a recorded rejection that counts toward lock-out ({@link VerificationResult}).
 */
public record DisableTwoFactorCommand(
        @TargetAggregateIdentifier @NotNull @Valid UserSecurityId user,
        @NotNull String code) {
}
