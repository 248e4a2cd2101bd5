package com.twofactor.command.user;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.user.VerificationResult;

/**
 * Turns a refused second-factor check — already recorded by the aggregate — into the problem the caller gets:
 * 422 for a wrong or replayed code, 423 with {@code Retry-After} and {@code lockedUntil} while locked out,
 * always with the user's new {@code version}.
 */
@Component
class SecondFactorRefusals {

    private final Clock clock;

    SecondFactorRefusals(Clock clock) {
        this.clock = clock;
    }

    DomainException of(VerificationResult result) {
        ErrorCode reason = result.rejection();
        DomainException refusal = new DomainException(reason, switch (reason) {
            case LOCKED_OUT -> result.lockedUntil() == null
                    ? "Too many failed codes: an admin must unlock second-factor verification"
                    : "Too many failed codes: second-factor verification is locked for now";
            case CODE_ALREADY_USED -> "This code was already used; wait for the next one";
            case INVALID_RECOVERY_CODE -> "The recovery code is not valid or was already used";
            default -> "The code is not valid";
        }).with("version", result.version());
        if (reason == ErrorCode.LOCKED_OUT) {
            refusal.with("lockedUntil", result.lockedUntil());
            if (result.lockedUntil() != null) {
                long seconds = Math.max(1, Duration.between(clock.instant(), result.lockedUntil()).toSeconds() + 1);
                refusal.with(DomainException.RETRY_AFTER_SECONDS, seconds);
            }
        }
        return refusal;
    }
}
