package com.twofactor.api.query;

/** Where a user stands with 2FA. */
public enum TwoFactorStatus {
    NOT_ENROLLED,
    /** Enrollment started, not yet confirmed with a code. */
    PENDING,
    ACTIVE
}
