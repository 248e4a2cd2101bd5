package com.twofactor.api.query;

/**
 * Whether 2FA is enforced for form logins on each portal of an organization (neither, by default).
 *
 * @param version the policy's version (0 when never changed)
 */
public record TwoFactorPolicyView(String organizationId, boolean agentEnforced, boolean customerEnforced,
                                  long version) {
}
