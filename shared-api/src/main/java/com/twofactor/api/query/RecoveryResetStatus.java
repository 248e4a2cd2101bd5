package com.twofactor.api.query;

/** Where a recovery reset request stands. */
public enum RecoveryResetStatus {
    PENDING,
    APPROVED,
    REJECTED,
    /** Closed without a decision because an admin reset the user's 2FA. */
    CLOSED
}
