package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import com.fasterxml.jackson.databind.JsonNode;
import com.twofactor.api.user.TwoFactorEnabled;
import com.twofactor.query.processing.ProcessingGroups;

/**
 * Rebuilding read models from the event store, as an operator does it over HTTP: the result is exactly what was
 * there before, and while the login check's read model is being rebuilt it refuses to answer (503) rather than
 * answer from a partial read model. Runs its own service, with a gate that can hold the status projection's
 * replay at a user's enabling event.
 */
@Import(RebuildEndToEndTest.ReplayGate.class)
class RebuildEndToEndTest extends StandaloneTest {

    private static final String STATUS = ProcessingGroups.USER_TWO_FACTOR_STATUS;
    /** Not read models: the processors' positions and the rebuild marks themselves. */
    private static final List<String> NOT_READ_MODELS = List.of("tracking_tokens", "projection_rebuilds");

    @Autowired
    MongoTemplate mongo;

    /**
     * A second handler in the status projection's processing group: during a replay it can hold the processor
     * at the first {@link TwoFactorEnabled}, and during a reset it can run a probe. Open and empty by default.
     */
    @ProcessingGroup(ProcessingGroups.USER_TWO_FACTOR_STATUS)
    static class ReplayGate {

        static volatile CountDownLatch gate = new CountDownLatch(0);
        static volatile Runnable duringReset = () -> { };

        @EventHandler
        void on(TwoFactorEnabled event, ReplayStatus replayStatus) throws InterruptedException {
            if (replayStatus.isReplay()) {
                gate.await(2, TimeUnit.MINUTES);
            }
        }

        @ResetHandler
        void onReset() {
            duringReset.run();
        }
    }

    @AfterEach
    void openTheGate() {
        ReplayGate.gate.countDown();
        ReplayGate.duringReset = () -> { };
    }

    @Test
    void rebuildingEveryProjection_reproducesEveryReadModelExactly() {
        fullHistory("rebuild-" + UUID.randomUUID());
        ActiveUser active = activeUser("rebuild-" + UUID.randomUUID());
        expect(200, api.post(active.path() + "/verification", TestApi.PORTAL_KEY,
                Map.of("code", nextCode(active.secret()), "rememberBrowser", true, "browserLabel", "Safari")));
        expect(202, api.post(active.path() + "/recovery-reset-requests", TestApi.PORTAL_KEY, Map.of("reason", "lost")));
        awaitTrue("every projection up to date", this::everyProjectionUpToDate);
        Map<String, List<String>> before = readModels();
        assertThat(before.keySet()).contains("user_two_factor_status", "two_factor_policies", "recovery_reset_requests",
                "audit_events");
        assertThat(before.values()).allSatisfy(documents -> assertThat(documents).isNotEmpty());

        TestApi.Response rebuild = expect(202, api.post("/api/v1/projections/all/rebuild", TestApi.ADMIN_KEY, null,
                "X-Actor-Id", "operator-olga"));
        assertThat(rebuild.json().get("projections")).extracting(projection -> projection.get("name").asText())
                .containsExactly(STATUS, ProcessingGroups.TWO_FACTOR_POLICIES, ProcessingGroups.RECOVERY_RESET_REQUESTS,
                        ProcessingGroups.AUDIT_EVENTS);
        awaitTrue("every projection rebuilt and up to date", this::everyProjectionUpToDate);

        assertThat(readModels()).isEqualTo(before);
    }

    @Test
    void whileTheStatusProjectionIsRebuilt_theLoginCheckAnswers503_andChallengesAgainOnceCaughtUp() {
        ActiveUser user = activeUser("acme");
        String loginCheck = user.path() + "/login-check?portal=AGENT&loginMethod=FORM";
        assertThat(expect(200, api.get(loginCheck + "&minVersion=" + user.version(), TestApi.PORTAL_KEY))
                .text("decision")).isEqualTo("CHALLENGE");
        awaitTrue("every projection up to date", this::everyProjectionUpToDate);

        ReplayGate.gate = new CountDownLatch(1);
        AtomicReference<TestApi.Response> answeredDuringTheReset = new AtomicReference<>();
        ReplayGate.duringReset = () -> answeredDuringTheReset.set(api.get(loginCheck, TestApi.PORTAL_KEY));
        expect(202, api.post("/api/v1/projections/" + STATUS + "/rebuild", TestApi.ADMIN_KEY, null,
                "X-Actor-Id", "operator-olga"));

        assertServiceUnavailable(answeredDuringTheReset.get());
        assertServiceUnavailable(api.get(loginCheck, TestApi.PORTAL_KEY));
        assertThat(projection(STATUS).get("rebuilding").asBoolean()).isTrue();
        assertServiceUnavailable(api.get(loginCheck, TestApi.PORTAL_KEY));

        ReplayGate.gate.countDown();
        awaitTrue("the status projection caught up", () -> !projection(STATUS).get("rebuilding").asBoolean());

        TestApi.Response after = expect(200, api.get(loginCheck, TestApi.PORTAL_KEY));
        assertThat(after.text("decision")).isEqualTo("CHALLENGE");
        assertThat(after.json().get("version").asLong()).isEqualTo(user.version());
    }

    @Test
    void onlyAnAdminKeyForAllOrganizations_mayRebuildOrSeeProjections_namingWhoActs() {
        String rebuild = "/api/v1/projections/" + ProcessingGroups.TWO_FACTOR_POLICIES + "/rebuild";
        assertProblem(api.post(rebuild, TestApi.PORTAL_KEY, null, "X-Actor-Id", "x"), 403, "forbidden");
        assertProblem(api.post(rebuild, TestApi.AUDITOR_KEY, null, "X-Actor-Id", "x"), 403, "forbidden");
        assertProblem(api.post(rebuild, TestApi.ACME_ADMIN_KEY, null, "X-Actor-Id", "x"), 403, "forbidden");
        assertProblem(api.post(rebuild, null, null), 401, "unauthorized");
        assertProblem(api.post(rebuild, TestApi.ADMIN_KEY, null), 400, "validation_failed");
        assertProblem(api.post("/api/v1/projections/everything/rebuild", TestApi.ADMIN_KEY, null, "X-Actor-Id", "x"),
                404, "not_found");
        assertProblem(api.get("/api/v1/projections", TestApi.ACME_ADMIN_KEY), 403, "forbidden");
        assertProblem(api.get("/api/v1/projections", TestApi.AUDITOR_KEY), 403, "forbidden");
        assertThat(expect(200, api.get("/api/v1/projections", TestApi.ADMIN_KEY)).json().get("projections")).hasSize(4);
    }

    // ---- helpers

    /** Every document of every read-model collection, sorted by id, as JSON. */
    private Map<String, List<String>> readModels() {
        Map<String, List<String>> readModels = new LinkedHashMap<>();
        mongo.getCollectionNames().stream().sorted().filter(name -> !NOT_READ_MODELS.contains(name)).forEach(name ->
                readModels.put(name, mongo.find(new Query().with(Sort.by("_id")), Document.class, name).stream()
                        .map(Document::toJson).toList()));
        return readModels;
    }

    private JsonNode projection(String name) {
        for (JsonNode projection : expect(200, api.get("/api/v1/projections", TestApi.ADMIN_KEY)).json()
                .get("projections")) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private boolean everyProjectionUpToDate() {
        List<Boolean> ready = new ArrayList<>();
        expect(200, api.get("/api/v1/projections", TestApi.ADMIN_KEY)).json().get("projections").forEach(projection ->
                ready.add(projection.get("upToDate").asBoolean() && !projection.get("rebuilding").asBoolean()));
        return !ready.contains(false);
    }

    private static void assertServiceUnavailable(TestApi.Response response) {
        assertProblem(response, 503, "service_unavailable");
    }

    private static void assertProblem(TestApi.Response response, int status, String code) {
        assertThat(response).isNotNull();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.text("code")).isEqualTo(code);
    }
}
