package com.twofactor.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    private void postProcess() {
        new PlatformDefaultsEnvironmentPostProcessor(destination -> LogFactory.getLog(PlatformDefaultsTest.class))
                .postProcessEnvironment(environment, new SpringApplication());
    }

    private void configure(Map<String, Object> properties) {
        environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
    }

    @Test
    void theDefaultsAreTheEmbeddedStoreWithoutUpdateCheckOrErrorInternals() {
        postProcess();

        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("axon.update-check.disabled")).isEqualTo("true");
        assertThat(environment.getProperty("axon.serializer.events")).isEqualTo("jackson");
        assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
        assertThat(environment.getProperty("server.error.whitelabel.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("twofactor.http.max-body-bytes")).isEqualTo("16384");
    }

    @Test
    void anyConfigurationOfTheApplicationWins() {
        configure(Map.of("axon.axonserver.enabled", "true"));

        postProcess();

        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("true");
    }

    @Test
    void theEmbeddedDefaultListensOnLoopbackOnly() {
        postProcess();

        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void theEmbeddedDefaultListensWhereTheApplicationSays() {
        configure(Map.of("server.address", "0.0.0.0"));

        postProcess();

        assertThat(environment.getProperty("server.address")).isEqualTo("0.0.0.0");
    }

    @Test
    void outsideTheEmbeddedDefaultTheAddressIsLeftToTheApplication() {
        configure(Map.of("spring.mongodb.uri", "mongodb://mongo:27017/twofactor",
                "spring.datasource.url", "jdbc:postgresql://db:5432/twofactor"));

        postProcess();

        assertThat(environment.containsProperty("server.address")).isFalse();
    }

    @Test
    void h2ServersListenOnLoopbackUnlessTheJvmSaysOtherwise() {
        postProcess();

        assertThat(System.getProperty(EmbeddedNetworkDefaults.H2_BIND_ADDRESS)).isNotBlank();
        String before = System.getProperty(EmbeddedNetworkDefaults.H2_BIND_ADDRESS);
        assertThat(EmbeddedNetworkDefaults.keepH2ServersOnLoopback()).isFalse();
        assertThat(System.getProperty(EmbeddedNetworkDefaults.H2_BIND_ADDRESS)).isEqualTo(before);
    }
}
