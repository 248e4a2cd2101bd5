package com.twofactor.api.user;

import java.util.List;

/** The answer to {@link RegenerateRecoveryCodesCommand}. The codes are shown this once and never again. */
public record RecoveryCodesRegeneratedResult(List<String> recoveryCodes, long version) {
}
