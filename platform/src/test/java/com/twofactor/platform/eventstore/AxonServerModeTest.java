package com.twofactor.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twofactor.platform.runtime.RuntimeMode;
import com.twofactor.platform.runtime.RuntimeModeConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** With Axon Server enabled the platform adds no JDBC event store: Axon Server's auto-configuration supplies it. */
class AxonServerModeTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RuntimeModeConfiguration.class,
                    EmbeddedDataSourceAutoConfiguration.class, EventStoreAutoConfiguration.class));

    @Test
    void axonServerMode_hasNoJdbcEventStore() {
        runner.withPropertyValues("axon.axonserver.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(EventStorageEngine.class);
            assertThat(context).doesNotHaveBean(DataSource.class);
            assertThat(context).doesNotHaveBean(ConnectionProvider.class);
            assertThat(context).doesNotHaveBean(TransactionManager.class);
            assertThat(context).hasBean("defaultAxonObjectMapper");
            assertThat(context.getBean(RuntimeMode.class).embedded()).isFalse();
        });
    }

    @Test
    void aConfiguredDatasourceUrl_replacesTheEmbeddedDatabase() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RuntimeModeConfiguration.class,
                        EmbeddedDataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/none")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class));
    }

    record Sample(Instant at) {
    }

    @Test
    void theAxonObjectMapperWritesIsoTimesAndIgnoresUnknownProperties() {
        runner.withPropertyValues("axon.axonserver.enabled=true").run(context -> {
            ObjectMapper mapper = context.getBean("defaultAxonObjectMapper", ObjectMapper.class);
            assertThat(mapper.writeValueAsString(new Sample(Instant.parse("2030-01-01T00:00:00Z"))))
                    .isEqualTo("{\"at\":\"2030-01-01T00:00:00Z\"}");
            assertThat(mapper.readValue("{\"at\":\"2030-01-01T00:00:00Z\",\"added\":1}", Sample.class).at())
                    .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        });
    }
}
