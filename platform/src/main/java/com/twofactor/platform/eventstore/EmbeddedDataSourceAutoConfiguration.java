package com.twofactor.platform.eventstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.twofactor.platform.runtime.RuntimeMode;
import com.twofactor.platform.runtime.RuntimeModeConfiguration;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded default's event store database: an H2 file at {@code <twofactor.data-dir>/eventstore}, so events
 * survive restarts. Only when no {@code spring.datasource.url} is configured and Axon Server is off; otherwise
 * Boot's own DataSource auto-configuration applies (PostgreSQL in production).
 *
 * <p>{@code AUTO_SERVER=TRUE} lets the split command-side and query-side processes open the same file on one
 * machine: the first process to open it serves it to the others over a local TCP port.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class, after = RuntimeModeConfiguration.class)
@ConditionalOnClass(value = {DataSource.class, HikariDataSource.class}, name = "org.h2.Driver")
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
@Conditional(EmbeddedDataSourceAutoConfiguration.NoDatasourceUrlCondition.class)
public class EmbeddedDataSourceAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDataSourceAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(DataSource.class)
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(RuntimeMode runtimeMode) {
        Path directory = runtimeMode.dataDirectory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory
                    + " (twofactor.data-dir) for the embedded event store", e);
        }
        String url = "jdbc:h2:file:" + directory.resolve("eventstore") + ";AUTO_SERVER=TRUE";
        log.info("Event store: embedded H2 database in {} (set spring.datasource.url to use PostgreSQL)", directory);
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.h2.Driver")
                .url(url)
                .username("sa")
                .password("")
                .build();
    }

    static final class NoDatasourceUrlCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return StringUtils.hasText(url)
                    ? ConditionOutcome.noMatch("spring.datasource.url is set")
                    : ConditionOutcome.match("spring.datasource.url is not set");
        }
    }
}
