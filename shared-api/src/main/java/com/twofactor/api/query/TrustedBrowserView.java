package com.twofactor.api.query;

import java.time.Instant;

/** A browser the user chose to trust, as listed to the user: never its token. */
public record TrustedBrowserView(String browserId, String label, Instant trustedAt, Instant trustedUntil) {
}
