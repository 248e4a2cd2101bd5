package com.twofactor.standalone;

/** {@link ConcurrentRecoveryCodeEndToEndTest} with the event store on PostgreSQL. */
@OnPostgres
class PostgresConcurrentRecoveryCodeEndToEndTest extends ConcurrentRecoveryCodeEndToEndTest {
}
