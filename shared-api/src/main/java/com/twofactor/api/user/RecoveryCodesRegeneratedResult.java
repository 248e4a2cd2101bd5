package com.twofactor.api.user;

import java.util.List;

/**
 * The answer to {@link RegenerateRecoveryCodesCommand}. The codes are shown this once and never again.
 *
 * @param recoveryCodes the new codes; empty when the TOTP code was refused
 * @param verification  the check of the TOTP code that authorised it (refusal, lock-out)
 * @param version       the aggregate's version after the command
 */
public record RecoveryCodesRegeneratedResult(List<String> recoveryCodes, VerificationResult verification,
                                             long version) {
}
