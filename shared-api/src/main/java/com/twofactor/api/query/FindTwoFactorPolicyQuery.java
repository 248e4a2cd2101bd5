package com.twofactor.api.query;

/**
 * An organization's enforcement per portal. Answered with {@link TwoFactorPolicyView}.
 *
 * @param minVersion wait until the read model reflects at least this policy version, or null
 */
public record FindTwoFactorPolicyQuery(String organizationId, Long minVersion) {
}
