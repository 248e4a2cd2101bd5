package com.twofactor.command.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tunable numbers of the second-factor rules (design §3). The defaults are the design's; change them
 * only on purpose.
 *
 * @param enrollmentValidity     how long a started enrollment can be confirmed
 * @param trustedBrowserValidity how long a trusted-browser token is accepted
 * @param failuresPerLockOut     consecutive failed codes that lock verification
 * @param firstLockOut           the first lock-out; each further one in a row doubles it
 * @param longestLockOut         the cap of the doubling
 * @param failuresBeforeAdminUnlock consecutive failures after which only an admin can unlock (NIST SP 800-63B: at most 100)
 * @param resetApprovalValidity  how long an approved recovery reset allows regenerating codes
 * @param maxTrustedBrowsers     trusted browsers per user; trusting one more revokes the oldest
 */
@ConfigurationProperties("twofactor.second-factor")
public record SecondFactorSettings(
        @DefaultValue("15m") Duration enrollmentValidity,
        @DefaultValue("30d") Duration trustedBrowserValidity,
        @DefaultValue("5") int failuresPerLockOut,
        @DefaultValue("5m") Duration firstLockOut,
        @DefaultValue("1h") Duration longestLockOut,
        @DefaultValue("100") int failuresBeforeAdminUnlock,
        @DefaultValue("7d") Duration resetApprovalValidity,
        @DefaultValue("10") int maxTrustedBrowsers) {

    public SecondFactorSettings {
        requirePositive(enrollmentValidity, "enrollment-validity");
        requirePositive(trustedBrowserValidity, "trusted-browser-validity");
        requirePositive(firstLockOut, "first-lock-out");
        requirePositive(resetApprovalValidity, "reset-approval-validity");
        if (maxTrustedBrowsers < 1) {
            throw new IllegalArgumentException("twofactor.second-factor.max-trusted-browsers must be at least 1");
        }
        if (longestLockOut.compareTo(firstLockOut) < 0) {
            throw new IllegalArgumentException("twofactor.second-factor.longest-lock-out must not be shorter than first-lock-out");
        }
        if (failuresPerLockOut < 1 || failuresBeforeAdminUnlock < failuresPerLockOut || failuresBeforeAdminUnlock > 100) {
            throw new IllegalArgumentException("twofactor.second-factor: failures-per-lock-out must be at least 1 and"
                    + " failures-before-admin-unlock between it and 100 (NIST SP 800-63B)");
        }
    }

    public static SecondFactorSettings defaults() {
        return new SecondFactorSettings(Duration.ofMinutes(15), Duration.ofDays(30), 5, Duration.ofMinutes(5),
                Duration.ofHours(1), 100, Duration.ofDays(7), 10);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("twofactor.second-factor." + name + " must be a positive duration");
        }
    }

    /** How long the {@code lockOutNumber}-th lock-out in a row lasts. */
    Duration lockOutDuration(int lockOutNumber) {
        Duration duration = firstLockOut;
        for (int i = 1; i < lockOutNumber && duration.compareTo(longestLockOut) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(longestLockOut) > 0 ? longestLockOut : duration;
    }
}
