package com.twofactor.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    @Test
    void theDefaultsAreTheEmbeddedStoreWithoutUpdateCheckOrErrorInternals() {
        new PlatformDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("axon.update-check.disabled")).isEqualTo("true");
        assertThat(environment.getProperty("axon.serializer.events")).isEqualTo("jackson");
        assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
        assertThat(environment.getProperty("server.error.whitelabel.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("twofactor.http.max-body-bytes")).isEqualTo("16384");
    }

    @Test
    void anyConfigurationOfTheApplicationWins() {
        environment.getPropertySources().addFirst(
                new MapPropertySource("application", Map.of("axon.axonserver.enabled", "true")));

        new PlatformDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("true");
    }
}
