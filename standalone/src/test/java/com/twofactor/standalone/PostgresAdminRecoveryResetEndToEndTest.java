package com.twofactor.standalone;

/** {@link AdminRecoveryResetEndToEndTest} with the event store on PostgreSQL. */
@OnPostgres
class PostgresAdminRecoveryResetEndToEndTest extends AdminRecoveryResetEndToEndTest {
}
