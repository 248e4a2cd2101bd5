package com.twofactor.platform.runtime;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Decides the {@link RuntimeMode} and supplies the clock every time-based rule reads, so tests can replace it.
 */
@AutoConfiguration
public class RuntimeModeConfiguration {

    /**
     * In embedded mode the data directory is created here, owner-only, before anything stores a file in it: every
     * store of the embedded default and the local key file depend on this bean.
     */
    @Bean
    RuntimeMode runtimeMode(Environment environment) {
        boolean embedded = embedded(environment);
        Path dataDirectory = Path.of(environment.getProperty("twofactor.data-dir", "./data")).toAbsolutePath().normalize();
        if (embedded) {
            DataDirectory.createIfMissing(dataDirectory);
        }
        return new RuntimeMode(embedded, dataDirectory);
    }

    /**
     * The {@link RuntimeMode#embedded()} rule, on any view of the configuration (also the environment post-processor's,
     * before the context exists): no Axon Server, no non-H2 datasource and no MongoDB URI.
     */
    static boolean embedded(PropertyResolver environment) {
        boolean axonServer = environment.getProperty("axon.axonserver.enabled", Boolean.class, false);
        String datasourceUrl = environment.getProperty("spring.datasource.url", "");
        String mongoUri = environment.getProperty("spring.mongodb.uri", "");
        return !axonServer
                && (!StringUtils.hasText(datasourceUrl) || datasourceUrl.startsWith("jdbc:h2:"))
                && !StringUtils.hasText(mongoUri);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
