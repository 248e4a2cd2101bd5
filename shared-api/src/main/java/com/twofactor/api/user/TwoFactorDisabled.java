package com.twofactor.api.user;

import java.time.Instant;

/** The user turned 2FA off with a current code. Secret and recovery codes are forgotten. */
public record TwoFactorDisabled(UserSecurityId user, Instant disabledAt) {
}
