package com.twofactor.command.user;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.twofactor.api.Identifiers;
import com.twofactor.api.Portal;
import com.twofactor.api.user.ConfirmEnrollmentCommand;
import com.twofactor.api.user.EnableTwoFactorCommand;
import com.twofactor.api.user.EnrollmentConfirmedResult;
import com.twofactor.api.user.EnrollmentStartedResult;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.command.crypto.OtpAuthUri;
import com.twofactor.command.crypto.QrCodes;
import com.twofactor.platform.security.RequiresRole;
import com.twofactor.platform.security.Role;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Enrollment, for portal backends: start (secret, Key URI, QR code) and confirm with a first code. */
@RestController
@Validated
@RequestMapping("/api/v1/organizations/{organizationId}/users/{userId}/two-factor/enrollment")
class EnrollmentController {

    private final CommandGateway commands;
    private final String issuer;

    EnrollmentController(CommandGateway commands, @Value("${twofactor.totp.issuer:TwoFactor}") String issuer) {
        this.commands = commands;
        this.issuer = issuer;
    }

    record StartEnrollmentRequest(@NotNull Portal portal,
                                  @NotBlank @Size(max = 128) @Pattern(regexp = "[^:\\p{Cntrl}]+", message = "must not contain ':' or control characters")
                                  String accountName) {
    }

    record EnrollmentStartedResponse(String secret, String otpauthUri, String qrCodePng, Instant expiresAt,
                                     long version) {
    }

    record ConfirmEnrollmentRequest(@NotNull @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String code) {
    }

    record EnrollmentConfirmedResponse(List<String> recoveryCodes, Instant enabledAt, long version) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresRole(Role.PORTAL)
    EnrollmentStartedResponse start(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                                    @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                                    @Valid @RequestBody StartEnrollmentRequest request) {
        EnrollmentStartedResult result = commands.sendAndWait(new EnableTwoFactorCommand(
                new UserSecurityId(organizationId, userId), request.portal(), request.accountName()));
        String otpauthUri = OtpAuthUri.totp(issuer, request.accountName(), result.secret());
        String qrCodePng = Base64.getEncoder().encodeToString(QrCodes.png(otpauthUri));
        return new EnrollmentStartedResponse(result.secret(), otpauthUri, qrCodePng, result.expiresAt(),
                result.version());
    }

    @PostMapping("/confirmation")
    @RequiresRole(Role.PORTAL)
    EnrollmentConfirmedResponse confirm(@PathVariable @Pattern(regexp = Identifiers.PATTERN) String organizationId,
                                        @PathVariable @Pattern(regexp = Identifiers.PATTERN) String userId,
                                        @Valid @RequestBody ConfirmEnrollmentRequest request) {
        EnrollmentConfirmedResult result = commands.sendAndWait(new ConfirmEnrollmentCommand(
                new UserSecurityId(organizationId, userId), request.code()));
        return new EnrollmentConfirmedResponse(result.recoveryCodes(), result.enabledAt(), result.version());
    }
}
