package com.twofactor.query;

import static com.twofactor.platform.testsupport.ProblemAssertions.assertProblem;
import static com.twofactor.query.testsupport.Events.enabled;
import static com.twofactor.query.testsupport.Events.enrollmentStarted;
import static com.twofactor.query.testsupport.Events.recoveryCodesIssued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.MongoClient;
import com.twofactor.api.Portal;
import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.api.query.FindTwoFactorStatusQuery;
import com.twofactor.api.query.TwoFactorStatusView;
import com.twofactor.api.user.BrowserTrusted;
import com.twofactor.api.user.RecoveryResetRequested;
import com.twofactor.api.user.TrustedBrowserTokens;
import com.twofactor.api.user.UserLockedOut;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.platform.testsupport.ApiKeyHashes;
import com.twofactor.platform.testsupport.MutableClock;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionProcessors;
import com.twofactor.query.testsupport.TokenStores;

/**
 * The query side as it runs: the in-process MongoDB, the JDBC event store, tracking processors with tokens in
 * MongoDB, the query bus and the HTTP API with its authentication and problem details. Events are appended to the
 * event store as the command side would; answers are read over real HTTP on the loopback interface.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "twofactor.query.read-your-writes-timeout=5s"})
@Import(QuerySideHttpTest.TestClock.class)
@DirtiesContext
class QuerySideHttpTest {

    static final String PORTAL_KEY = "portal-key-for-acme";
    static final String ADMIN_KEY = "admin-key-for-all";
    static final String ENFORCING_ORGANIZATION = "enforcing-org";
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("twofactor-query-side-test");
        registry.add("twofactor.data-dir", dataDir::toString);
        ApiKeyHashes.register(registry, 0, "agent-portal", PORTAL_KEY, "PORTAL", "acme," + ENFORCING_ORGANIZATION);
        ApiKeyHashes.register(registry, 1, "admin-console", ADMIN_KEY, "ADMIN", "*");
    }


    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        Clock clock() {
            return new MutableClock(T0);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    @Autowired
    ProjectionProcessors processors;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    QueryGateway queryGateway;

    @Autowired
    MongoClient mongoClient;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eachProjection_hasItsOwnTrackingProcessor_withTokensInMongo() {
        assertThat(tokenStore).isInstanceOf(MongoTokenStore.class);
        assertThat(ProcessingGroups.ALL).contains(ProcessingGroups.USER_TWO_FACTOR_STATUS,
                ProcessingGroups.TWO_FACTOR_POLICIES, ProcessingGroups.RECOVERY_RESET_REQUESTS,
                ProcessingGroups.AUDIT_EVENTS);
        for (String group : ProcessingGroups.ALL) {
            assertThat(eventProcessing.eventProcessorByProcessingGroup(group))
                    .get().isInstanceOf(TrackingEventProcessor.class)
                    .extracting(EventProcessor::getName).isEqualTo(group);
            assertThat(eventProcessing.listenerInvocationErrorHandler(group))
                    .isSameAs(PropagatingErrorHandler.instance());
        }
        assertThat(mongoClient.getClusterDescription().getClusterSettings().getHosts())
                .allSatisfy(host -> assertThat(host.getHost()).isEqualTo("127.0.0.1"));
    }

    @Test
    void aDomainError_leavesTheQueryHandlerWithItsCodeInTheDetails_asAxonServerWouldCarryIt() {
        User alice = newUser();

        assertThatThrownBy(() -> queryGateway.query(new FindTwoFactorStatusQuery(alice.id, 5L),
                TwoFactorStatusView.class).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(QueryExecutionException.class, failure -> {
                    assertThat(failure.<Object>getDetails()).contains(ErrorCode.SERVICE_UNAVAILABLE.name());
                    assertThat(failure.getCause()).isInstanceOf(DomainException.class);
                });
    }

    @Test
    void anActiveUser_isChallenged_andSeesTheirStatus() throws Exception {
        User alice = newUser();
        alice.activate();

        HttpResponse<String> check = get(PORTAL_KEY, alice.path("/login-check?portal=AGENT&loginMethod=FORM&minVersion=2"));
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        assertThat(check.body()).isEqualTo(
                "{\"decision\":\"CHALLENGE\",\"methods\":[\"TOTP\",\"RECOVERY_CODE\"],\"remainingRecoveryCodes\":10,"
                        + "\"version\":2}");

        HttpResponse<String> status = get(ADMIN_KEY, alice.path("?minVersion=2"));
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(status.body()).contains("\"status\":\"ACTIVE\"", "\"remainingRecoveryCodes\":10",
                "\"lowRecoveryCodes\":false", "\"portal\":\"AGENT\"", "\"version\":2");
    }

    @Test
    void aTrustedBrowserToken_isHashedAndMatched_butNeverShown() throws Exception {
        User alice = newUser();
        alice.activate();
        String token = "raw-token-" + UUID.randomUUID();
        alice.append(new BrowserTrusted(alice.id, "browser-1", "Firefox", TrustedBrowserTokens.hash(token), T0,
                T0.plus(Duration.ofDays(30))));

        HttpResponse<String> trusted = send(request(PORTAL_KEY,
                alice.path("/login-check?portal=AGENT&loginMethod=FORM&minVersion=3"))
                .header("X-Trusted-Browser-Token", token));
        HttpResponse<String> untrusted = send(request(PORTAL_KEY,
                alice.path("/login-check?portal=AGENT&loginMethod=FORM&minVersion=3"))
                .header("X-Trusted-Browser-Token", "someone-elses-token"));
        HttpResponse<String> status = get(PORTAL_KEY, alice.path("?minVersion=3"));

        assertThat(trusted.body()).contains("\"decision\":\"NOT_REQUIRED\"");
        assertThat(untrusted.body()).contains("\"decision\":\"CHALLENGE\"");
        assertThat(status.body()).contains("\"browserId\":\"browser-1\"", "\"label\":\"Firefox\"")
                .doesNotContain(TrustedBrowserTokens.hash(token)).doesNotContain("tokenHash");
    }

    @Test
    void aLockedUser_isLocked_withLockedUntil() throws Exception {
        User alice = newUser();
        alice.activate();
        alice.append(new UserLockedOut(alice.id, T0, T0.plusSeconds(300), 1));

        HttpResponse<String> check = get(PORTAL_KEY, alice.path("/login-check?portal=AGENT&loginMethod=FORM&minVersion=3"));

        assertThat(check.body()).isEqualTo("{\"decision\":\"LOCKED\",\"methods\":[],\"lockedUntil\":\"2030-01-01T00:05:00Z\","
                + "\"remainingRecoveryCodes\":10,\"version\":3}");
    }

    @Test
    void thePolicy_showsEnforcementPerPortal() throws Exception {
        String organization = "org-" + UUID.randomUUID();
        appendPolicy(organization, 0, new TwoFactorEnforcementChanged(organization, Portal.CUSTOMER, true, "admin-1", T0));

        HttpResponse<String> policy = get(ADMIN_KEY, "/api/v1/organizations/" + organization
                + "/two-factor-policy?minVersion=0");

        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        assertThat(policy.body()).isEqualTo("{\"organizationId\":\"" + organization
                + "\",\"enforcement\":{\"AGENT\":false,\"CUSTOMER\":true},\"version\":0}");
    }

    @Test
    void theEnforcedPortal_requiresEnrollmentForFormLoginsOnly() throws Exception {
        appendPolicy(ENFORCING_ORGANIZATION, 0,
                new TwoFactorEnforcementChanged(ENFORCING_ORGANIZATION, Portal.AGENT, true, "admin-1", T0));
        assertThat(get(PORTAL_KEY, "/api/v1/organizations/" + ENFORCING_ORGANIZATION + "/two-factor-policy?minVersion=0")
                .body()).contains("\"AGENT\":true");
        User user = new User(new UserSecurityId(ENFORCING_ORGANIZATION, "carol"));

        assertThat(get(PORTAL_KEY, user.path("/login-check?portal=AGENT&loginMethod=FORM")).body())
                .isEqualTo("{\"decision\":\"ENROLLMENT_REQUIRED\",\"methods\":[],\"version\":0}");
        assertThat(get(PORTAL_KEY, user.path("/login-check?portal=CUSTOMER&loginMethod=FORM")).body())
                .contains("\"decision\":\"NOT_REQUIRED\"");
        assertThat(get(PORTAL_KEY, user.path("/login-check?portal=AGENT&loginMethod=SSO")).body())
                .contains("\"decision\":\"NOT_REQUIRED\"");
    }

    @Test
    void pendingResetRequests_areListedForAdmins() throws Exception {
        String organization = "org-" + UUID.randomUUID();
        User bob = new User(new UserSecurityId(organization, "bob"));
        bob.activate();
        bob.append(new RecoveryResetRequested(bob.id, "request-1", Portal.AGENT, "lost them", T0));
        get(ADMIN_KEY, bob.path("?minVersion=3"));

        awaitTrue(() -> {
            try {
                return get(ADMIN_KEY, "/api/v1/organizations/" + organization
                        + "/recovery-reset-requests?status=PENDING").body().contains("request-1");
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> page = get(ADMIN_KEY, "/api/v1/organizations/" + organization
                + "/recovery-reset-requests?status=PENDING&page=0&size=20");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"requestId\":\"request-1\"", "\"userId\":\"bob\"", "\"portal\":\"AGENT\"",
                "\"reason\":\"lost them\"", "\"status\":\"PENDING\"", "\"totalItems\":1", "\"page\":0", "\"size\":20");
    }

    @Nested
    class RefusedRequests {

        @Test
        void withoutKey_unauthorized() throws Exception {
            HttpResponse<String> response = send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/organizations/acme/two-factor-policy")));

            assertProblem(response, 401, "unauthorized");
        }

        @Test
        void withTheWrongRole_forbidden() throws Exception {
            assertProblem(get(ADMIN_KEY, "/api/v1/organizations/acme/users/alice/two-factor/login-check"
                    + "?portal=AGENT&loginMethod=FORM"), 403, "forbidden");
            assertProblem(get(PORTAL_KEY, "/api/v1/organizations/acme/recovery-reset-requests"), 403, "forbidden");
        }

        @Test
        void forAnotherOrganization_forbidden() throws Exception {
            assertProblem(get(PORTAL_KEY, "/api/v1/organizations/other/two-factor-policy"), 403, "forbidden");
        }

        @Test
        void withInvalidParameters_validationFailed() throws Exception {
            String check = "/api/v1/organizations/acme/users/alice/two-factor/login-check";
            assertProblem(get(PORTAL_KEY, check + "?loginMethod=FORM"), 400, "validation_failed");
            assertProblem(get(PORTAL_KEY, check + "?portal=AGENT"), 400, "validation_failed");
            assertProblem(get(PORTAL_KEY, check + "?portal=INTRANET&loginMethod=FORM"), 400, "validation_failed");
            assertProblem(get(PORTAL_KEY, check + "?portal=AGENT&loginMethod=FORM&minVersion=-1"), 400,
                    "validation_failed");
            assertProblem(get(PORTAL_KEY, "/api/v1/organizations/acme/users/al:ice/two-factor"), 400,
                    "validation_failed");
            String requests = "/api/v1/organizations/acme/recovery-reset-requests";
            assertProblem(get(ADMIN_KEY, requests + "?size=0"), 400, "validation_failed");
            assertProblem(get(ADMIN_KEY, requests + "?size=201"), 400, "validation_failed");
            assertProblem(get(ADMIN_KEY, requests + "?page=-1"), 400, "validation_failed");
            assertProblem(get(ADMIN_KEY, requests + "?status=LOST"), 400, "validation_failed");
            assertProblem(get(ADMIN_KEY, "/api/v1/organizations/-acme/two-factor-policy"), 400, "validation_failed");
        }

        @Test
        void aVersionTheReadModelDoesNotReach_serviceUnavailable() throws Exception {
            User alice = newUser();
            alice.activate();

            assertProblem(get(PORTAL_KEY, alice.path("/login-check?portal=AGENT&loginMethod=FORM&minVersion=99")),
                    503, "service_unavailable");
        }
    }

    @Test
    void aReplay_rebuildsTheStatusReadModel_andTheLoginCheckFailsClosedMeanwhile() throws Exception {
        User alice = newUser();
        alice.activate();
        assertThat(get(PORTAL_KEY, alice.path("?minVersion=2")).body()).contains("\"status\":\"ACTIVE\"");
        TrackingEventProcessor processor = eventProcessing
                .eventProcessorByProcessingGroup(ProcessingGroups.USER_TWO_FACTOR_STATUS, TrackingEventProcessor.class)
                .orElseThrow();

        processor.shutDown();
        processor.resetTokens();
        try {
            assertThat(processors.isRebuilding(ProcessingGroups.USER_TWO_FACTOR_STATUS)).isTrue();
            assertProblem(get(PORTAL_KEY, alice.path("/login-check?portal=AGENT&loginMethod=FORM")), 503,
                    "service_unavailable");
            assertThat(get(PORTAL_KEY, alice.path("")).body()).contains("\"status\":\"NOT_ENROLLED\"");
        } finally {
            processor.start();
        }

        assertThat(get(PORTAL_KEY, alice.path("?minVersion=2")).body()).contains("\"status\":\"ACTIVE\"");
        awaitTrue(() -> !processors.isRebuilding(ProcessingGroups.USER_TWO_FACTOR_STATUS));
        assertThat(get(PORTAL_KEY, alice.path("/login-check?portal=AGENT&loginMethod=FORM")).body())
                .contains("\"decision\":\"CHALLENGE\"");
    }

    @Test
    void aRebuildWhileAnotherNodeHoldsTheProjection_isRefused_andLeavesItsReadModelServing() throws Exception {
        User alice = newUser();
        alice.activate();
        assertThat(get(PORTAL_KEY, alice.path("?minVersion=2")).body()).contains("\"status\":\"ACTIVE\"");
        TrackingEventProcessor processor = eventProcessing
                .eventProcessorByProcessingGroup(ProcessingGroups.USER_TWO_FACTOR_STATUS, TrackingEventProcessor.class)
                .orElseThrow();
        MongoTokenStore otherNode = TokenStores.mongoTokenStore(mongoClient, "other-node");
        processor.shutDown();
        otherNode.fetchToken(ProcessingGroups.USER_TWO_FACTOR_STATUS, 0);
        try {
            HttpResponse<String> refused = send(request(ADMIN_KEY,
                    "/api/v1/projections/" + ProcessingGroups.USER_TWO_FACTOR_STATUS + "/rebuild")
                    .header("X-Actor-Id", "operator-olga").POST(HttpRequest.BodyPublishers.noBody()));

            assertProblem(refused, 409, "rebuild_not_possible");
            assertThat(refused.body()).contains("another node");
            assertThat(processors.isRebuilding(ProcessingGroups.USER_TWO_FACTOR_STATUS)).isFalse();
            assertThat(get(PORTAL_KEY, alice.path("/login-check?portal=AGENT&loginMethod=FORM")).body())
                    .contains("\"decision\":\"CHALLENGE\"");
            assertThat(get(ADMIN_KEY, "/api/v1/projections").body())
                    .contains("{\"name\":\"user-two-factor-status\",\"rebuilding\":false,\"phase\":null");
        } finally {
            otherNode.releaseClaim(ProcessingGroups.USER_TWO_FACTOR_STATUS, 0);
            processor.start();
        }
    }

    @Test
    void theRebuildEndpoint_rebuildsTheStatusReadModel_andTheLoginCheckFailsClosedUntilItCaughtUp() throws Exception {
        User alice = newUser();
        alice.activate();
        assertThat(get(PORTAL_KEY, alice.path("/login-check?portal=AGENT&loginMethod=FORM&minVersion=2")).body())
                .contains("\"decision\":\"CHALLENGE\"");

        HttpResponse<String> started = send(request(ADMIN_KEY,
                "/api/v1/projections/" + ProcessingGroups.USER_TWO_FACTOR_STATUS + "/rebuild")
                .header("X-Actor-Id", "operator-olga").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.body()).contains("\"name\":\"user-two-factor-status\"");
        awaitTrue(() -> !processors.isRebuilding(ProcessingGroups.USER_TWO_FACTOR_STATUS));
        assertThat(get(PORTAL_KEY, alice.path("/login-check?portal=AGENT&loginMethod=FORM")).body())
                .contains("\"decision\":\"CHALLENGE\"");
    }

    // ---- helpers

    private void appendPolicy(String organization, long sequence, TwoFactorEnforcementChanged event) {
        eventStore.publish(new GenericDomainEventMessage<>("TwoFactorPolicy", organization, sequence, event));
    }

    private User newUser() {
        return new User(new UserSecurityId("acme", "user-" + UUID.randomUUID()));
    }

    private HttpResponse<String> get(String key, String path) throws Exception {
        return send(request(key, path));
    }

    private HttpRequest.Builder request(String key, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for something the tracking processors do in the background; not a timing assertion. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition never became true").isNegative();
            Thread.sleep(20);
        }
    }

    /** A user aggregate the test appends events to, as the command side would. */
    private final class User {

        final UserSecurityId id;
        long nextSequence;

        User(UserSecurityId id) {
            this.id = id;
        }

        void activate() {
            append(enrollmentStarted(id, Portal.AGENT, T0));
            append(enabled(id, Portal.AGENT, T0));
            append(recoveryCodesIssued(id, "batch-1", T0));
        }

        void append(Object event) {
            eventStore.publish(new GenericDomainEventMessage<>("UserSecurity", id.toString(), nextSequence++, event));
        }

        String path(String suffix) {
            return "/api/v1/organizations/" + id.organizationId() + "/users/" + id.userId() + "/two-factor" + suffix;
        }
    }
}
