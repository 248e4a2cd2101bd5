package com.twofactor.command.policy;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.CommandAccepted;
import com.twofactor.api.Identifiers;
import com.twofactor.api.Portal;
import com.twofactor.api.policy.ChangeTwoFactorEnforcementCommand;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Admins turn enforcement of 2FA for form logins on or off, per portal. */
@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/two-factor-policy")
class TwoFactorEnforcementController {

    private final CommandGateway commands;

    TwoFactorEnforcementController(CommandGateway commands) {
        this.commands = commands;
    }

    record EnforcementRequest(@NotNull Boolean enforced) {
    }

    @PutMapping("/{portal}")
    @RequiresRole(value = Role.ADMIN, actorRequired = true)
    CommandAccepted change(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                           @PathVariable Portal portal,
                           @RequestHeader("X-Actor-Id") String actorId,
                           @Valid @RequestBody EnforcementRequest request) {
        return commands.sendAndWait(
                new ChangeTwoFactorEnforcementCommand(organizationId, portal, request.enforced(), actorId));
    }
}
