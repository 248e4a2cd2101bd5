package com.twofactor.query.processing;

import java.util.List;

/**
 * The query side's processing groups: one per read model, so each has its own tracking processor and token
 * and can be reset and replayed without touching the others.
 */
public final class ProcessingGroups {

    /** {@code user_two_factor_status}: a user's 2FA status, the source of every login check. */
    public static final String USER_TWO_FACTOR_STATUS = "user-two-factor-status";
    /** {@code two_factor_policies}: enforcement per organization and portal. */
    public static final String TWO_FACTOR_POLICIES = "two-factor-policies";
    /** {@code recovery_reset_requests}: the admins' approval list. */
    public static final String RECOVERY_RESET_REQUESTS = "recovery-reset-requests";
    /** {@code audit_events}: one entry per event of every aggregate, for auditors. */
    public static final String AUDIT_EVENTS = "audit-events";

    /** Every projection's group, in the order they are listed and rebuilt. */
    public static final List<String> ALL =
            List.of(USER_TWO_FACTOR_STATUS, TWO_FACTOR_POLICIES, RECOVERY_RESET_REQUESTS, AUDIT_EVENTS);

    private ProcessingGroups() {
    }
}
