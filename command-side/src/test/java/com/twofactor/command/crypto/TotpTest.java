package com.twofactor.command.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    private static final byte[] RFC_6238_SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private final Totp totp = new Totp();
    private final String secret = totp.newSecret();
    private final Instant now = Instant.parse("2025-06-01T12:00:10Z");
    private final long currentStep = Totp.timeStep(now);

    @ParameterizedTest(name = "T = {0} -> {1}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void producesTheRfc6238AppendixBSha1Vectors(long epochSeconds, String expected) {
        long step = Totp.timeStep(Instant.ofEpochSecond(epochSeconds));

        assertThat(Totp.code(RFC_6238_SHA1_KEY, step, 8)).isEqualTo(expected);
        assertThat(Totp.code(RFC_6238_SHA1_KEY, step)).isEqualTo(expected.substring(2));
    }

    @Test
    void timeStepsAreThirtySecondsFromTheEpoch() {
        assertThat(Totp.timeStep(Instant.ofEpochSecond(0))).isZero();
        assertThat(Totp.timeStep(Instant.ofEpochSecond(29))).isZero();
        assertThat(Totp.timeStep(Instant.ofEpochSecond(30))).isEqualTo(1);
        assertThat(Totp.timeStep(Instant.ofEpochSecond(59))).isEqualTo(1);
    }

    @Test
    void aNewSecretIs160RandomBitsAs32Base32Characters() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String newSecret = totp.newSecret();
            assertThat(newSecret).hasSize(32).matches("[A-Z2-7]{32}");
            assertThat(Base32.decode(newSecret)).hasSize(20);
            secrets.add(newSecret);
        }
        assertThat(secrets).hasSize(20);
    }

    @Test
    void theCodeOfTheCurrentStepIsAcceptedAndNamesThatStep() {
        assertThat(totp.matchingStep(secret, Totp.code(secret, currentStep), now)).hasValue(currentStep);
    }

    @Test
    void theCodesOneStepEitherSideAreAccepted() {
        assertThat(totp.matchingStep(secret, Totp.code(secret, currentStep - 1), now)).hasValue(currentStep - 1);
        assertThat(totp.matchingStep(secret, Totp.code(secret, currentStep + 1), now)).hasValue(currentStep + 1);
    }

    @Test
    void theCodesTwoStepsAwayAreRefused() {
        String twoBefore = Totp.code(secret, currentStep - 2);
        String twoAfter = Totp.code(secret, currentStep + 2);
        Set<String> window = Set.of(Totp.code(secret, currentStep - 1), Totp.code(secret, currentStep), Totp.code(secret, currentStep + 1));
        // A random secret can, rarely, give a code outside the window the same digits as one inside it.
        if (!window.contains(twoBefore)) {
            assertThat(totp.matchingStep(secret, twoBefore, now)).isEmpty();
        }
        if (!window.contains(twoAfter)) {
            assertThat(totp.matchingStep(secret, twoAfter, now)).isEmpty();
        }
    }

    @Test
    void theWindowEdgesFollowTheClockAtStepBoundaries() {
        long step = Totp.timeStep(now);
        Instant lastSecondOfStep = Instant.ofEpochSecond(step * 30 + 29);
        Instant firstSecondOfNextStep = Instant.ofEpochSecond((step + 1) * 30);
        String code = Totp.code(RFC_6238_SHA1_KEY, step - 1);
        String base32Key = Base32.encode(RFC_6238_SHA1_KEY);

        assertThat(totp.matchingStep(base32Key, code, lastSecondOfStep)).hasValue(step - 1);
        assertThat(totp.matchingStep(base32Key, code, firstSecondOfNextStep)).isEmpty();
    }

    @Test
    void whenTwoStepsInTheWindowShareACodeTheLatestStepWins() {
        // Found by search: this key gives steps 50,000,000 and 50,000,001 the same code.
        String collidingSecret = "OR3W6ZTBMN2G64RNORSXG5BNAABGTUTY";
        long step = 50_000_000L;
        String code = Totp.code(collidingSecret, step);
        assertThat(Totp.code(collidingSecret, step + 1)).isEqualTo(code);

        assertThat(totp.matchingStep(collidingSecret, code, Instant.ofEpochSecond(step * 30))).hasValue(step + 1);
        assertThat(totp.matchingStep(collidingSecret, code, Instant.ofEpochSecond((step + 1) * 30))).hasValue(step + 1);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12345", "1234567", "12345a", " 123456", "123456 ", "12 456", "+12345", "-12345",
            "١٢٣٤٥٦", "１２３４５６"})
    void codesThatAreNotExactlySixAsciiDigitsNeverMatch(String code) {
        assertThat(totp.matchingStep(secret, code, now)).isEmpty();
    }

    @Test
    void aNonDigitVariantOfTheValidCodeIsRefused() {
        String valid = Totp.code(secret, currentStep);
        assertThat(totp.matchingStep(secret, valid.substring(0, 5), now)).isEmpty();
        assertThat(totp.matchingStep(secret, valid + "0", now)).isEmpty();
        assertThat(totp.matchingStep(secret, valid.substring(0, 5) + "x", now)).isEmpty();
    }

    @Test
    void theSecretMayBeGivenInLowerCase() {
        assertThat(totp.matchingStep(secret.toLowerCase(), Totp.code(secret, currentStep), now)).hasValue(currentStep);
    }
}
