package com.twofactor.platform.testsupport;

/**
 * The PostgreSQL database tests may use: its JDBC URL comes from the system property
 * {@value #URL_PROPERTY} (Maven sets it from the environment variable {@code TWOFACTOR_TEST_POSTGRES_URL};
 * {@code .ci/run} starts PostgreSQL and sets it). Without it, PostgreSQL tests are skipped.
 */
public final class PostgresTestDatabase {

    public static final String URL_PROPERTY = "twofactor.test.postgres-url";

    private PostgresTestDatabase() {
    }

    /** The URL, or {@code null} when none is configured (an unset variable reaches us as a literal "${...}"). */
    public static String url() {
        String url = System.getProperty(URL_PROPERTY);
        return url == null || url.isBlank() || url.startsWith("${") ? null : url;
    }

    /** For {@code @EnabledIf}. */
    public static boolean configured() {
        return url() != null;
    }
}
