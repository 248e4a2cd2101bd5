package com.twofactor.api.query;

import java.util.Arrays;
import java.util.Optional;

import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.api.user.BrowserTrusted;
import com.twofactor.api.user.RecoveryCodeConsumed;
import com.twofactor.api.user.RecoveryCodesIssued;
import com.twofactor.api.user.RecoveryResetApproved;
import com.twofactor.api.user.RecoveryResetRejected;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.SecondFactorRejected;
import com.twofactor.api.user.SecondFactorUnlocked;
import com.twofactor.api.user.SecondFactorVerified;
import com.twofactor.api.user.TrustedBrowsersRevoked;
import com.twofactor.api.user.TwoFactorDisabled;
import com.twofactor.api.user.TwoFactorEnabled;
import com.twofactor.api.user.TwoFactorEnrollmentStarted;
import com.twofactor.api.user.TwoFactorReset;
import com.twofactor.api.user.UserLockedOut;

/**
 * The audit trail's name for each event: the one mapping from event classes to the {@code type} auditors see
 * and filter by. Names are {@code subject.what_happened} in lower case; they are part of the contract: never
 * rename one, add new ones instead.
 */
public enum AuditEventType {

    /** A user started (or restarted) enrollment. */
    ENROLLMENT_STARTED("two_factor.enrollment_started", TwoFactorEnrollmentStarted.class),
    /** A user confirmed enrollment with a valid code: 2FA is active. */
    ENABLED("two_factor.enabled", TwoFactorEnabled.class),
    /** A user turned 2FA off with a current code. */
    DISABLED("two_factor.disabled", TwoFactorDisabled.class),
    /** An admin removed a user's 2FA (lost device). */
    RESET("two_factor.reset", TwoFactorReset.class),
    /** A new set of recovery codes replaced every older one. */
    RECOVERY_CODES_ISSUED("recovery_codes.issued", RecoveryCodesIssued.class),
    /** A recovery code was used to pass the second factor. */
    RECOVERY_CODE_CONSUMED("recovery_code.consumed", RecoveryCodeConsumed.class),
    /** A user passed the second factor. */
    SECOND_FACTOR_VERIFIED("second_factor.verified", SecondFactorVerified.class),
    /** A presented code was refused. */
    SECOND_FACTOR_REJECTED("second_factor.rejected", SecondFactorRejected.class),
    /** Too many failed codes in a row locked second-factor verification. */
    LOCKED_OUT("second_factor.locked_out", UserLockedOut.class),
    /** An admin lifted a lock-out. */
    UNLOCKED("second_factor.unlocked", SecondFactorUnlocked.class),
    /** A browser was trusted for 30 days after a successful verification. */
    BROWSER_TRUSTED("trusted_browser.trusted", BrowserTrusted.class),
    /** Trusted browsers were revoked (by the user, or with a disable or reset). */
    TRUSTED_BROWSERS_REVOKED("trusted_browsers.revoked", TrustedBrowsersRevoked.class),
    /** A user asked for new recovery codes. */
    RECOVERY_RESET_REQUESTED("recovery_reset.requested", RecoveryResetRequested.class),
    /** An admin approved a recovery reset request. */
    RECOVERY_RESET_APPROVED("recovery_reset.approved", RecoveryResetApproved.class),
    /** An admin rejected a recovery reset request. */
    RECOVERY_RESET_REJECTED("recovery_reset.rejected", RecoveryResetRejected.class),
    /** An admin turned enforcement of 2FA on a portal on or off. */
    ENFORCEMENT_CHANGED("policy.enforcement_changed", TwoFactorEnforcementChanged.class);

    private final String typeName;
    private final Class<?> eventClass;

    AuditEventType(String typeName, Class<?> eventClass) {
        this.typeName = typeName;
        this.eventClass = eventClass;
    }

    /** The stable name in audit entries, e.g. {@code two_factor.enabled}. */
    public String typeName() {
        return typeName;
    }

    /** The event this type names. */
    public Class<?> eventClass() {
        return eventClass;
    }

    /** The type of an event class, or empty when the class is not an audited event. */
    public static Optional<AuditEventType> of(Class<?> eventClass) {
        return Arrays.stream(values()).filter(type -> type.eventClass.equals(eventClass)).findFirst();
    }

    /** The type with this stable name (or enum constant name), or empty when there is none. */
    public static Optional<AuditEventType> fromName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.typeName.equals(name) || type.name().equals(name))
                .findFirst();
    }
}
