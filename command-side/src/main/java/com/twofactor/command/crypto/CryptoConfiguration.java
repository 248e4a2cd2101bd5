package com.twofactor.command.crypto;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.twofactor.platform.runtime.RuntimeMode;

/**
 * The crypto beans the aggregates use. Each is a plain object with a public constructor, so aggregate fixture
 * tests register their own instances instead of starting Spring.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class CryptoConfiguration {

    /** Below this a configured cost is a mistake rather than a choice; tests use the constructors instead. */
    static final int MINIMUM_CONFIGURED_ITERATIONS = 10_000;

    @Bean
    SecretKeyRing secretKeyRing(CryptoProperties properties, RuntimeMode runtimeMode) {
        return SecretKeyRing.fromProperties(properties, runtimeMode);
    }

    @Bean
    Totp totp() {
        return new Totp();
    }

    @Bean
    SecretCipher secretCipher(SecretKeyRing secretKeyRing) {
        return new SecretCipher(secretKeyRing);
    }

    @Bean
    RecoveryCodes recoveryCodes(SecretKeyRing secretKeyRing, CryptoProperties properties) {
        if (properties.recoveryCodeIterations() < MINIMUM_CONFIGURED_ITERATIONS) {
            throw new IllegalStateException("twofactor.crypto.recovery-code-iterations must be at least "
                    + MINIMUM_CONFIGURED_ITERATIONS + " (default " + RecoveryCodes.DEFAULT_ITERATIONS + ")");
        }
        return new RecoveryCodes(secretKeyRing, properties.recoveryCodeIterations());
    }
}
