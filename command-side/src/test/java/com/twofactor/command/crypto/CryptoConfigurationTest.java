package com.twofactor.command.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.runtime.RuntimeMode;

class CryptoConfigurationTest {

    @TempDir
    Path dataDirectory;

    private final String key1 = Base64.getEncoder().encodeToString(SecretCipherTest.randomKey());
    private final String key2 = Base64.getEncoder().encodeToString(SecretCipherTest.randomKey());

    private ApplicationContextRunner runner(boolean embedded) {
        return new ApplicationContextRunner()
                .withBean(RuntimeMode.class, () -> new RuntimeMode(embedded, dataDirectory))
                .withUserConfiguration(CryptoConfiguration.class);
    }

    @Test
    void bindsKeysFromPropertiesAndCreatesTheCryptoBeans() {
        runner(false)
                .withPropertyValues(
                        "twofactor.crypto.active-key-id=k2",
                        "twofactor.crypto.keys[0].id=k1",
                        "twofactor.crypto.keys[0].key=" + key1,
                        "twofactor.crypto.keys[1].id=k2",
                        "twofactor.crypto.keys[1].key=" + key2,
                        "twofactor.crypto.recovery-code-iterations=20000")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SecretKeyRing ring = context.getBean(SecretKeyRing.class);
                    assertThat(ring.activeKeyId()).isEqualTo("k2");
                    assertThat(ring.keyIds()).containsExactly("k1", "k2");
                    assertThat(context.getBean(RecoveryCodes.class).algorithm()).isEqualTo("pbkdf2-sha256:20000");
                    assertThat(context).hasSingleBean(Totp.class);
                    SecretCipher cipher = context.getBean(SecretCipher.class);
                    UserSecurityId owner = new UserSecurityId("org", "user");
                    assertThat(cipher.decrypt(cipher.encrypt("JBSWY3DPEHPK3PXP", owner), owner)).isEqualTo("JBSWY3DPEHPK3PXP");
                });
    }

    @Test
    void theRecoveryCodeCostDefaultsTo60000() {
        runner(true).run(context -> assertThat(context.getBean(RecoveryCodes.class).algorithm()).isEqualTo("pbkdf2-sha256:60000"));
    }

    @Test
    void startUpFailsOutsideTheEmbeddedModeWithoutKeys() {
        runner(false).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("twofactor.crypto.active-key-id"));
    }

    @Test
    void startUpFailsWithAKeyOfTheWrongLengthWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[24]);
        runner(false)
                .withPropertyValues("twofactor.crypto.active-key-id=k1", "twofactor.crypto.keys[0].id=k1", "twofactor.crypto.keys[0].key=" + shortKey)
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey));
    }

    @Test
    void startUpFailsWithATooLowConfiguredRecoveryCodeCost() {
        runner(true).withPropertyValues("twofactor.crypto.recovery-code-iterations=100")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("twofactor.crypto.recovery-code-iterations"));
    }
}
