package com.twofactor.command.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.twofactor.api.user.EncryptedSecret;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.runtime.RuntimeMode;

class SecretKeyRingTest {

    private static final UserSecurityId JANE = new UserSecurityId("org-1", "jane");

    @TempDir
    Path dataDirectory;

    private final String key1 = base64(SecretCipherTest.randomKey());
    private final String key2 = base64(SecretCipherTest.randomKey());

    @Test
    void configuredKeysFormTheRingWithTheNamedActiveKey() {
        SecretKeyRing ring = fromProperties(new CryptoProperties("k2",
                List.of(new CryptoProperties.Key("k1", key1), new CryptoProperties.Key("k2", key2)), 60_000), false);

        assertThat(ring.activeKeyId()).isEqualTo("k2");
        assertThat(ring.keyIds()).containsExactly("k1", "k2");
        assertThat(ring.toString()).doesNotContain(key1).doesNotContain(key2);
    }

    @Test
    void configuredKeysAreUsedEvenInTheEmbeddedModeAndNoLocalFileIsCreated() {
        SecretKeyRing ring = fromProperties(new CryptoProperties("k1", List.of(new CryptoProperties.Key("k1", key1)), 60_000), true);

        assertThat(ring.activeKeyId()).isEqualTo("k1");
        assertThat(dataDirectory.resolve(LocalKeyFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void startUpFailsWhenTheActiveKeyIdIsMissing() {
        assertThatIllegalStateException()
                .isThrownBy(() -> fromProperties(new CryptoProperties(null, List.of(new CryptoProperties.Key("k1", key1)), 60_000), false))
                .withMessageContaining("twofactor.crypto.active-key-id")
                .withMessageNotContaining(key1);
    }

    @Test
    void startUpFailsWhenTheActiveKeyIdNamesNoConfiguredKey() {
        assertThatIllegalStateException()
                .isThrownBy(() -> fromProperties(new CryptoProperties("k9", List.of(new CryptoProperties.Key("k1", key1)), 60_000), false))
                .withMessageContaining("'k9'")
                .withMessageContaining("[k1]")
                .withMessageNotContaining(key1);
    }

    @Test
    void startUpFailsWhenAKeyIsNot32BytesWithoutEchoingIt() {
        String short31 = base64(new byte[31]);
        String long33 = base64(new byte[33]);
        for (String wrong : List.of(short31, long33, "not-base64-at-all!!")) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> fromProperties(new CryptoProperties("k1", List.of(new CryptoProperties.Key("k1", wrong)), 60_000), false))
                    .withMessageContaining("twofactor.crypto.keys[0].key")
                    .withMessageContaining("32 bytes")
                    .withMessageNotContaining(wrong)
                    .withNoCause();
        }
    }

    @Test
    void startUpFailsOnDuplicateOrBlankKeyIds() {
        assertThatIllegalStateException().isThrownBy(() -> fromProperties(new CryptoProperties("k1",
                List.of(new CryptoProperties.Key("k1", key1), new CryptoProperties.Key("k1", key2)), 60_000), false))
                .withMessageContaining("twofactor.crypto.keys[1].id");
        assertThatIllegalStateException().isThrownBy(() -> fromProperties(new CryptoProperties("k1",
                List.of(new CryptoProperties.Key(" ", key1)), 60_000), false))
                .withMessageContaining("twofactor.crypto.keys[0].id");
    }

    @Test
    void outsideTheEmbeddedModeStartUpFailsWithoutKeysAndNamesThePropertiesToSet() {
        assertThatIllegalStateException()
                .isThrownBy(() -> fromProperties(new CryptoProperties(null, null, 60_000), false))
                .withMessageContaining("twofactor.crypto.active-key-id")
                .withMessageContaining("twofactor.crypto.keys");
        assertThat(dataDirectory.resolve(LocalKeyFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void anActiveKeyIdWithoutKeysIsRefusedEvenInTheEmbeddedMode() {
        assertThatIllegalStateException()
                .isThrownBy(() -> fromProperties(new CryptoProperties("k1", List.of(), 60_000), true))
                .withMessageContaining("twofactor.crypto.keys");
    }

    @Test
    void theEmbeddedModeCreatesALocalKeyFileOnceAndReusesIt() throws Exception {
        CryptoProperties none = new CryptoProperties(null, null, 60_000);
        SecretKeyRing first = fromProperties(none, true);
        Path file = dataDirectory.resolve(LocalKeyFile.FILE_NAME);
        String content = Files.readString(file, StandardCharsets.UTF_8);

        SecretKeyRing second = fromProperties(none, true);

        assertThat(first.activeKeyId()).isEqualTo("local-1");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(content);
        assertThat(content).contains("id=local-1").containsPattern("key=[A-Za-z0-9+/]{43}=");
        EncryptedSecret encrypted = new SecretCipher(first).encrypt("JBSWY3DPEHPK3PXP", JANE);
        assertThat(new SecretCipher(second).decrypt(encrypted, JANE)).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(second.lookupKey("local-1")).isEqualTo(first.lookupKey("local-1"));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void theEmbeddedModeCreatesTheDataDirectoryIfNeeded() {
        Path nested = dataDirectory.resolve("a/b");

        SecretKeyRing ring = SecretKeyRing.fromProperties(new CryptoProperties(null, null, 60_000), new RuntimeMode(true, nested));

        assertThat(ring.activeKeyId()).isEqualTo("local-1");
        assertThat(nested.resolve(LocalKeyFile.FILE_NAME)).isRegularFile();
    }

    @Test
    void aMalformedLocalKeyFileFailsStartUpInsteadOfBeingReplaced() throws Exception {
        Path file = dataDirectory.resolve(LocalKeyFile.FILE_NAME);
        Files.writeString(file, "id=local-1\nkey=" + base64(new byte[16]) + "\n");

        assertThatIllegalStateException()
                .isThrownBy(() -> fromProperties(new CryptoProperties(null, null, 60_000), true))
                .withMessageContaining(file.toString());
        assertThat(Files.readString(file)).contains(base64(new byte[16]));
    }

    @Test
    void theLookupKeyIsHmacSha256OfTheLabelUnderTheKeyAndDiffersPerKey() throws Exception {
        byte[] raw = Base64.getDecoder().decode(key1);
        SecretKeyRing ring = new SecretKeyRing("k1", Map.of("k1", raw, "k2", Base64.getDecoder().decode(key2)));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(raw, "HmacSHA256"));

        assertThat(ring.lookupKey("k1"))
                .isEqualTo(mac.doFinal("twofactor recovery-code lookup v1".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(raw)
                .isNotEqualTo(ring.lookupKey("k2"));
        assertThatIllegalArgumentException().isThrownBy(() -> ring.lookupKey("k3"));
    }

    @Test
    void theConstructorRefusesWrongLengthsAndAnUnknownActiveKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretKeyRing("k1", Map.of("k1", new byte[16])));
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretKeyRing("k2", Map.of("k1", new byte[32])));
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretKeyRing("k1", Map.of()));
    }

    @Test
    void aKeyPropertyNeverShowsTheKeyWhenPrinted() {
        assertThat(new CryptoProperties.Key("k1", key1).toString()).doesNotContain(key1);
        assertThat(new CryptoProperties("k1", List.of(new CryptoProperties.Key("k1", key1)), 1).toString()).doesNotContain(key1);
    }

    private SecretKeyRing fromProperties(CryptoProperties properties, boolean embedded) {
        return SecretKeyRing.fromProperties(properties, new RuntimeMode(embedded, dataDirectory));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
