package com.twofactor.query.status;

import java.time.Instant;

import com.twofactor.api.query.TrustedBrowserView;

/** A browser the user trusts, inside the user's status document; the token only as its SHA-256. */
record TrustedBrowserDocument(String browserId, String label, String tokenHash, Instant trustedAt, Instant trustedUntil) {

    boolean isValidAt(Instant now) {
        return trustedUntil != null && trustedUntil.isAfter(now);
    }

    TrustedBrowserView toView() {
        return new TrustedBrowserView(browserId, label, trustedAt, trustedUntil);
    }
}
