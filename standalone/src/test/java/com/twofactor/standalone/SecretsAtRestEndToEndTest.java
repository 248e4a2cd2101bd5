package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an attacker with a copy of the databases would find after real flows: the raw event store (every column
 * of every stored event and snapshot, payload and metadata included) and every MongoDB collection hold no TOTP
 * secret, recovery code or trusted-browser token in clear. Token hashes are expected only where the login check
 * compares them (the events that trust a browser, and the users' status documents), never anywhere else.
 */
class SecretsAtRestEndToEndTest extends StandaloneTest {

    /** Where the login check legitimately keeps trusted-browser token hashes. */
    private static final String STATUS_COLLECTION = "user_two_factor_status";

    @Autowired
    DataSource dataSource;

    @Autowired
    MongoTemplate mongo;

    @Test
    void theEventStoreAndEveryReadModel_holdNoSecretRecoveryCodeOrTokenInClear() {
        History history = fullHistory("at-rest-" + UUID.randomUUID());
        ActiveUser stillActive = activeUser("at-rest-" + UUID.randomUUID());
        TestApi.Response trusted = expect(200, api.post(stillActive.path() + "/verification", TestApi.PORTAL_KEY,
                java.util.Map.of("code", nextCode(stillActive.secret()), "rememberBrowser", true)));
        History everything = new History(history.organizationId(), history.userId(),
                concat(history.secrets(), List.of(stillActive.secret())),
                concat(history.recoveryCodes(), stillActive.recoveryCodes()),
                concat(history.trustedBrowserTokens(), List.of(trusted.text("trustedBrowserToken"))),
                history.lastVersion());
        awaitTrue("every projection up to date", this::projectionsUpToDate);

        List<String> eventStore = eventStoreRows();
        // The scan reads what matters: payloads (field names of the events) and metadata (the API key's name).
        assertThat(String.join("\n", eventStore)).contains(history.userId(), "TwoFactorEnrollmentStarted",
                "\"ciphertext\"", "\"tokenHash\"", "\"lookupId\"", "\"client\":\"test-portal\"");
        for (String clear : clearForms(everything)) {
            assertThat(eventStore).as("the event store must not hold %s", clear)
                    .noneMatch(row -> row.toLowerCase().contains(clear.toLowerCase()));
        }

        List<String> collections = new ArrayList<>(mongo.getCollectionNames());
        assertThat(collections).contains(STATUS_COLLECTION, "audit_events", "recovery_reset_requests",
                "two_factor_policies", "tracking_tokens");
        for (String collection : collections) {
            String documents = String.join("\n", mongo.findAll(Document.class, collection).stream()
                    .map(Document::toJson).toList());
            for (String clear : clearForms(everything)) {
                assertThat(documents).as("%s must not hold %s", collection, clear).doesNotContainIgnoringCase(clear);
            }
            if (!collection.equals(STATUS_COLLECTION)) {
                for (String hash : tokenHashes(everything)) {
                    assertThat(documents).as("%s must not hold the token hash %s", collection, hash)
                            .doesNotContain(hash);
                }
            }
        }
        assertThat(mongo.findAll(Document.class, STATUS_COLLECTION).stream().map(Document::toJson))
                .as("the login check compares the presented token's hash with this")
                .anyMatch(json -> json.contains(com.twofactor.api.user.TrustedBrowserTokens.hash(
                        trusted.text("trustedBrowserToken"))));
    }

    /** Every row of the event and snapshot tables, every column, byte columns read as UTF-8. */
    private List<String> eventStoreRows() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> rows = new ArrayList<>();
        for (String table : List.of("DomainEventEntry", "SnapshotEventEntry")) {
            jdbc.query("SELECT * FROM " + table, resultSet -> {
                ResultSetMetaData columns = resultSet.getMetaData();
                StringBuilder row = new StringBuilder(table);
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    Object value = resultSet.getObject(column);
                    if (value instanceof java.sql.Blob || value instanceof byte[]) {
                        byte[] bytes = resultSet.getBytes(column);
                        row.append(' ').append(columns.getColumnLabel(column)).append('=')
                                .append(new String(bytes, StandardCharsets.UTF_8));
                    } else {
                        row.append(' ').append(columns.getColumnLabel(column)).append('=').append(value);
                    }
                }
                rows.add(row.toString());
            });
        }
        return rows;
    }

    private boolean projectionsUpToDate() {
        TestApi.Response projections = api.get("/api/v1/projections", TestApi.ADMIN_KEY);
        List<Boolean> upToDate = new ArrayList<>();
        projections.json().get("projections").forEach(projection ->
                upToDate.add(projection.get("upToDate").asBoolean() && !projection.get("rebuilding").asBoolean()));
        return !upToDate.isEmpty() && !upToDate.contains(false);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
