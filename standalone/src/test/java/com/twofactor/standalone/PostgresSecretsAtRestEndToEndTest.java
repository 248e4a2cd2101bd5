package com.twofactor.standalone;

/** {@link SecretsAtRestEndToEndTest} with the event store on PostgreSQL. */
@OnPostgres
class PostgresSecretsAtRestEndToEndTest extends SecretsAtRestEndToEndTest {
}
