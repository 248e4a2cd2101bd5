package com.twofactor.api.query;

import com.twofactor.api.LoginMethod;
import com.twofactor.api.Portal;
import com.twofactor.api.user.UserSecurityId;

/**
 * Does this login need a second factor? Answered with {@link LoginDecisionView}. Fails closed: when the
 * read model cannot be read, or is not yet at {@code minVersion}, the query fails rather than guess.
 *
 * @param trustedBrowserTokenHash SHA-256 of the presented trusted-browser token
 *                                ({@link com.twofactor.api.user.TrustedBrowserTokens#hash}), or null
 * @param minVersion              wait until the user's read model reflects at least this version, or null
 */
public record FindLoginDecisionQuery(
        UserSecurityId user, Portal portal, LoginMethod loginMethod, String trustedBrowserTokenHash,
        Long minVersion) {
}
