package com.twofactor.api.query;

import java.time.Instant;
import java.util.List;

import com.twofactor.api.user.SecondFactorMethod;

/**
 * The answer to {@link FindLoginDecisionQuery}.
 *
 * @param methods                the ways the user may answer a {@link LoginDecision#CHALLENGE}; empty otherwise
 * @param lockedUntil            with {@link LoginDecision#LOCKED}: when it unlocks by itself (null: admin only)
 * @param remainingRecoveryCodes unused recovery codes, when 2FA is active
 * @param version                the user's read-model version the decision was made on (0: no 2FA history)
 */
public record LoginDecisionView(
        LoginDecision decision, List<SecondFactorMethod> methods, Instant lockedUntil,
        Integer remainingRecoveryCodes, long version) {
}
