package com.twofactor.api.user;

/** The ways a user can pass the second factor. */
public enum SecondFactorMethod {
    /** A 6-digit time-based code from an authenticator app (RFC 6238). */
    TOTP,
    /** A one-time recovery code, for when the authenticator is unavailable. */
    RECOVERY_CODE
}
