package com.twofactor.api.user;

import java.time.Instant;

/** An admin lifted a lock-out; the failure count starts again at zero. */
public record SecondFactorUnlocked(UserSecurityId user, String unlockedBy, Instant unlockedAt) {
}
