package com.twofactor.command.user;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.CommandAccepted;
import com.twofactor.api.Identifiers;
import com.twofactor.api.user.ResetTwoFactorCommand;
import com.twofactor.api.user.UnlockSecondFactorCommand;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.validation.constraints.Pattern;

/** What an admin can do to one user's second factor: reset it (lost device) and lift a lock-out. */
@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/users/{userId}/two-factor")
class UserAdministrationController {

    private final CommandGateway commands;

    UserAdministrationController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/reset")
    @RequiresRole(value = Role.ADMIN, actorRequired = true)
    CommandAccepted reset(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                          @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                          @RequestHeader(RecoveryResetController.ACTOR_HEADER) String actorId) {
        return commands.sendAndWait(new ResetTwoFactorCommand(new UserSecurityId(organizationId, userId), actorId));
    }

    @PostMapping("/unlock")
    @RequiresRole(value = Role.ADMIN, actorRequired = true)
    CommandAccepted unlock(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                           @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                           @RequestHeader(RecoveryResetController.ACTOR_HEADER) String actorId) {
        return commands.sendAndWait(new UnlockSecondFactorCommand(new UserSecurityId(organizationId, userId), actorId));
    }
}
