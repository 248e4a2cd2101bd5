package com.twofactor.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.twofactor.api.CommandAccepted;
import com.twofactor.api.Portal;
import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.user.ApproveRecoveryResetCommand;
import com.twofactor.api.user.BrowserTrusted;
import com.twofactor.api.user.ConfirmEnrollmentCommand;
import com.twofactor.api.user.ConsumeRecoveryCodeCommand;
import com.twofactor.api.user.DisableTwoFactorCommand;
import com.twofactor.api.user.EnableTwoFactorCommand;
import com.twofactor.api.user.EncryptedSecret;
import com.twofactor.api.user.EnrollmentConfirmedResult;
import com.twofactor.api.user.EnrollmentStartedResult;
import com.twofactor.api.user.RecoveryCodeConsumed;
import com.twofactor.api.user.RecoveryCodeHash;
import com.twofactor.api.user.RecoveryCodesIssued;
import com.twofactor.api.user.RecoveryCodesRegeneratedResult;
import com.twofactor.api.user.RecoveryResetApproved;
import com.twofactor.api.user.RecoveryResetRejected;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.RecoveryResetRequestedResult;
import com.twofactor.api.user.RegenerateRecoveryCodesCommand;
import com.twofactor.api.user.RejectRecoveryResetCommand;
import com.twofactor.api.user.RequestRecoveryResetCommand;
import com.twofactor.api.user.ResetTwoFactorCommand;
import com.twofactor.api.user.RevokeTrustedBrowsersCommand;
import com.twofactor.api.user.SecondFactorMethod;
import com.twofactor.api.user.SecondFactorRejected;
import com.twofactor.api.user.SecondFactorUnlocked;
import com.twofactor.api.user.SecondFactorVerified;
import com.twofactor.api.user.TrustedBrowserTokens;
import com.twofactor.api.user.TrustedBrowsersRevoked;
import com.twofactor.api.user.TwoFactorDisabled;
import com.twofactor.api.user.TwoFactorEnabled;
import com.twofactor.api.user.TwoFactorEnrollmentStarted;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.api.user.UnlockSecondFactorCommand;
import com.twofactor.api.user.UserLockedOut;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.api.user.VerificationResult;
import com.twofactor.api.user.VerifyTotpCodeCommand;
import com.twofactor.command.crypto.IssuedRecoveryCodes;
import com.twofactor.command.crypto.RecoveryCodes;
import com.twofactor.command.crypto.SecretCipher;
import com.twofactor.command.crypto.Totp;

/**
 * One user's second factor: every rule of design §3 that concerns a single user is decided here, before
 * anything is applied. Holds only what those decisions need — never a secret in clear, never a code.
 *
 * <p>Every command may reach a user with no history yet ({@code CREATE_IF_MISSING}), so each handler
 * decides itself what a user who never enrolled gets; a handler that refuses throws and nothing is stored.
 * Wrong codes are not refusals but facts: they are applied as {@link SecondFactorRejected} and answered
 * with a {@link VerificationResult}, because a handler that throws would roll the rejection back.
 *
 * <p>Snapshots (a user's history grows with every login) are this object's fields as JSON.
 */
@Aggregate(cache = "userSecurityCache", snapshotTriggerDefinition = "userSecuritySnapshotTrigger")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class UserSecurity {

    enum Status { NOT_ENROLLED, PENDING, ACTIVE }

    @AggregateIdentifier
    private UserSecurityId id;
    private Status status = Status.NOT_ENROLLED;
    private Portal portal;

    private EncryptedSecret pendingSecret;
    private Instant pendingExpiresAt;
    private EncryptedSecret activeSecret;
    private long lastAcceptedTimeStep = Long.MIN_VALUE;

    private String recoveryBatchId;
    private List<RecoveryCodeHash> recoveryCodes = List.of();
    private Set<Integer> usedRecoveryCodeNumbers = new HashSet<>();
    private String recoveryLookupKeyId;
    private String recoveryAlgorithm;

    private int consecutiveFailures;
    private boolean locked;
    private Instant lockedUntil;

    private Map<String, Instant> trustedBrowsers = new LinkedHashMap<>();

    private String pendingResetRequestId;
    private boolean regenerationAllowed;
    private Instant resetApprovedAt;

    protected UserSecurity() {
        // for Axon: event sourcing and CREATE_IF_MISSING
    }

    // ---- enrollment

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    EnrollmentStartedResult handle(EnableTwoFactorCommand command, Clock clock, Totp totp, SecretCipher cipher,
                                   SecondFactorSettings settings) {
        if (status == Status.ACTIVE) {
            throw new DomainException(ErrorCode.TWO_FACTOR_ALREADY_ENABLED,
                    "Two-factor authentication is already active; disable it before enrolling again");
        }
        Instant now = clock.instant();
        String secret = totp.newSecret();
        Instant expiresAt = now.plus(settings.enrollmentValidity());
        apply(new TwoFactorEnrollmentStarted(command.user(), command.portal(), cipher.encrypt(secret, command.user()),
                now, expiresAt));
        return new EnrollmentStartedResult(secret, expiresAt, version());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    EnrollmentConfirmedResult handle(ConfirmEnrollmentCommand command, Clock clock, Totp totp, SecretCipher cipher,
                                     RecoveryCodes recoveryCodeFactory, TokenGenerator tokens) {
        if (status == Status.ACTIVE) {
            throw new DomainException(ErrorCode.TWO_FACTOR_ALREADY_ENABLED, "Two-factor authentication is already active");
        }
        if (status != Status.PENDING) {
            throw new DomainException(ErrorCode.ENROLLMENT_NOT_STARTED, "No enrollment is pending for this user");
        }
        Instant now = clock.instant();
        if (now.isAfter(pendingExpiresAt)) {
            throw new DomainException(ErrorCode.ENROLLMENT_EXPIRED, "The enrollment expired; start it again");
        }
        OptionalLong step = totp.matchingStep(cipher.decrypt(pendingSecret, id), command.code(), now);
        ErrorCode refusal = totpRefusal(step);
        if (refusal != null) {
            throw new DomainException(refusal, refusal == ErrorCode.INVALID_CODE
                    ? "The code does not match the new secret"
                    : "This code was already used; wait for the next one");
        }
        apply(new TwoFactorEnabled(id, portal, now, step.getAsLong()));
        IssuedRecoveryCodes issued = issueRecoveryCodes(recoveryCodeFactory, tokens, now);
        return new EnrollmentConfirmedResult(issued.plainCodes(), now, version());
    }

    // ---- login

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    VerificationResult handle(VerifyTotpCodeCommand command, Clock clock, Totp totp, SecretCipher cipher,
                              SecondFactorSettings settings, TokenGenerator tokens) {
        requireActive();
        Instant now = clock.instant();
        if (isLocked(now)) {
            return lockedOut();
        }
        OptionalLong step = totp.matchingStep(cipher.decrypt(activeSecret, id), command.code(), now);
        ErrorCode refusal = totpRefusal(step);
        if (refusal != null) {
            return reject(SecondFactorMethod.TOTP, refusal, now, settings);
        }
        apply(new SecondFactorVerified(id, SecondFactorMethod.TOTP, step.getAsLong(), now));
        return verified(command.rememberBrowser(), command.browserLabel(), now, settings, tokens);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    VerificationResult handle(ConsumeRecoveryCodeCommand command, Clock clock, RecoveryCodes recoveryCodeFactory,
                              SecondFactorSettings settings, TokenGenerator tokens) {
        requireActive();
        Instant now = clock.instant();
        if (isLocked(now)) {
            return lockedOut();
        }
        OptionalInt index = recoveryCodeFactory.find(command.recoveryCode(), recoveryCodes, recoveryLookupKeyId,
                recoveryAlgorithm);
        if (index.isEmpty() || usedRecoveryCodeNumbers.contains(index.getAsInt() + 1)) {
            return reject(SecondFactorMethod.RECOVERY_CODE, ErrorCode.INVALID_RECOVERY_CODE, now, settings);
        }
        apply(new RecoveryCodeConsumed(id, recoveryBatchId, index.getAsInt() + 1, remainingRecoveryCodes() - 1, now));
        return verified(command.rememberBrowser(), command.browserLabel(), now, settings, tokens);
    }

    // ---- self-service

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    VerificationResult handle(DisableTwoFactorCommand command, Clock clock, Totp totp, SecretCipher cipher,
                              SecondFactorSettings settings, EnforcementPolicies policies) {
        requireActive();
        if (policies.enforces(id.organizationId(), portal)) {
            throw new DomainException(ErrorCode.ENFORCED_BY_POLICY,
                    "The organization enforces two-factor authentication on the " + portal + " portal");
        }
        Instant now = clock.instant();
        if (isLocked(now)) {
            return lockedOut();
        }
        OptionalLong step = totp.matchingStep(cipher.decrypt(activeSecret, id), command.code(), now);
        ErrorCode refusal = totpRefusal(step);
        if (refusal != null) {
            return reject(SecondFactorMethod.TOTP, refusal, now, settings);
        }
        apply(new TwoFactorDisabled(id, now));
        revokeTrustedBrowsers(now);
        return new VerificationResult(true, null, null, null, null, 0, version());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandAccepted handle(RevokeTrustedBrowsersCommand command, Clock clock) {
        requireHistory();
        revokeTrustedBrowsers(clock.instant());
        return new CommandAccepted(version());
    }

    // ---- recovery-code reset, approved by an admin

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RecoveryResetRequestedResult handle(RequestRecoveryResetCommand command, Clock clock, TokenGenerator tokens,
                                        SecondFactorSettings settings) {
        requireActive();
        if (pendingResetRequestId != null) {
            throw new DomainException(ErrorCode.RESET_REQUEST_ALREADY_PENDING,
                    "A recovery reset request is already waiting for an admin");
        }
        if (mayRegenerate(clock.instant(), settings)) {
            throw new DomainException(ErrorCode.RESET_REQUEST_ALREADY_PENDING,
                    "A recovery reset was already approved; regenerate the recovery codes");
        }
        String requestId = tokens.newId();
        apply(new RecoveryResetRequested(id, requestId, portal, command.reason(), clock.instant()));
        return new RecoveryResetRequestedResult(requestId, version());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandAccepted handle(ApproveRecoveryResetCommand command, Clock clock) {
        requirePendingRequest(command.requestId());
        apply(new RecoveryResetApproved(id, command.requestId(), command.approvedBy(), command.comment(),
                clock.instant()));
        return new CommandAccepted(version());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandAccepted handle(RejectRecoveryResetCommand command, Clock clock) {
        requirePendingRequest(command.requestId());
        apply(new RecoveryResetRejected(id, command.requestId(), command.rejectedBy(), command.reason(),
                clock.instant()));
        return new CommandAccepted(version());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RecoveryCodesRegeneratedResult handle(RegenerateRecoveryCodesCommand command, Clock clock, Totp totp,
                                          SecretCipher cipher, RecoveryCodes recoveryCodeFactory,
                                          SecondFactorSettings settings, TokenGenerator tokens) {
        requireActive();
        Instant now = clock.instant();
        if (!mayRegenerate(now, settings)) {
            throw new DomainException(ErrorCode.RESET_NOT_APPROVED, regenerationAllowed
                    ? "The approval of the recovery reset expired; ask for a new one"
                    : "New recovery codes need a reset request approved by an admin, and are issued once per approval");
        }
        if (isLocked(now)) {
            return new RecoveryCodesRegeneratedResult(List.of(), lockedOut(), version());
        }
        OptionalLong step = totp.matchingStep(cipher.decrypt(activeSecret, id), command.code(), now);
        ErrorCode refusal = totpRefusal(step);
        if (refusal != null) {
            VerificationResult rejected = reject(SecondFactorMethod.TOTP, refusal, now, settings);
            return new RecoveryCodesRegeneratedResult(List.of(), rejected, version());
        }
        apply(new SecondFactorVerified(id, SecondFactorMethod.TOTP, step.getAsLong(), now));
        IssuedRecoveryCodes issued = issueRecoveryCodes(recoveryCodeFactory, tokens, now);
        return new RecoveryCodesRegeneratedResult(issued.plainCodes(),
                verified(false, null, now, settings, tokens), version());
    }

    // ---- admin actions

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandAccepted handle(ResetTwoFactorCommand command, Clock clock) {
        if (status == Status.NOT_ENROLLED) {
            throw new DomainException(ErrorCode.TWO_FACTOR_NOT_ENABLED, "The user has no two-factor authentication to reset");
        }
        Instant now = clock.instant();
        apply(new TwoFactorReset(id, command.resetBy(), pendingResetRequestId, now));
        revokeTrustedBrowsers(now);
        return new CommandAccepted(version());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandAccepted handle(UnlockSecondFactorCommand command, Clock clock) {
        requireHistory();
        if (consecutiveFailures > 0 || locked) {
            apply(new SecondFactorUnlocked(id, command.unlockedBy(), clock.instant()));
        }
        return new CommandAccepted(version());
    }

    // ---- decisions shared by the handlers above

    private void requireHistory() {
        if (id == null) {
            throw new DomainException(ErrorCode.TWO_FACTOR_NOT_ENABLED, "The user never enrolled in two-factor authentication");
        }
    }

    private void requireActive() {
        if (status != Status.ACTIVE) {
            throw new DomainException(ErrorCode.TWO_FACTOR_NOT_ENABLED, "Two-factor authentication is not active for this user");
        }
    }

    private void requirePendingRequest(String requestId) {
        if (pendingResetRequestId == null || !pendingResetRequestId.equals(requestId)) {
            throw new DomainException(ErrorCode.RESET_REQUEST_NOT_PENDING,
                    "No pending recovery reset request with this id");
        }
    }

    /**
     * The TOTP replay rule: the code must match a step (current ±1, see {@link Totp}) later than the last one
     * accepted — the step of the confirming code included. Null when the code is acceptable.
     */
    private ErrorCode totpRefusal(OptionalLong step) {
        if (step.isEmpty()) {
            return ErrorCode.INVALID_CODE;
        }
        return step.getAsLong() <= lastAcceptedTimeStep ? ErrorCode.CODE_ALREADY_USED : null;
    }

    /** An approved reset allows one regeneration, for a limited time. */
    private boolean mayRegenerate(Instant now, SecondFactorSettings settings) {
        return regenerationAllowed && !now.isAfter(resetApprovedAt.plus(settings.resetApprovalValidity()));
    }

    private boolean isLocked(Instant now) {
        return locked && (lockedUntil == null || now.isBefore(lockedUntil));
    }

    private VerificationResult lockedOut() {
        return new VerificationResult(false, ErrorCode.LOCKED_OUT, lockedUntil, null, null, remainingRecoveryCodes(),
                version());
    }

    private VerificationResult reject(SecondFactorMethod method, ErrorCode reason, Instant now,
                                      SecondFactorSettings settings) {
        int failures = consecutiveFailures + 1;
        apply(new SecondFactorRejected(id, method, reason, failures, now));
        if (failures % settings.failuresPerLockOut() == 0 || failures >= settings.failuresBeforeAdminUnlock()) {
            int lockOutNumber = failures / settings.failuresPerLockOut();
            Instant until = failures >= settings.failuresBeforeAdminUnlock()
                    ? null
                    : now.plus(settings.lockOutDuration(lockOutNumber));
            apply(new UserLockedOut(id, now, until, lockOutNumber));
            return lockedOut();
        }
        return new VerificationResult(false, reason, null, null, null, remainingRecoveryCodes(), version());
    }

    private VerificationResult verified(boolean rememberBrowser, String browserLabel, Instant now,
                                        SecondFactorSettings settings, TokenGenerator tokens) {
        if (!rememberBrowser) {
            return new VerificationResult(true, null, null, null, null, remainingRecoveryCodes(), version());
        }
        List<String> stillTrusted = trustedBrowsers.entrySet().stream()
                .filter(browser -> browser.getValue().isAfter(now)).map(Map.Entry::getKey).toList();
        if (stillTrusted.size() >= settings.maxTrustedBrowsers()) {
            // Bounded per user: the oldest trusted browsers make room for the new one.
            apply(new TrustedBrowsersRevoked(id,
                    stillTrusted.subList(0, stillTrusted.size() - settings.maxTrustedBrowsers() + 1), now));
        }
        String token = tokens.newTrustedBrowserToken();
        Instant trustedUntil = now.plus(settings.trustedBrowserValidity());
        apply(new BrowserTrusted(id, tokens.newId(), browserLabel, TrustedBrowserTokens.hash(token), now, trustedUntil));
        return new VerificationResult(true, null, null, token, trustedUntil, remainingRecoveryCodes(), version());
    }

    private void revokeTrustedBrowsers(Instant now) {
        if (!trustedBrowsers.isEmpty()) {
            apply(new TrustedBrowsersRevoked(id, List.copyOf(trustedBrowsers.keySet()), now));
        }
    }

    private IssuedRecoveryCodes issueRecoveryCodes(RecoveryCodes factory, TokenGenerator tokens, Instant now) {
        IssuedRecoveryCodes issued = factory.issue();
        apply(new RecoveryCodesIssued(id, tokens.newId(), issued.hashes(),
                issued.lookupKeyId(), issued.algorithm(), now));
        return issued;
    }

    private int remainingRecoveryCodes() {
        return recoveryCodes.size() - usedRecoveryCodeNumbers.size();
    }

    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    // ---- event sourcing: state only

    @EventSourcingHandler
    void on(TwoFactorEnrollmentStarted event) {
        id = event.user();
        status = Status.PENDING;
        portal = event.portal();
        pendingSecret = event.secret();
        pendingExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(TwoFactorEnabled event) {
        status = Status.ACTIVE;
        activeSecret = pendingSecret;
        pendingSecret = null;
        pendingExpiresAt = null;
        lastAcceptedTimeStep = event.acceptedTimeStep();
    }

    @EventSourcingHandler
    void on(RecoveryCodesIssued event) {
        recoveryBatchId = event.batchId();
        recoveryCodes = List.copyOf(event.codes());
        usedRecoveryCodeNumbers = new HashSet<>();
        recoveryLookupKeyId = event.lookupKeyId();
        recoveryAlgorithm = event.algorithm();
        regenerationAllowed = false;
    }

    @EventSourcingHandler
    void on(SecondFactorVerified event) {
        if (event.acceptedTimeStep() != null) {
            lastAcceptedTimeStep = event.acceptedTimeStep();
        }
        clearFailures();
    }

    @EventSourcingHandler
    void on(RecoveryCodeConsumed event) {
        usedRecoveryCodeNumbers.add(event.codeNumber());
        clearFailures();
    }

    @EventSourcingHandler
    void on(SecondFactorRejected event) {
        consecutiveFailures = event.consecutiveFailures();
    }

    @EventSourcingHandler
    void on(UserLockedOut event) {
        locked = true;
        lockedUntil = event.lockedUntil();
    }

    @EventSourcingHandler
    void on(SecondFactorUnlocked event) {
        clearFailures();
    }

    @EventSourcingHandler
    void on(BrowserTrusted event) {
        // Expired tokens are worthless: forgetting them keeps the state (and its snapshots) from growing.
        trustedBrowsers.values().removeIf(until -> !until.isAfter(event.trustedAt()));
        trustedBrowsers.put(event.browserId(), event.trustedUntil());
    }

    @EventSourcingHandler
    void on(TrustedBrowsersRevoked event) {
        event.browserIds().forEach(trustedBrowsers::remove);
    }

    @EventSourcingHandler
    void on(TwoFactorDisabled event) {
        forgetSecondFactor();
    }

    @EventSourcingHandler
    void on(TwoFactorReset event) {
        forgetSecondFactor();
    }

    @EventSourcingHandler
    void on(RecoveryResetRequested event) {
        pendingResetRequestId = event.requestId();
    }

    @EventSourcingHandler
    void on(RecoveryResetApproved event) {
        pendingResetRequestId = null;
        regenerationAllowed = true;
        resetApprovedAt = event.approvedAt();
    }

    @EventSourcingHandler
    void on(RecoveryResetRejected event) {
        pendingResetRequestId = null;
    }

    private void clearFailures() {
        consecutiveFailures = 0;
        locked = false;
        lockedUntil = null;
    }

    private void forgetSecondFactor() {
        status = Status.NOT_ENROLLED;
        pendingSecret = null;
        pendingExpiresAt = null;
        activeSecret = null;
        // The replay rule is about codes of one secret; the next enrollment brings a new one.
        lastAcceptedTimeStep = Long.MIN_VALUE;
        recoveryBatchId = null;
        recoveryCodes = List.of();
        usedRecoveryCodeNumbers = new HashSet<>();
        pendingResetRequestId = null;
        regenerationAllowed = false;
        clearFailures();
    }
}
