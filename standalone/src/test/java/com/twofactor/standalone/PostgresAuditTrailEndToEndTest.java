package com.twofactor.standalone;

/** {@link AuditTrailEndToEndTest} with the event store on PostgreSQL. */
@OnPostgres
class PostgresAuditTrailEndToEndTest extends AuditTrailEndToEndTest {
}
