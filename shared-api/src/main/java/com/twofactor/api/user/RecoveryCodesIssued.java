package com.twofactor.api.user;

import java.time.Instant;
import java.util.List;

/**
 * A new set of recovery codes replaced every older one. Only salted key-derivation hashes are kept.
 *
 * @param batchId     identifies this set
 * @param codes       one stored hash per code, in issue order (a code's number is its index + 1)
 * @param lookupKeyId the key whose derived lookup key computed the codes' lookup ids
 * @param algorithm   the key-derivation function and its cost, e.g. {@code pbkdf2-sha256:60000}
 */
public record RecoveryCodesIssued(
        UserSecurityId user, String batchId, List<RecoveryCodeHash> codes, String lookupKeyId, String algorithm,
        Instant issuedAt) {
}
