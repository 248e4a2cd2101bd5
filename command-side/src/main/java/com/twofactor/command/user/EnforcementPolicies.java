package com.twofactor.command.user;

import com.twofactor.api.Portal;

/**
 * Whether an organization enforces 2FA on a portal, as the command side knows it now. The user aggregate
 * asks it before letting a user disable 2FA; the policy aggregate answers.
 */
public interface EnforcementPolicies {

    boolean enforces(String organizationId, Portal portal);
}
