package com.twofactor.command.user;

import java.time.Instant;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.twofactor.api.CommandAccepted;
import com.twofactor.api.Identifiers;
import com.twofactor.api.user.ConsumeRecoveryCodeCommand;
import com.twofactor.api.user.DisableTwoFactorCommand;
import com.twofactor.api.user.RevokeTrustedBrowsersCommand;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.api.user.VerificationResult;
import com.twofactor.api.user.VerifyTotpCodeCommand;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The login path, for portal backends: check a TOTP or recovery code after the password, and the user's own
 * 2FA switches (disable, forget trusted browsers). A refused code is answered as a problem, after the
 * refusal was recorded.
 */
@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/users/{userId}/two-factor")
class VerificationController {

    /** A 204 has no body: the aggregate's new version, for {@code minVersion}, travels in this header. */
    static final String VERSION_HEADER = "X-Version";

    private final CommandGateway commands;
    private final SecondFactorRefusals refusals;

    VerificationController(CommandGateway commands, SecondFactorRefusals refusals) {
        this.commands = commands;
        this.refusals = refusals;
    }

    record VerifyCodeRequest(@NotNull @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String code,
                             Boolean rememberBrowser, @Size(max = 100) String browserLabel) {
    }

    record VerifyRecoveryCodeRequest(
            @NotNull @Pattern(regexp = "[0-9A-Za-z][0-9A-Za-z -]{9,23}", message = "must look like XXXXX-XXXXX")
            String recoveryCode,
            Boolean rememberBrowser, @Size(max = 100) String browserLabel) {
    }

    record DisableRequest(@NotNull @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VerifiedResponse(boolean verified, String trustedBrowserToken, Instant trustedUntil,
                            int remainingRecoveryCodes, long version) {
    }

    @PostMapping("/verification")
    @RequiresRole(Role.PORTAL)
    VerifiedResponse verify(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                            @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                            @Valid @RequestBody VerifyCodeRequest request) {
        VerificationResult result = commands.sendAndWait(new VerifyTotpCodeCommand(
                new UserSecurityId(organizationId, userId), request.code(), Boolean.TRUE.equals(request.rememberBrowser()),
                request.browserLabel()));
        return verifiedOrRefused(result);
    }

    @PostMapping("/recovery-code-verification")
    @RequiresRole(Role.PORTAL)
    VerifiedResponse verifyRecoveryCode(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                                        @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                                        @Valid @RequestBody VerifyRecoveryCodeRequest request) {
        VerificationResult result = commands.sendAndWait(new ConsumeRecoveryCodeCommand(
                new UserSecurityId(organizationId, userId), request.recoveryCode(), Boolean.TRUE.equals(request.rememberBrowser()),
                request.browserLabel()));
        return verifiedOrRefused(result);
    }

    @DeleteMapping
    @RequiresRole(Role.PORTAL)
    ResponseEntity<Void> disable(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                                 @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                                 @Valid @RequestBody DisableRequest request) {
        VerifiedResponse disabled = verifiedOrRefused(commands.sendAndWait(new DisableTwoFactorCommand(
                new UserSecurityId(organizationId, userId), request.code())));
        return ResponseEntity.noContent().header(VERSION_HEADER, Long.toString(disabled.version())).build();
    }

    @DeleteMapping("/trusted-browsers")
    @RequiresRole(value = {Role.PORTAL, Role.ADMIN}, actorRequiredFor = Role.ADMIN)
    ResponseEntity<Void> revokeTrustedBrowsers(
            @PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
            @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId) {
        CommandAccepted accepted = commands.sendAndWait(
                new RevokeTrustedBrowsersCommand(new UserSecurityId(organizationId, userId)));
        return ResponseEntity.noContent().header(VERSION_HEADER, Long.toString(accepted.version())).build();
    }

    private VerifiedResponse verifiedOrRefused(VerificationResult result) {
        if (!result.verified()) {
            throw refusals.of(result);
        }
        return new VerifiedResponse(true, result.trustedBrowserToken(), result.trustedUntil(),
                result.remainingRecoveryCodes(), result.version());
    }
}
