package com.twofactor.command.user;

import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.CommandAccepted;
import com.twofactor.api.Identifiers;
import com.twofactor.api.query.RecoveryResetStatus;
import com.twofactor.api.user.ApproveRecoveryResetCommand;
import com.twofactor.api.user.RecoveryCodesRegeneratedResult;
import com.twofactor.api.user.RecoveryResetRequestedResult;
import com.twofactor.api.user.RegenerateRecoveryCodesCommand;
import com.twofactor.api.user.RejectRecoveryResetCommand;
import com.twofactor.api.user.RequestRecoveryResetCommand;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * New recovery codes for a user who lost them: the user (through the portal) asks, an admin approves or
 * rejects, and after an approval the user regenerates codes once.
 */
@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/users/{userId}/two-factor")
class RecoveryResetController {

    static final String ACTOR_HEADER = "X-Actor-Id";

    private final CommandGateway commands;
    private final SecondFactorRefusals refusals;

    RecoveryResetController(CommandGateway commands, SecondFactorRefusals refusals) {
        this.commands = commands;
        this.refusals = refusals;
    }

    record ResetRequest(@Size(max = 500) String reason) {
    }

    record ResetRequestedResponse(String requestId, RecoveryResetStatus status, long version) {
    }

    record ApprovalRequest(@Size(max = 500) String comment) {
    }

    record RejectionRequest(@Size(max = 500) String reason) {
    }

    record RegenerateRequest(@NotNull @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String code) {
    }

    record RecoveryCodesResponse(List<String> recoveryCodes, long version) {
    }

    @PostMapping("/recovery-reset-requests")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresRole(Role.PORTAL)
    ResetRequestedResponse request(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                                   @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                                   @Valid @RequestBody(required = false) ResetRequest request) {
        String reason = request == null ? null : request.reason();
        RecoveryResetRequestedResult result = commands.sendAndWait(
                new RequestRecoveryResetCommand(new UserSecurityId(organizationId, userId), reason));
        return new ResetRequestedResponse(result.requestId(), RecoveryResetStatus.PENDING, result.version());
    }

    @PostMapping("/recovery-reset-requests/{requestId}/approval")
    @RequiresRole(value = Role.ADMIN, actorRequired = true)
    CommandAccepted approve(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                            @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                            @PathVariable @Pattern(regexp = Identifiers.PATTERN) String requestId,
                            @RequestHeader(ACTOR_HEADER) String actorId,
                            @Valid @RequestBody(required = false) ApprovalRequest request) {
        return commands.sendAndWait(new ApproveRecoveryResetCommand(new UserSecurityId(organizationId, userId),
                requestId, actorId, request == null ? null : request.comment()));
    }

    @PostMapping("/recovery-reset-requests/{requestId}/rejection")
    @RequiresRole(value = Role.ADMIN, actorRequired = true)
    CommandAccepted reject(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                           @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                           @PathVariable @Pattern(regexp = Identifiers.PATTERN) String requestId,
                           @RequestHeader(ACTOR_HEADER) String actorId,
                           @Valid @RequestBody(required = false) RejectionRequest request) {
        return commands.sendAndWait(new RejectRecoveryResetCommand(new UserSecurityId(organizationId, userId),
                requestId, actorId, request == null ? null : request.reason()));
    }

    @PostMapping("/recovery-codes")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresRole(Role.PORTAL)
    RecoveryCodesResponse regenerate(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                                     @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                                     @Valid @RequestBody RegenerateRequest request) {
        RecoveryCodesRegeneratedResult result = commands.sendAndWait(
                new RegenerateRecoveryCodesCommand(new UserSecurityId(organizationId, userId), request.code()));
        if (!result.verification().verified()) {
            throw refusals.of(result.verification());
        }
        return new RecoveryCodesResponse(result.recoveryCodes(), result.version());
    }
}
