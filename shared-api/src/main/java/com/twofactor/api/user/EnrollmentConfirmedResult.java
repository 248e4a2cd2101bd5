package com.twofactor.api.user;

import java.time.Instant;
import java.util.List;

/**
 * The answer to {@link ConfirmEnrollmentCommand}. The recovery codes are shown this once and never again.
 */
public record EnrollmentConfirmedResult(List<String> recoveryCodes, Instant enabledAt, long version) {
}
