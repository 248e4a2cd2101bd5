package com.twofactor.command.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import com.twofactor.api.user.RecoveryCodeHash;

/**
 * Issues and checks one-time recovery codes.
 *
 * <p>A code is 50 random bits shown as ten Crockford base32 characters, {@code XXXXX-XXXXX}. It is stored only
 * as a salted PBKDF2-HMAC-SHA256 hash (NIST SP 800-63B: look-up secrets under 112 bits need a salted KDF) plus a
 * <em>lookup id</em>: the first 64 bits of HMAC-SHA256 over the normalized code under a key derived from the
 * secret-encryption key ({@link SecretKeyRing#lookupKey}). The lookup id finds the one stored hash a presented
 * code can match, so a check costs one KDF run rather than ten; being keyed, it tells someone holding only the
 * event store nothing about the codes.
 *
 * <p>Without Spring: {@code new RecoveryCodes(SecretKeyRing.withRandomKey("test"), 1_000)} — a low iteration
 * count keeps tests fast. In the application the count comes from {@code twofactor.crypto.recovery-code-iterations}.
 * Changing it later is safe: every batch records its own {@link IssuedRecoveryCodes#algorithm()}, and
 * {@link #find} uses the cost named there.
 *
 * <p>The key named by a batch's lookup key id must stay in the key ring for as long as that batch's codes are
 * meant to work.
 */
public class RecoveryCodes {

    /** Codes per batch. */
    public static final int COUNT = 10;
    /** Characters per code, 5 bits each. */
    public static final int LENGTH = 10;
    /** Default PBKDF2 iteration count. */
    public static final int DEFAULT_ITERATIONS = 60_000;

    static final String ALGORITHM_PREFIX = "pbkdf2-sha256:";
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final int LOOKUP_ID_BYTES = 8;
    private static final int MAX_INPUT_LENGTH = 64;

    private final SecretKeyRing keyRing;
    private final int iterations;
    private final SecureRandom random;

    /**
     * @param keyRing    source of the lookup keys; new batches use its active key
     * @param iterations PBKDF2 iterations for new batches (at least 1; production uses {@value #DEFAULT_ITERATIONS})
     */
    public RecoveryCodes(SecretKeyRing keyRing, int iterations) {
        this(keyRing, iterations, new SecureRandom());
    }

    public RecoveryCodes(SecretKeyRing keyRing, int iterations, SecureRandom random) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        this.iterations = iterations;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The algorithm string new batches are stamped with, e.g. {@code pbkdf2-sha256:60000}. */
    public String algorithm() {
        return ALGORITHM_PREFIX + iterations;
    }

    /** Ten fresh, distinct codes (with distinct lookup ids) and their hashes, under the active key. */
    public IssuedRecoveryCodes issue() {
        String keyId = keyRing.activeKeyId();
        byte[] lookupKey = keyRing.lookupKey(keyId);
        Set<String> codes = new LinkedHashSet<>();
        Set<String> lookupIds = new LinkedHashSet<>();
        List<String> plain = new ArrayList<>(COUNT);
        List<RecoveryCodeHash> hashes = new ArrayList<>(COUNT);
        while (plain.size() < COUNT) {
            String code = randomCode();
            String lookupId = lookupId(lookupKey, code);
            if (!codes.add(code) || !lookupIds.add(lookupId)) {
                continue;
            }
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            byte[] hash = derive(code, salt, iterations);
            plain.add(code.substring(0, LENGTH / 2) + "-" + code.substring(LENGTH / 2));
            hashes.add(new RecoveryCodeHash(lookupId, Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(hash)));
        }
        return new IssuedRecoveryCodes(plain, hashes, keyId, algorithm());
    }

    /**
     * The canonical form of what a user typed: upper case, hyphens and white space removed, Crockford's aliases
     * applied (O→0, I and L→1); empty unless exactly ten characters of the Crockford alphabet remain.
     */
    public static Optional<String> normalize(String input) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        StringBuilder normalized = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = Character.toUpperCase(input.charAt(i));
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            c = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (c > 127 || ALPHABET.indexOf(c) < 0 || normalized.length() == LENGTH) {
                return Optional.empty();
            }
            normalized.append(c);
        }
        return normalized.length() == LENGTH ? Optional.of(normalized.toString()) : Optional.empty();
    }

    /**
     * Finds which stored hash a presented code matches.
     *
     * <p>Runs at most one key derivation: only for the candidate whose lookup id matches the code's.
     * Whether that code is still unused is the caller's business.
     *
     * @param input       the code as typed
     * @param candidates  the stored hashes of one batch (null entries are skipped)
     * @param lookupKeyId the batch's {@link IssuedRecoveryCodes#lookupKeyId()}
     * @param algorithm   the batch's {@link IssuedRecoveryCodes#algorithm()}
     * @return the index of the matching hash in {@code candidates}, or empty
     * @throws IllegalArgumentException if the algorithm is not one this class produces or the key id is unknown
     */
    public OptionalInt find(String input, List<RecoveryCodeHash> candidates, String lookupKeyId, String algorithm) {
        int cost = iterationsOf(algorithm);
        Optional<String> normalized = normalize(input);
        if (normalized.isEmpty() || candidates == null || candidates.isEmpty()) {
            return OptionalInt.empty();
        }
        String code = normalized.get();
        String lookupId = lookupId(keyRing.lookupKey(lookupKeyId), code);
        for (int i = 0; i < candidates.size(); i++) {
            RecoveryCodeHash candidate = candidates.get(i);
            if (candidate != null && lookupId.equals(candidate.lookupId())) {
                if (candidate.salt() == null || candidate.hash() == null) {
                    return OptionalInt.empty();
                }
                byte[] salt;
                byte[] expected;
                try {
                    salt = Base64.getDecoder().decode(candidate.salt());
                    expected = Base64.getDecoder().decode(candidate.hash());
                } catch (IllegalArgumentException malformed) {
                    return OptionalInt.empty();
                }
                return MessageDigest.isEqual(derive(code, salt, cost), expected) ? OptionalInt.of(i) : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    static int iterationsOf(String algorithm) {
        if (algorithm != null && algorithm.startsWith(ALGORITHM_PREFIX)) {
            try {
                int parsed = Integer.parseInt(algorithm.substring(ALGORITHM_PREFIX.length()));
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the failure below
            }
        }
        throw new IllegalArgumentException("Unknown recovery-code algorithm '" + algorithm + "'");
    }

    /** The KDF; package-private and overridable so a test can count its runs. */
    byte[] derive(String normalizedCode, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(normalizedCode.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String lookupId(byte[] lookupKey, String normalizedCode) {
        byte[] mac = SecretKeyRing.hmacSha256(lookupKey, normalizedCode.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac, 0, LOOKUP_ID_BYTES);
    }

    private String randomCode() {
        long bits = random.nextLong() & ((1L << (5 * LENGTH)) - 1);
        char[] code = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            code[i] = ALPHABET.charAt((int) (bits & 0x1F));
            bits >>>= 5;
        }
        return new String(code);
    }
}
