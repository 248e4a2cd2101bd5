package com.twofactor.platform.security;

/** What an API key may do; each endpoint names the roles it accepts with {@link RequiresRole}. */
public enum Role {
    /** A portal backend (agent portal, customer portal): enrollment, verification, login checks. */
    PORTAL,
    /** Admins: policies, pending approvals, resets and unlocks. */
    ADMIN,
    /** Auditors: the event history. */
    AUDITOR
}
