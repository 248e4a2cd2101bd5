package com.twofactor.standalone;

/** {@link AdminEndToEndTest} with the event store on PostgreSQL. */
@OnPostgres
class PostgresAdminEndToEndTest extends AdminEndToEndTest {
}
