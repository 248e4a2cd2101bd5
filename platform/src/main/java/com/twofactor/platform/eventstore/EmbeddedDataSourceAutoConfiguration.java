package com.twofactor.platform.eventstore;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.twofactor.platform.runtime.DataDirectory;
import com.twofactor.platform.runtime.EmbeddedNetworkDefaults;
import com.twofactor.platform.runtime.RuntimeMode;
import com.twofactor.platform.runtime.RuntimeModeConfiguration;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.engine.SysProperties;
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
 * machine: the first process to open it serves it to the others over a TCP port, which listens on loopback only
 * ({@code h2.bindAddress}, see {@link EmbeddedNetworkDefaults}). The data directory is created owner-only.
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
        Path directory = DataDirectory.createIfMissing(runtimeMode.dataDirectory());
        keepAutoServerOnLoopback();
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

    /**
     * The platform's environment post-processor has set {@code h2.bindAddress} before anything loaded H2; this only
     * covers a context started without it, and says so when H2 was loaded earlier in this JVM with another value
     * (H2 reads the property once).
     */
    private static void keepAutoServerOnLoopback() {
        EmbeddedNetworkDefaults.keepH2ServersOnLoopback();
        String wanted = System.getProperty(EmbeddedNetworkDefaults.H2_BIND_ADDRESS);
        String effective = SysProperties.BIND_ADDRESS;
        if (effective == null || effective.isBlank()) {
            log.warn("H2 was loaded before {} was set, so the event store's AUTO_SERVER listens on every network "
                    + "interface; start the JVM with -D{}={}", EmbeddedNetworkDefaults.H2_BIND_ADDRESS,
                    EmbeddedNetworkDefaults.H2_BIND_ADDRESS, EmbeddedNetworkDefaults.LOOPBACK);
        } else if (!effective.equals(wanted)) {
            log.warn("H2 was loaded with {}={} before it was set to {}; the event store's AUTO_SERVER listens on {}",
                    EmbeddedNetworkDefaults.H2_BIND_ADDRESS, effective, wanted, effective);
        } else if (!EmbeddedNetworkDefaults.LOOPBACK.equals(effective)) {
            log.info("The event store's AUTO_SERVER listens on {} ({})", effective, EmbeddedNetworkDefaults.H2_BIND_ADDRESS);
        }
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
