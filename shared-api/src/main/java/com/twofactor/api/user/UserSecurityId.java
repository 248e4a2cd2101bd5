package com.twofactor.api.user;

import com.twofactor.api.Identifiers;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Identifies one user's second-factor security state: a user is unique within an organization.
 *
 * <p>{@link #toString()} is {@code organizationId + ":" + userId}; it is the aggregate identifier and is
 * also bound into the encryption of the user's TOTP secret, so it must stay stable.
 */
public record UserSecurityId(
        @NotNull @Pattern(regexp = Identifiers.PATTERN) String organizationId,
        @NotNull @Pattern(regexp = Identifiers.PATTERN) String userId) {

    @Override
    public String toString() {
        return organizationId + ":" + userId;
    }
}
