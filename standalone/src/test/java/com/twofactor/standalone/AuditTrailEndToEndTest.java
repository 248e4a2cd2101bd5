package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail as auditors use it over HTTP, after real flows: who did what to whose second factor, when,
 * through which client; filters, pages and both exports; who may read it; and that no secret, code or token
 * (nor a token's hash) ever shows in it.
 */
class AuditTrailEndToEndTest extends StandaloneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENTRY_FIELDS = List.of("eventId", "type", "occurredAt", "userId", "actorId",
            "client", "correlationId", "details", "version");

    private String organizationId;
    private History history;

    @BeforeEach
    void driveAFullHistory() {
        organizationId = "audit-" + UUID.randomUUID();
        history = fullHistory(organizationId);
        // A fresh audit read model may still be catching up with the event store (503 meanwhile).
        awaitTrue("the policy change reaching the audit trail", () -> {
            TestApi.Response policyChanges = page("type=policy.enforcement_changed", TestApi.AUDITOR_KEY);
            return policyChanges.status() == 200 && policyChanges.json().get("totalItems").asLong() == 1;
        });
    }

    private String auditPath(String query) {
        return "/api/v1/organizations/" + organizationId + "/audit-events" + (query.isEmpty() ? "" : "?" + query);
    }

    private TestApi.Response page(String query, String key) {
        return api.get(auditPath(query), key);
    }

    /** Every entry matching the query, page by page. */
    private List<JsonNode> everyEntry(String query, int size) {
        List<JsonNode> entries = new ArrayList<>();
        long total = -1;
        for (int page = 0; total < 0 || (long) page * size < total; page++) {
            TestApi.Response response = expect(200, page(query + (query.isEmpty() ? "" : "&") + "page=" + page
                    + "&size=" + size, TestApi.AUDITOR_KEY));
            total = response.json().get("totalItems").asLong();
            response.json().get("items").forEach(entries::add);
        }
        assertThat(entries).hasSize((int) total);
        return entries;
    }

    private List<JsonNode> userEntries() {
        return everyEntry("userId=" + history.userId(), 200);
    }

    @Test
    void everyEventOfTheUser_isAnEntry_inOrder_withWhoWhenAndHow() {
        List<JsonNode> entries = userEntries();

        assertThat(entries).extracting(entry -> entry.get("version").asLong())
                .containsExactlyInAnyOrderElementsOf(versionsUpTo(history.lastVersion()));
        assertThat(entries).allSatisfy(entry -> {
            assertThat(fieldNames(entry)).containsExactlyElementsOf(ENTRY_FIELDS);
            assertThat(entry.get("userId").asText()).isEqualTo(history.userId());
            assertThat(entry.get("correlationId").asText()).isNotBlank();
            assertThat(entry.get("client").asText()).isIn("test-portal", "test-admin");
        });
        assertThat(entries).extracting(entry -> entry.get("type").asText()).contains(
                "two_factor.enrollment_started", "two_factor.enabled", "recovery_codes.issued",
                "second_factor.verified", "trusted_browser.trusted", "second_factor.rejected",
                "recovery_code.consumed", "second_factor.locked_out", "second_factor.unlocked",
                "recovery_reset.requested", "recovery_reset.approved", "trusted_browsers.revoked", "two_factor.reset");
        List<String> order = entries.stream()
                .map(entry -> entry.get("occurredAt").asText() + " " + entry.get("eventId").asText()).toList();
        assertThat(order).isSortedAccordingTo((a, b) -> {
            int byTime = Instant.parse(a.split(" ")[0]).compareTo(Instant.parse(b.split(" ")[0]));
            return byTime != 0 ? byTime : a.split(" ")[1].compareTo(b.split(" ")[1]);
        });

        JsonNode confirmation = only(entries, "two_factor.enabled");
        assertThat(confirmation.get("actorId").asText()).as("the portal named the user acting").isEqualTo(history.userId());
        assertThat(confirmation.get("client").asText()).isEqualTo("test-portal");
        assertThat(confirmation.get("details").get("portal").asText()).isEqualTo("AGENT");
        JsonNode rejection = entries.stream().filter(entry -> entry.get("type").asText().equals("second_factor.rejected"))
                .findFirst().orElseThrow();
        assertThat(rejection.get("actorId").isNull()).isTrue();
        assertThat(rejection.get("details").get("reason").asText()).isEqualTo("invalid_code");
        assertThat(rejection.get("details").get("method").asText()).isEqualTo("TOTP");
    }

    @Test
    void anAdminAction_recordsTheAdminAsActor_andTheAdminsKeyAsClient() {
        List<JsonNode> entries = userEntries();

        JsonNode unlock = only(entries, "second_factor.unlocked");
        assertThat(unlock.get("actorId").asText()).isEqualTo(ADMIN_ANN);
        assertThat(unlock.get("client").asText()).isEqualTo("test-admin");
        JsonNode approval = only(entries, "recovery_reset.approved");
        assertThat(approval.get("actorId").asText()).isEqualTo(ADMIN_ANN);
        assertThat(approval.get("details").get("comment").asText()).isEqualTo("checked, by phone");
        JsonNode reset = only(entries, "two_factor.reset");
        assertThat(reset.get("actorId").asText()).isEqualTo(ADMIN_BOB);
        assertThat(reset.get("client").asText()).isEqualTo("test-admin");

        JsonNode policy = everyEntry("type=policy.enforcement_changed", 10).get(0);
        assertThat(policy.get("userId").isNull()).isTrue();
        assertThat(policy.get("actorId").asText()).isEqualTo(ADMIN_ANN);
        assertThat(policy.get("client").asText()).isEqualTo("test-admin");
        assertThat(policy.get("details").get("portal").asText()).isEqualTo("CUSTOMER");
        assertThat(policy.get("details").get("enforced").asBoolean()).isTrue();
    }

    @Test
    void noSecretCodeOrToken_norATokensHash_appearsInTheTrail_itsPagesOrEitherExport() {
        StringBuilder everything = new StringBuilder();
        everyEntry("", 3).forEach(entry -> everything.append(entry).append('\n'));
        everything.append(export("application/x-ndjson").body());
        everything.append(export("text/csv").body());
        String trail = everything.toString();
        assertThat(trail).contains(history.userId(), "trusted_browser.trusted", "recovery_codes.issued");

        for (String forbidden : forbiddenForms(history)) {
            assertThat(trail).as("the trail must not contain %s", forbidden).doesNotContainIgnoringCase(forbidden);
        }
        assertThat(trail).doesNotContain("tokenHash", "\"secret\"", "lookupId", "salt", "acceptedTimeStep");
    }

    @Test
    void filtersByUserTypeActorAndTime_fromInclusiveToExclusive() {
        List<JsonNode> all = everyEntry("", 200);

        assertThat(everyEntry("type=second_factor.rejected", 200)).hasSize(6)
                .allSatisfy(entry -> assertThat(entry.get("type").asText()).isEqualTo("second_factor.rejected"));
        assertThat(everyEntry("actorId=" + ADMIN_ANN, 200)).extracting(entry -> entry.get("type").asText())
                .containsExactlyInAnyOrder("second_factor.unlocked", "recovery_reset.approved",
                        "policy.enforcement_changed");
        assertThat(everyEntry("userId=" + history.userId() + "&type=recovery_codes.issued", 200)).hasSize(2);
        assertThat(everyEntry("userId=someone-else", 200)).isEmpty();

        Instant from = Instant.parse(only(all, "second_factor.locked_out").get("occurredAt").asText());
        Instant to = Instant.parse(only(all, "two_factor.reset").get("occurredAt").asText());
        List<String> expected = all.stream().filter(entry -> {
            Instant at = Instant.parse(entry.get("occurredAt").asText());
            return !at.isBefore(from) && at.isBefore(to);
        }).map(entry -> entry.get("eventId").asText()).toList();
        assertThat(expected).isNotEmpty();
        assertThat(everyEntry("from=" + from + "&to=" + to, 200)).extracting(entry -> entry.get("eventId").asText())
                .containsExactlyElementsOf(expected)
                .contains(only(all, "second_factor.locked_out").get("eventId").asText())
                .doesNotContain(only(all, "two_factor.reset").get("eventId").asText());
    }

    @Test
    void pagesOfAnySize_addUpToTheWholeTrail_withoutRepeatsOrGaps() {
        List<String> whole = everyEntry("", 200).stream().map(entry -> entry.get("eventId").asText()).toList();
        assertThat(whole).hasSizeGreaterThan(20).doesNotHaveDuplicates();

        for (int size : List.of(1, 3, 7)) {
            assertThat(everyEntry("", size)).extracting(entry -> entry.get("eventId").asText())
                    .as("pages of %d", size).containsExactlyElementsOf(whole);
        }
        TestApi.Response beyond = expect(200, page("page=1000&size=200", TestApi.AUDITOR_KEY));
        assertThat(beyond.json().get("items")).isEmpty();
        assertThat(beyond.json().get("totalItems").asLong()).isEqualTo(whole.size());
        assertThat(beyond.json().get("page").asInt()).isEqualTo(1000);
        assertThat(beyond.json().get("size").asInt()).isEqualTo(200);
    }

    @Test
    void ndjson_streamsEveryMatch_notAPage_oneEntryPerLine() throws Exception {
        List<JsonNode> whole = everyEntry("", 200);

        TestApi.Response export = api.get(auditPath("size=1&page=3"), TestApi.ADMIN_KEY, "Accept", "application/x-ndjson");

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        String[] lines = export.body().split("\n");
        assertThat(lines).hasSize(whole.size());
        List<JsonNode> streamed = new ArrayList<>();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(fieldNames(entry)).containsExactlyElementsOf(ENTRY_FIELDS);
            streamed.add(entry);
        }
        assertThat(streamed).containsExactlyElementsOf(whole);

        TestApi.Response filtered = api.get(auditPath("type=second_factor.rejected"), TestApi.AUDITOR_KEY,
                "Accept", "application/x-ndjson");
        assertThat(filtered.body().split("\n")).hasSize(6);
    }

    @Test
    void csv_streamsEveryMatch_withAHeader_quotingWhatNeedsIt_andDetailsAsJson() throws Exception {
        List<JsonNode> whole = everyEntry("", 200);

        TestApi.Response export = export("text/csv");

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        List<List<String>> rows = Csv.parse(export.body());
        assertThat(rows.get(0)).containsExactlyElementsOf(ENTRY_FIELDS);
        List<List<String>> records = rows.subList(1, rows.size());
        assertThat(records).hasSize(whole.size());
        for (int i = 0; i < whole.size(); i++) {
            JsonNode entry = whole.get(i);
            List<String> row = records.get(i);
            assertThat(row).hasSize(ENTRY_FIELDS.size());
            assertThat(row.get(0)).isEqualTo(entry.get("eventId").asText());
            assertThat(row.get(1)).isEqualTo(entry.get("type").asText());
            assertThat(Instant.parse(row.get(2))).isEqualTo(Instant.parse(entry.get("occurredAt").asText()));
            assertThat(row.get(3)).isEqualTo(entry.get("userId").isNull() ? "" : entry.get("userId").asText());
            assertThat(row.get(4)).isEqualTo(entry.get("actorId").isNull() ? "" : entry.get("actorId").asText());
            assertThat(row.get(5)).isEqualTo(entry.get("client").asText());
            assertThat(JSON.readTree(row.get(7))).isEqualTo(entry.get("details"));
            assertThat(Long.parseLong(row.get(8))).isEqualTo(entry.get("version").asLong());
        }
        List<String> request = records.stream().filter(row -> row.get(1).equals("recovery_reset.requested"))
                .findFirst().orElseThrow();
        assertThat(JSON.readTree(request.get(7)).get("reason").asText()).isEqualTo(AWKWARD_REASON);
        assertThat(export.body()).contains("\"\"reason\"\"");
    }

    @Test
    void anExport_streamsEveryMatch_farBeyondTheLargestPage() {
        String busy = "audit-busy-" + UUID.randomUUID();
        String userId = newUserId();
        for (int restart = 0; restart < 205; restart++) {
            startEnrollment(busy, userId);
        }
        String path = "/api/v1/organizations/" + busy + "/audit-events";
        awaitTrue("205 entries", () -> api.get(path, TestApi.AUDITOR_KEY).json().get("totalItems").asLong() == 205);

        TestApi.Response ndjson = api.get(path, TestApi.AUDITOR_KEY, "Accept", "application/x-ndjson");
        TestApi.Response csv = api.get(path, TestApi.AUDITOR_KEY, "Accept", "text/csv");

        assertThat(ndjson.body().split("\n")).hasSize(205).doesNotHaveDuplicates();
        assertThat(Csv.parse(csv.body())).hasSize(206).doesNotHaveDuplicates();
    }

    @Test
    void onlyAuditorsAndAdminsOfTheOrganization_mayReadIt() {
        assertThat(page("", TestApi.AUDITOR_KEY).status()).isEqualTo(200);
        assertThat(page("", TestApi.ADMIN_KEY).status()).isEqualTo(200);
        assertProblem(page("", null), 401, "unauthorized");
        assertProblem(page("", TestApi.PORTAL_KEY), 403, "forbidden");
        assertProblem(page("", TestApi.ACME_PORTAL_KEY), 403, "forbidden");
        assertProblem(page("", TestApi.ACME_AUDITOR_KEY), 403, "forbidden");
        assertProblem(page("", TestApi.ACME_ADMIN_KEY), 403, "forbidden");
        assertProblem(api.get(auditPath(""), TestApi.ACME_AUDITOR_KEY, "Accept", "text/csv"), 403, "forbidden");
        assertProblem(api.get(auditPath(""), TestApi.PORTAL_KEY, "Accept", "application/x-ndjson"), 403, "forbidden");

        assertThat(api.get("/api/v1/organizations/acme/audit-events", TestApi.ACME_AUDITOR_KEY).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/organizations/acme/audit-events", TestApi.ACME_ADMIN_KEY).status()).isEqualTo(200);
    }

    @Test
    void invalidParameters_areRefusedWithValidationFailed() {
        for (String query : List.of("size=0", "size=201", "page=-1", "type=two_factor.hacked", "from=yesterday",
                "to=2026-13-01T00:00:00Z", "userId=bad%20id", "actorId=-admin",
                "from=2026-12-05T00:00:00Z&to=2026-12-04T00:00:00Z")) {
            assertProblem(page(query, TestApi.AUDITOR_KEY), 400, "validation_failed");
        }
        assertProblem(api.get(auditPath("from=2026-12-05T00:00:00Z&to=2026-12-04T00:00:00Z"), TestApi.AUDITOR_KEY,
                "Accept", "text/csv"), 400, "validation_failed");
        assertProblem(api.get(auditPath(""), TestApi.AUDITOR_KEY, "Accept", "application/xml"), 406, "not_acceptable");
    }

    // ---- helpers

    private TestApi.Response export(String mediaType) {
        return expect(200, api.get(auditPath(""), TestApi.AUDITOR_KEY, "Accept", mediaType));
    }

    private static JsonNode only(List<JsonNode> entries, String type) {
        List<JsonNode> matching = entries.stream().filter(entry -> entry.get("type").asText().equals(type)).toList();
        assertThat(matching).as(type).hasSize(1);
        return matching.get(0);
    }

    private static List<Long> versionsUpTo(long last) {
        List<Long> versions = new ArrayList<>();
        for (long version = 0; version <= last; version++) {
            versions.add(version);
        }
        return versions;
    }

    private static List<String> fieldNames(JsonNode entry) {
        List<String> names = new ArrayList<>();
        entry.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertProblem(TestApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo(code);
    }

    /** A strict RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks; CRLF rows. */
    static final class Csv {

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    assertThat(field).as("a quote inside an unquoted field").isEmpty();
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r') {
                    assertThat(text.charAt(i + 1)).as("rows end with CRLF").isEqualTo('\n');
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            assertThat(quoted).as("an unterminated quoted field").isFalse();
            assertThat(row).as("the last row ends with CRLF").isEmpty();
            assertThat(field).isEmpty();
            return rows;
        }
    }
}
