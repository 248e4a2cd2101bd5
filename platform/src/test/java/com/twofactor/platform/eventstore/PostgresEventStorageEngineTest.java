package com.twofactor.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.twofactor.platform.runtime.RuntimeMode;
import com.example.twofactor.PlatformTestApplication;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production without Axon Server: the same engine on PostgreSQL. Runs only when {@code TWOFACTOR_TEST_POSTGRES_URL}
 * (system property {@value #URL_PROPERTY}) names a database, e.g.
 * {@code jdbc:postgresql://localhost:5432/twofactor_test?user=twofactor&password=twofactor}.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PostgresEventStorageEngineTest extends EventStorageEngineContract {

    static final String URL_PROPERTY = "twofactor.test.postgres-url";

    static String postgresUrl() {
        String url = System.getProperty(URL_PROPERTY, "");
        // Maven passes the expression itself through when the environment variable is not set.
        return url.isBlank() || url.startsWith("${") ? null : url.trim();
    }

    @BeforeAll
    static void requirePostgres() {
        Assumptions.assumeTrue(postgresUrl() != null,
                "Set TWOFACTOR_TEST_POSTGRES_URL to run the event store tests on PostgreSQL");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresEventStorageEngineTest::postgresUrl);
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    RuntimeMode runtimeMode;

    @Override
    EventTableFactory tableFactory() {
        return PostgresEventTableFactory.INSTANCE;
    }

    @Test
    void theEventsAreInPostgres() {
        assertThat(runtimeMode.embedded()).isFalse();
        assertThat(new JdbcTemplate(dataSource).queryForObject("select count(*) from domainevententry", Long.class))
                .isPositive();
    }
}
