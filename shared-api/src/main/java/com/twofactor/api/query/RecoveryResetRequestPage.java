package com.twofactor.api.query;

import java.util.List;

/** One page of {@link FindRecoveryResetRequestsQuery}. */
public record RecoveryResetRequestPage(List<RecoveryResetRequestView> items, int page, int size, long totalItems) {
}
