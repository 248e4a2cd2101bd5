package com.twofactor.query.testsupport;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import com.twofactor.api.Portal;
import com.twofactor.api.user.EncryptedSecret;
import com.twofactor.api.user.RecoveryCodeHash;
import com.twofactor.api.user.RecoveryCodesIssued;
import com.twofactor.api.user.TwoFactorEnabled;
import com.twofactor.api.user.TwoFactorEnrollmentStarted;
import com.twofactor.api.user.UserSecurityId;

/** Events as the command side would publish them, with only what a projection reads filled in meaningfully. */
public final class Events {

    private Events() {
    }

    public static TwoFactorEnrollmentStarted enrollmentStarted(UserSecurityId user, Portal portal, Instant at) {
        return new TwoFactorEnrollmentStarted(user, portal, new EncryptedSecret("k1", "bm9uY2U=", "Y2lwaGVy"), at,
                at.plusSeconds(900));
    }

    public static TwoFactorEnabled enabled(UserSecurityId user, Portal portal, Instant at) {
        return new TwoFactorEnabled(user, portal, at, at.getEpochSecond() / 30);
    }

    public static RecoveryCodesIssued recoveryCodesIssued(UserSecurityId user, String batchId, Instant at) {
        List<RecoveryCodeHash> codes = IntStream.rangeClosed(1, 10)
                .mapToObj(number -> new RecoveryCodeHash("lookup-" + number, "c2FsdA==", "aGFzaA=="))
                .toList();
        return new RecoveryCodesIssued(user, batchId, codes, "k1", "pbkdf2-sha256:60000", at);
    }
}
