package com.twofactor.standalone;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs an end-to-end test class with its event store on PostgreSQL (the "production, no Axon Server" mode)
 * instead of H2, when a test database is configured ({@code TWOFACTOR_TEST_POSTGRES_URL}); skipped otherwise.
 * Outside the embedded default the service insists on configured encryption keys, so the test gives one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@EnabledIf("com.twofactor.platform.testsupport.PostgresTestDatabase#configured")
@TestPropertySource(properties = {
        "spring.datasource.url=${twofactor.test.postgres-url}",
        "twofactor.crypto.active-key-id=test-1",
        "twofactor.crypto.keys[0].id=test-1",
        "twofactor.crypto.keys[0].key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
})
@interface OnPostgres {
}
