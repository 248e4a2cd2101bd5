package com.twofactor.standalone;

/** {@link LoginEndToEndTest} with the event store on PostgreSQL. */
@OnPostgres
class PostgresLoginEndToEndTest extends LoginEndToEndTest {
}
