package com.twofactor.api.query;

/** What a portal backend must do after the password, for one login. */
public enum LoginDecision {
    /** Let the user in: no second factor is due (SSO or social login, 2FA off, or a trusted browser). */
    NOT_REQUIRED,
    /** Ask for a TOTP code or a recovery code. */
    CHALLENGE,
    /** Second-factor verification is locked; refuse the login for now. */
    LOCKED,
    /** The portal enforces 2FA and the user has none: send the user through enrollment first. */
    ENROLLMENT_REQUIRED
}
