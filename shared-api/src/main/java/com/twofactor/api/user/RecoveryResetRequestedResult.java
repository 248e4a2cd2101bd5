package com.twofactor.api.user;

/** The answer to {@link RequestRecoveryResetCommand}: the new request's id, pending an admin's decision. */
public record RecoveryResetRequestedResult(String requestId, long version) {
}
