package com.twofactor.standalone;

/** {@link EnrollmentEndToEndTest} with the event store on PostgreSQL. */
@OnPostgres
class PostgresEnrollmentEndToEndTest extends EnrollmentEndToEndTest {
}
