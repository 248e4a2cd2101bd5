package com.twofactor.platform.runtime;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Decides the {@link RuntimeMode} and supplies the clock every time-based rule reads, so tests can replace it.
 */
@AutoConfiguration
public class RuntimeModeConfiguration {

    @Bean
    RuntimeMode runtimeMode(Environment environment) {
        boolean axonServer = environment.getProperty("axon.axonserver.enabled", Boolean.class, false);
        String datasourceUrl = environment.getProperty("spring.datasource.url", "");
        String mongoUri = environment.getProperty("spring.mongodb.uri", "");
        boolean embedded = !axonServer
                && (!StringUtils.hasText(datasourceUrl) || datasourceUrl.startsWith("jdbc:h2:"))
                && !StringUtils.hasText(mongoUri);
        Path dataDirectory = Path.of(environment.getProperty("twofactor.data-dir", "./data")).toAbsolutePath().normalize();
        return new RuntimeMode(embedded, dataDirectory);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
