package com.twofactor.api.query;

/**
 * Recovery reset requests of an organization, oldest first. Answered with {@link RecoveryResetRequestPage}.
 *
 * @param status only requests in this status, or null for all
 * @param page   0-based page number
 * @param size   page size, 1 to 200
 */
public record FindRecoveryResetRequestsQuery(String organizationId, RecoveryResetStatus status, int page, int size) {
}
