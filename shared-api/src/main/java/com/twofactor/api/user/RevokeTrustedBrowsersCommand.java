package com.twofactor.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Forget every browser the user asked to be remembered on. Answered with {@link com.twofactor.api.CommandAccepted}. */
public record RevokeTrustedBrowsersCommand(@TargetAggregateIdentifier @NotNull @Valid UserSecurityId user) {
}
