package com.twofactor.api.user;

import java.time.Instant;

/**
 * The user passed the second factor with a recovery code, which can never be used again.
 *
 * @param batchId    the set the code belongs to
 * @param codeNumber which code of that set (1-based); never the code
 * @param remainingRecoveryCodes unused codes left
 */
public record RecoveryCodeConsumed(
        UserSecurityId user, String batchId, int codeNumber, int remainingRecoveryCodes, Instant consumedAt) {
}
