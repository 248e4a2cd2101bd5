package com.twofactor.api.policy;

import java.time.Instant;

import com.twofactor.api.Portal;

/** Enforcement of 2FA for form logins on a portal changed, by the named admin. */
public record TwoFactorEnforcementChanged(
        String organizationId, Portal portal, boolean enforced, String changedBy, Instant changedAt) {
}
