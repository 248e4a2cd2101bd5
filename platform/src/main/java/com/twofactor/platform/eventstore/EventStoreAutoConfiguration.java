package com.twofactor.platform.eventstore;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.twofactor.platform.runtime.RuntimeModeConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's serialization and, unless Axon Server is enabled, its JDBC event store.
 *
 * <p>Axon's own JDBC and transaction auto-configurations order themselves against Boot 3 class names that Boot 4
 * no longer has, so they back off; this configuration declares the engine, its connection provider and the
 * Spring-backed Axon transaction manager itself, before Axon's auto-configuration looks for them. With
 * {@code axon.axonserver.enabled=true} none of the JDBC beans exist and Axon Server supplies the event store.
 */
@AutoConfiguration(
        after = {RuntimeModeConfiguration.class, EmbeddedDataSourceAutoConfiguration.class},
        before = {AxonAutoConfiguration.class, ObjectMapperAutoConfiguration.class, JdbcAutoConfiguration.class,
                TransactionAutoConfiguration.class, NoOpTransactionAutoConfiguration.class})
public class EventStoreAutoConfiguration {

    /**
     * The Jackson 2 mapper behind Axon's {@code JacksonSerializer} for events, messages and tokens. Axon picks the
     * bean by this name. Events are records and evolve by adding fields, so unknown properties are ignored; times
     * are ISO-8601 strings so stored events stay readable.
     */
    @Bean("defaultAxonObjectMapper")
    @ConditionalOnMissingBean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSource.class)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    @EnableConfigurationProperties(EventStoreProperties.class)
    static class JdbcEventStoreConfiguration {

        private static final Logger log = LoggerFactory.getLogger(JdbcEventStoreConfiguration.class);

        /** Spring-managed connections, shared with the unit of work so an aggregate's events commit together. */
        @Bean
        @ConditionalOnMissingBean
        ConnectionProvider axonConnectionProvider(DataSource dataSource) {
            return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
        }

        @Bean
        @ConditionalOnMissingBean(TransactionManager.class)
        TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
            return new SpringTransactionManager(transactionManager);
        }

        /**
         * SQL state class 23 (integrity constraint violation) is how every supported database reports a second
         * event with the same aggregate sequence number; without this resolver a concurrent append surfaces as a
         * generic {@code EventStoreException} instead of a {@code ConcurrencyException}.
         */
        @Bean
        @ConditionalOnMissingBean
        PersistenceExceptionResolver persistenceExceptionResolver() {
            return new SQLStateResolver();
        }

        @Bean
        @ConditionalOnMissingBean(EventStorageEngine.class)
        JdbcEventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                  @Qualifier("eventSerializer") Serializer eventSerializer,
                                                  PersistenceExceptionResolver persistenceExceptionResolver,
                                                  org.axonframework.config.Configuration axonConfiguration,
                                                  ConnectionProvider connectionProvider,
                                                  TransactionManager transactionManager,
                                                  DataSource dataSource,
                                                  EventStoreProperties properties) {
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .snapshotSerializer(defaultSerializer)
                    .eventSerializer(eventSerializer)
                    .upcasterChain(axonConfiguration.upcasterChain())
                    .snapshotFilter(axonConfiguration.snapshotFilter())
                    .persistenceExceptionResolver(persistenceExceptionResolver)
                    .connectionProvider(connectionProvider)
                    .transactionManager(transactionManager)
                    .build();
            if (properties.createSchema()) {
                createSchema(engine, dataSource);
            }
            return engine;
        }

        /** Creates the event and snapshot tables unless they exist, so start-up is idempotent. */
        private static void createSchema(JdbcEventStorageEngine engine, DataSource dataSource) {
            String product = databaseProductName(dataSource);
            EventTableFactory tableFactory = tableFactoryFor(product);
            if (tableFactory == null) {
                log.warn("Not creating the event store tables: no table definitions for database '{}'; create them "
                        + "yourself or set twofactor.event-store.create-schema=false", product);
                return;
            }
            try {
                engine.createSchema(tableFactory);
            } catch (EventStoreException firstAttempt) {
                // Two services starting together may race to create the same table; the second attempt sees it.
                log.debug("Creating the event store tables failed once, trying again", firstAttempt);
                engine.createSchema(tableFactory);
            }
            log.info("Event store tables ready on {}", product);
        }

        private static String databaseProductName(DataSource dataSource) {
            try {
                return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            } catch (MetaDataAccessException e) {
                throw new IllegalStateException("Cannot reach the event store database to create its tables", e);
            }
        }

        private static EventTableFactory tableFactoryFor(String product) {
            String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
            if (name.contains("h2")) {
                return H2EventTableFactory.INSTANCE;
            }
            if (name.contains("postgres")) {
                return PostgresEventTableFactory.INSTANCE;
            }
            return null;
        }
    }
}
