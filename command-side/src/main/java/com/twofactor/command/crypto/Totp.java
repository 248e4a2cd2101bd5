package com.twofactor.command.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as the design fixes them: HMAC-SHA-1, 6 digits, 30-second steps,
 * secrets of 160 bits.
 *
 * <p>Without Spring: {@code new Totp()} (or {@code new Totp(secureRandom)}). The class is stateless apart from
 * its random source; refusing a step that is not later than the last accepted one is the aggregate's job,
 * which is why {@link #matchingStep} returns the step rather than a boolean.
 */
public class Totp {

    /** Seconds per time step. */
    public static final int PERIOD_SECONDS = 30;
    /** Digits per code. */
    public static final int DIGITS = 6;
    /** Secret length: 160 bits, the HMAC-SHA-1 output size RFC 4226 recommends. */
    public static final int SECRET_BYTES = 20;
    /** Steps accepted either side of the current one, for clock drift and typing time. */
    public static final int ACCEPTED_DRIFT_STEPS = 1;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private final SecureRandom random;

    public Totp() {
        this(new SecureRandom());
    }

    public Totp(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new random secret, base32 without padding: 32 characters for 160 bits. */
    public String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base32.encode(secret);
    }

    /** The RFC 6238 time step (T0 = 0, X = 30 s) that contains {@code instant}. */
    public static long timeStep(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The 6-digit code for a raw key at a time step. */
    public static String code(byte[] key, long timeStep) {
        return code(key, timeStep, DIGITS);
    }

    /** The 6-digit code for a base32 secret at a time step; handy for tests that play the authenticator app. */
    public static String code(String base32Secret, long timeStep) {
        return code(Base32.decode(base32Secret), timeStep, DIGITS);
    }

    /** RFC 4226 HOTP with HMAC-SHA-1 and a configurable number of digits, so RFC 6238's 8-digit vectors can be checked. */
    static String code(byte[] key, long counter, int digits) {
        if (digits < 1 || digits > 9) {
            throw new IllegalArgumentException("digits must be between 1 and 9");
        }
        byte[] hash = hmacSha1(key, counter);
        int offset = hash[hash.length - 1] & 0x0F;
        int binary = ((hash[offset] & 0x7F) << 24)
                | ((hash[offset + 1] & 0xFF) << 16)
                | ((hash[offset + 2] & 0xFF) << 8)
                | (hash[offset + 3] & 0xFF);
        String value = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - value.length()) + value;
    }

    /**
     * Finds the time step whose code equals {@code code}, trying the current step and one either side.
     *
     * <p>All three candidates are computed and compared in constant time whatever the input; if more than one
     * matches, the latest step wins (so a code is never accepted for an older step than it could stand for).
     * A code that is not exactly six ASCII digits never matches.
     *
     * @return the matched step, or empty
     * @throws IllegalArgumentException if {@code base32Secret} is not base32
     */
    public OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        byte[] key = Base32.decode(base32Secret);
        if (!isWellFormed(code)) {
            return OptionalLong.empty();
        }
        byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
        long current = timeStep(now);
        long matched = Long.MIN_VALUE;
        boolean found = false;
        for (long step = current - ACCEPTED_DRIFT_STEPS; step <= current + ACCEPTED_DRIFT_STEPS; step++) {
            byte[] expected = code(key, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, presented)) {
                matched = step;
                found = true;
            }
        }
        java.util.Arrays.fill(key, (byte) 0);
        return found ? OptionalLong.of(matched) : OptionalLong.empty();
    }

    private static boolean isWellFormed(String code) {
        if (code == null || code.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] hmacSha1(byte[] key, long counter) {
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) (counter & 0xFF);
            counter >>>= 8;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
