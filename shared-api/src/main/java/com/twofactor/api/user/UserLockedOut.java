package com.twofactor.api.user;

import java.time.Instant;

/**
 * Too many failed codes in a row: second-factor verification is locked.
 *
 * @param lockedUntil  when it unlocks by itself; null when only an admin can unlock (after 100 failures in a row)
 * @param lockOutCount lock-outs in a row, this one included (each doubles the duration, up to one hour)
 */
public record UserLockedOut(UserSecurityId user, Instant lockedAt, Instant lockedUntil, int lockOutCount) {
}
