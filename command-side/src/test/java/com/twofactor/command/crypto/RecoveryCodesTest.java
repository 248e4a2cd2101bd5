package com.twofactor.command.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.twofactor.api.user.RecoveryCodeHash;

class RecoveryCodesTest {

    private static final int ITERATIONS = 1_000;

    private final SecretKeyRing keyRing = SecretKeyRing.withRandomKey("k1");
    private final RecoveryCodes recoveryCodes = new RecoveryCodes(keyRing, ITERATIONS);
    private final IssuedRecoveryCodes issued = recoveryCodes.issue();

    @Test
    void aBatchHoldsTenDistinctCodesInTheDisplayFormat() {
        assertThat(issued.plainCodes()).hasSize(10).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}"));
        assertThat(issued.hashes()).hasSize(10);
        assertThat(issued.hashes()).extracting(RecoveryCodeHash::lookupId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{16}"));
        assertThat(issued.hashes()).extracting(RecoveryCodeHash::salt).doesNotHaveDuplicates();
        assertThat(issued.lookupKeyId()).isEqualTo("k1");
        assertThat(issued.algorithm()).isEqualTo("pbkdf2-sha256:1000");
    }

    @Test
    void eachCodeCarriesAtLeast50BitsAsTenCrockfordCharacters() {
        // 10 characters of a 32-symbol alphabet = 50 bits; over many codes every symbol shows up in every position.
        List<String> many = new ArrayList<>();
        RecoveryCodes cheap = new RecoveryCodes(keyRing, 1);
        for (int i = 0; i < 60; i++) {
            many.addAll(cheap.issue().plainCodes());
        }
        for (int position = 0; position < 10; position++) {
            int index = position < 5 ? position : position + 1;
            assertThat(many.stream().map(code -> code.charAt(index)).distinct().count())
                    .as("symbols seen at position %d", position).isEqualTo(32);
        }
        assertThat(new HashSet<>(many)).hasSameSizeAs(many);
    }

    @Test
    void theDefaultCostIs60000Iterations() {
        assertThat(new RecoveryCodes(keyRing, RecoveryCodes.DEFAULT_ITERATIONS).algorithm()).isEqualTo("pbkdf2-sha256:60000");
    }

    @Test
    void eachIssuedCodeIsFoundAtItsIndex() {
        for (int i = 0; i < issued.plainCodes().size(); i++) {
            assertThat(find(issued.plainCodes().get(i))).hasValue(i);
        }
    }

    @Test
    void inputIsCaseInsensitiveAndHyphenAndSpacesAreOptional() {
        String code = issued.plainCodes().get(3);
        String bare = code.replace("-", "");

        assertThat(find(code.toLowerCase(Locale.ROOT))).hasValue(3);
        assertThat(find(bare)).hasValue(3);
        assertThat(find(" " + bare.substring(0, 3) + " " + bare.substring(3, 7) + "  " + bare.substring(7) + " ")).hasValue(3);
        assertThat(find(code.substring(0, 2) + "-" + code.substring(2))).hasValue(3);
    }

    @Test
    void normalizationAppliesCrockfordAliases() {
        assertThat(RecoveryCodes.normalize("o0iIl-Lbcde")).hasValue("001111BCDE");
        assertThat(RecoveryCodes.normalize("OOOOO-IIIII")).hasValue("0000011111");
        assertThat(RecoveryCodes.normalize("lllll-ooooo")).hasValue("1111100000");
        assertThat(RecoveryCodes.normalize("abcde fghjk")).hasValue("ABCDEFGHJK");
        assertThat(RecoveryCodes.normalize("mnpqr-stvwx")).hasValue("MNPQRSTVWX");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ABCDE-FGHJ", "ABCDE-FGHJKM", "ABCDE-FGHJU", "ABCDE_FGHJK", "ABCDE-FGHJ!", "ÀBCDE-FGHJK", "０BCDE-FGHJK"})
    void normalizationRefusesAnythingButTenCrockfordCharacters(String input) {
        assertThat(RecoveryCodes.normalize(input)).isEmpty();
    }

    @Test
    void aCodeTypedWithAliasesIsFound() {
        int index = -1;
        for (int i = 0; i < issued.plainCodes().size(); i++) {
            if (issued.plainCodes().get(i).matches(".*[01].*")) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return; // no 0 or 1 in this batch; vanishingly rare
        }
        String aliased = issued.plainCodes().get(index).replace('0', 'o').replace('1', 'l');
        assertThat(find(aliased)).hasValue(index);
    }

    @Test
    void aWrongCodeIsNotFound() {
        String code = issued.plainCodes().get(0);
        char last = code.charAt(code.length() - 1);
        String wrong = code.substring(0, code.length() - 1) + (last == 'Z' ? 'Y' : 'Z');

        assertThat(find(wrong)).isEmpty();
        assertThat(find("not a code")).isEmpty();
        assertThat(find(null)).isEmpty();
    }

    @Test
    void aCodeFromAnotherBatchIsNotFound() {
        IssuedRecoveryCodes other = recoveryCodes.issue();

        for (String code : other.plainCodes()) {
            assertThat(find(code)).isEmpty();
        }
    }

    @Test
    void aBatchIssuedUnderAnOlderCostStillVerifiesAfterTheCostChanges() {
        RecoveryCodes reconfigured = new RecoveryCodes(keyRing, 2 * ITERATIONS);

        assertThat(reconfigured.find(issued.plainCodes().get(7), issued.hashes(), issued.lookupKeyId(), issued.algorithm())).hasValue(7);
        assertThat(reconfigured.find(issued.plainCodes().get(7), issued.hashes(), issued.lookupKeyId(), reconfigured.algorithm())).isEmpty();
    }

    @Test
    void aBatchIssuedUnderAnOlderKeyStillVerifiesAfterRotation() {
        byte[] oldKey = SecretCipherTest.randomKey();
        byte[] newKey = SecretCipherTest.randomKey();
        IssuedRecoveryCodes underOldKey = new RecoveryCodes(new SecretKeyRing("k1", Map.of("k1", oldKey)), ITERATIONS).issue();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", oldKey);
        keys.put("k2", newKey);
        RecoveryCodes rotated = new RecoveryCodes(new SecretKeyRing("k2", keys), ITERATIONS);

        assertThat(rotated.find(underOldKey.plainCodes().get(2), underOldKey.hashes(), underOldKey.lookupKeyId(), underOldKey.algorithm())).hasValue(2);
        assertThat(rotated.issue().lookupKeyId()).isEqualTo("k2");
    }

    @Test
    void aCheckRunsTheKeyDerivationOnceAtMost() {
        AtomicInteger runs = new AtomicInteger();
        RecoveryCodes counting = new RecoveryCodes(keyRing, ITERATIONS) {
            @Override
            byte[] derive(String normalizedCode, byte[] salt, int iterations) {
                runs.incrementAndGet();
                return super.derive(normalizedCode, salt, iterations);
            }
        };

        assertThat(counting.find(issued.plainCodes().get(9), issued.hashes(), "k1", issued.algorithm())).hasValue(9);
        assertThat(runs).hasValue(1);
        assertThat(counting.find("00000-00000", issued.hashes(), "k1", issued.algorithm())).isEmpty();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aStoredHashContainsNeitherTheCodeNorItsNormalizedForm() {
        for (int i = 0; i < issued.plainCodes().size(); i++) {
            String code = issued.plainCodes().get(i);
            String normalized = RecoveryCodes.normalize(code).orElseThrow();
            RecoveryCodeHash hash = issued.hashes().get(i);
            for (String stored : List.of(hash.lookupId(), hash.salt(), hash.hash(), hash.toString())) {
                assertThat(stored.toUpperCase(Locale.ROOT))
                        .doesNotContain(code)
                        .doesNotContain(normalized)
                        .doesNotContain(code.substring(0, 5))
                        .doesNotContain(code.substring(6));
            }
        }
    }

    @Test
    void printingABatchDoesNotShowThePlainCodes() {
        String printed = issued.toString();

        assertThat(issued.plainCodes()).allSatisfy(code -> assertThat(printed).doesNotContain(code));
    }

    @Test
    void anUnknownAlgorithmIsAnErrorNotAMismatch() {
        String code = issued.plainCodes().get(0);
        assertThatIllegalArgumentException().isThrownBy(() -> recoveryCodes.find(code, issued.hashes(), "k1", "bcrypt:10"));
        assertThatIllegalArgumentException().isThrownBy(() -> recoveryCodes.find(code, issued.hashes(), "k1", "pbkdf2-sha256:0"));
        assertThatIllegalArgumentException().isThrownBy(() -> recoveryCodes.find(code, issued.hashes(), "k1", null));
    }

    private java.util.OptionalInt find(String input) {
        return recoveryCodes.find(input, issued.hashes(), issued.lookupKeyId(), issued.algorithm());
    }
}
