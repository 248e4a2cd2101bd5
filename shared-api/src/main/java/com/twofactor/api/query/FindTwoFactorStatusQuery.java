package com.twofactor.api.query;

import com.twofactor.api.user.UserSecurityId;

/**
 * A user's 2FA status, for the user's own settings page and for admins. Answered with {@link TwoFactorStatusView}.
 *
 * @param minVersion wait until the read model reflects at least this version, or null
 */
public record FindTwoFactorStatusQuery(UserSecurityId user, Long minVersion) {
}
