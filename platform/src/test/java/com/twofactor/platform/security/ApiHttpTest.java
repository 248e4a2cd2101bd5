package com.twofactor.platform.security;

import static com.twofactor.platform.testsupport.ProblemAssertions.assertNoInternals;
import static com.twofactor.platform.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.twofactor.platform.testsupport.ApiKeyHashes;
import com.twofactor.platform.testsupport.RawHttp;
import com.example.twofactor.PlatformTestApplication;
import com.example.twofactor.ThingCreated;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform's HTTP edge, over real HTTP: authentication, authorization, request limits and problem details.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiHttpTest {

    static final String PORTAL_KEY = "portal-key-for-org-1";
    static final String ADMIN_KEY = "admin-key-for-all";
    static final String AUDITOR_KEY = "auditor-key-for-all";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("twofactor-api-test");
        registry.add("twofactor.data-dir", dataDir::toString);
        ApiKeyHashes.register(registry, 0, "agent-portal", PORTAL_KEY, "PORTAL", "org-1");
        ApiKeyHashes.register(registry, 1, "admin-console", ADMIN_KEY, "ADMIN", "*");
        ApiKeyHashes.register(registry, 2, "audit-tool", AUDITOR_KEY, "AUDITOR", "*");
    }


    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    HttpRequest.Builder as(String key, String path) {
        return request(path).header("Authorization", "Bearer " + key);
    }

    RawHttp.Response raw(String head, byte[] body) throws IOException {
        return RawHttp.send(port, head, body);
    }

    /** {@link com.twofactor.platform.testsupport.ProblemAssertions#assertProblem} for a raw response. */
    static void assertRawProblem(RawHttp.Response response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"code\":\"" + code + "\"")
                .contains("\"status\":" + status)
                .contains("\"type\":", "\"title\":", "\"detail\":");
        assertNoInternals(response.body());
    }

    static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    @Nested
    class Authentication {

        @Test
        void aRequestWithoutKey_isUnauthorized() throws Exception {
            HttpResponse<String> response = send(request("/api/v1/organizations/org-1/ping"));

            assertProblem(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
        }

        @Test
        void aRequestWithUnknownKey_isUnauthorized() throws Exception {
            HttpResponse<String> response = send(as("not-a-configured-key", "/api/v1/organizations/org-1/ping"));

            assertProblem(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
            assertThat(response.body()).doesNotContain("not-a-configured-key");
        }

        @Test
        void aRequestWithAnotherScheme_isUnauthorized() throws Exception {
            HttpResponse<String> response = send(request("/api/v1/organizations/org-1/ping")
                    .header("Authorization", "Basic " + PORTAL_KEY));

            assertProblem(response, 401, "unauthorized");
        }

        @Test
        void aRequestWithAConfiguredKey_isServedAsThatClient() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/ping"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"client\":\"agent-portal\"");
        }

        @Test
        void pathsOutsideTheApi_needNoKey() throws Exception {
            HttpResponse<String> response = send(request("/actuator/health"));

            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Authorization {

        @Test
        void aKeyWithoutTheRequiredRole_isForbidden() throws Exception {
            assertProblem(send(as(AUDITOR_KEY, "/api/v1/organizations/org-1/ping")), 403, "forbidden");
        }

        @Test
        void aKeyWithAnyOfTheListedRoles_isAllowed() throws Exception {
            assertThat(send(as(ADMIN_KEY, "/api/v1/organizations/org-9/ping")).statusCode()).isEqualTo(200);
        }

        @Test
        void aKeyForAnotherOrganization_isForbidden() throws Exception {
            assertProblem(send(as(PORTAL_KEY, "/api/v1/organizations/org-2/ping")), 403, "forbidden");
        }

        @Test
        void anEndpointWithoutRequiresRole_isRefused() throws Exception {
            HttpResponse<String> response = send(as(ADMIN_KEY, "/api/v1/unprotected"));

            assertProblem(response, 403, "forbidden");
            assertThat(response.body()).doesNotContain("leaked");
        }

        @Test
        void anEndpointThatNeedsAnActor_refusesARequestWithoutOne() throws Exception {
            HttpResponse<String> response = send(as(ADMIN_KEY, "/api/v1/organizations/org-1/admin-actions")
                    .header("Content-Type", "application/json").POST(json("{}")));

            assertProblem(response, 400, "validation_failed");
            assertThat(response.body()).contains("\"field\":\"X-Actor-Id\"");
        }

        @Test
        void anEndpointThatNeedsAnActor_refusesABlankOne() throws Exception {
            HttpResponse<String> response = send(as(ADMIN_KEY, "/api/v1/organizations/org-1/admin-actions")
                    .header("Content-Type", "application/json").header("X-Actor-Id", " ").POST(json("{}")));

            assertProblem(response, 400, "validation_failed");
        }

        @Test
        void anInvalidActor_isRefused() throws Exception {
            HttpResponse<String> response = send(as(ADMIN_KEY, "/api/v1/organizations/org-1/admin-actions")
                    .header("Content-Type", "application/json").header("X-Actor-Id", "-<script>")
                    .POST(json("{}")));

            assertProblem(response, 400, "validation_failed");
            assertThat(response.body()).doesNotContain("<script>");
        }

        @Test
        void anEndpointThatNeedsAnActor_servesARequestWithOne() throws Exception {
            HttpResponse<String> response = send(as(ADMIN_KEY, "/api/v1/organizations/org-1/admin-actions")
                    .header("Content-Type", "application/json").header("X-Actor-Id", "admin.jane@example")
                    .POST(json("{}")));

            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void anEndpointSharedWithAdmins_needsAnActorFromAnAdminKeyOnly() throws Exception {
            String path = "/api/v1/organizations/org-1/shared-actions";
            HttpResponse<String> adminWithout = send(as(ADMIN_KEY, path).POST(HttpRequest.BodyPublishers.noBody()));
            assertProblem(adminWithout, 400, "validation_failed");
            assertThat(adminWithout.body()).contains("\"field\":\"X-Actor-Id\"");

            assertThat(send(as(ADMIN_KEY, path).header("X-Actor-Id", "admin.jane")
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
            assertThat(send(as(PORTAL_KEY, path).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                    .isEqualTo(200);
        }
    }

    /**
     * No CORS is offered and no endpoint answers OPTIONS: it is a method the API does not allow, answered without an
     * error in the log, which any key holder could otherwise fill.
     */
    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class OptionsRequests {

        @Test
        void optionsWithAKey_isNotAllowedAndNamesTheAllowedMethods(CapturedOutput output) throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/ping")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

            assertProblem(response, 405, "method_not_allowed");
            assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow)
                    .contains("GET").doesNotContain("OPTIONS").doesNotContain("DELETE"));
            assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("@RequiresRole");
        }

        @Test
        void optionsOnAPathOfSeveralMethods_namesThemAll(CapturedOutput output) throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/search")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

            assertProblem(response, 405, "method_not_allowed");
            assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow)
                    .contains("GET", "POST", "PUT").doesNotContain("OPTIONS"));
            assertThat(output.getAll()).doesNotContain(" ERROR ");
        }

        @Test
        void aCorsPreflight_isRefusedWithoutCorsHeaders(CapturedOutput output) throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/ping")
                    .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

            assertThat(response.statusCode()).isIn(403, 405);
            assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control"));
            assertThat(output.getAll()).doesNotContain(" ERROR ");
        }

        @Test
        void optionsWithoutAKey_isUnauthorized() throws Exception {
            assertProblem(send(request("/api/v1/organizations/org-1/ping")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())), 401, "unauthorized");
        }

        @Test
        void aControllerMethodWithoutRequiresRole_isStillReportedAsAnError(CapturedOutput output) throws Exception {
            assertProblem(send(as(ADMIN_KEY, "/api/v1/unprotected")), 403, "forbidden");
            assertThat(output.getAll()).contains("has no @RequiresRole");
        }
    }

    /** A header that carries one value is refused when sent twice, instead of one of the values winning. */
    @Nested
    class RepeatedHeaders {

        private static final String PING = "GET /api/v1/organizations/org-1/ping HTTP/1.1\r\n";

        @Test
        void twoAuthorizationHeaders_areUnauthorized() throws Exception {
            for (String second : List.of("Bearer not-a-configured-key", "Bearer " + ADMIN_KEY, "Bearer " + PORTAL_KEY)) {
                RawHttp.Response response = raw(PING + "Authorization: Bearer " + PORTAL_KEY + "\r\nAuthorization: "
                        + second, null);

                assertRawProblem(response, 401, "unauthorized");
                assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Bearer"));
                assertThat(response.body()).doesNotContain(PORTAL_KEY).doesNotContain(ADMIN_KEY);
            }
            RawHttp.Response invalidFirst = raw(PING + "Authorization: Bearer not-a-configured-key\r\n"
                    + "Authorization: Bearer " + PORTAL_KEY, null);
            assertRawProblem(invalidFirst, 401, "unauthorized");
        }

        @Test
        void twoActorHeaders_areAValidationFailureNamingTheHeader() throws Exception {
            RawHttp.Response adminCommand = raw("POST /api/v1/organizations/org-1/unlocks HTTP/1.1\r\n"
                    + "Authorization: Bearer " + ADMIN_KEY + "\r\nX-Actor-Id: admin.jane\r\nX-Actor-Id: admin.joe",
                    new byte[0]);

            assertRawProblem(adminCommand, 400, "validation_failed");
            assertThat(adminCommand.body()).contains("\"field\":\"X-Actor-Id\"").doesNotContain("unlockedBy")
                    .doesNotContain("admin.j");

            RawHttp.Response optionalActor = raw(PING + "Authorization: Bearer " + PORTAL_KEY
                    + "\r\nX-Actor-Id: agent-1\r\nX-Actor-Id: agent-2", null);
            assertRawProblem(optionalActor, 400, "validation_failed");
            assertThat(optionalActor.body()).contains("\"field\":\"X-Actor-Id\"");
        }

        @Test
        void oneActorHeader_isServed() throws Exception {
            RawHttp.Response response = raw("POST /api/v1/organizations/org-1/unlocks HTTP/1.1\r\n"
                    + "Authorization: Bearer " + ADMIN_KEY + "\r\nX-Actor-Id: admin.jane", new byte[0]);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"unlockedBy\":\"admin.jane\"");
        }

        @Test
        void twoTrustedBrowserTokens_areAValidationFailureNamingTheHeader() throws Exception {
            String path = "GET /api/v1/organizations/org-1/tokens HTTP/1.1\r\nAuthorization: Bearer " + PORTAL_KEY;
            RawHttp.Response twice = raw(path + "\r\nX-Trusted-Browser-Token: token-one\r\n"
                    + "X-Trusted-Browser-Token: token-two", null);

            assertRawProblem(twice, 400, "validation_failed");
            assertThat(twice.body()).contains("\"field\":\"X-Trusted-Browser-Token\"").doesNotContain("token-");

            RawHttp.Response wrongKey = raw(path.replace(PORTAL_KEY, AUDITOR_KEY) + "\r\nX-Trusted-Browser-Token: a\r\n"
                    + "X-Trusted-Browser-Token: b", null);
            assertRawProblem(wrongKey, 403, "forbidden");

            RawHttp.Response once = raw(path + "\r\nX-Trusted-Browser-Token: token-one", null);
            assertThat(once.statusCode()).as(once.body()).isEqualTo(200);
            assertThat(once.body()).contains("length 9");
        }
    }

    @Nested
    class RequestErrors {

        @Test
        void malformedJson_isAMalformedRequest() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json").POST(json("{\"name\": \"abc\", ")));

            assertProblem(response, 400, "malformed_request");
        }

        @Test
        void anUnknownEnumValue_isAMalformedRequestNamingTheFieldButNotTheValue() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json")
                    .POST(json("{\"name\": \"abc\", \"channel\": \"SPACESHIP\"}")));

            assertProblem(response, 400, "malformed_request");
            assertThat(response.body()).contains("channel").doesNotContain("SPACESHIP");
        }

        @Test
        void aMissingBody_isAMalformedRequest() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));

            assertProblem(response, 400, "malformed_request");
        }

        @Test
        void anInvalidField_isAValidationFailureListingTheFieldWithoutItsValue() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json")
                    .POST(json("{\"name\": \"SECRET-123456\", \"channel\": \"AGENT\"}")));

            assertProblem(response, 400, "validation_failed");
            assertThat(response.body()).contains("\"errors\":[{\"field\":\"name\"").doesNotContain("SECRET-123456");
        }

        @Test
        void aMissingParameter_isAValidationFailure() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/page"));

            assertProblem(response, 400, "validation_failed");
            assertThat(response.body()).contains("\"field\":\"size\"");
        }

        @Test
        void aMistypedParameter_isAValidationFailure() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/page?size=lots"));

            assertProblem(response, 400, "validation_failed");
            assertThat(response.body()).contains("\"field\":\"size\"").doesNotContain("lots");
        }

        @Test
        void aParameterOutOfRange_isAValidationFailure() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/page?size=1000"));

            assertProblem(response, 400, "validation_failed");
            assertThat(response.body()).contains("\"field\":\"size\"");
        }

        @Test
        void aWrongContentType_isUnsupported() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "text/plain").POST(json("name=abc")));

            assertProblem(response, 415, "unsupported_media_type");
        }

        @Test
        void aBodyLargerThanTheLimit_isRefusedByItsLength() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json").POST(json(largeJson(20_000))));

            assertProblem(response, 413, "payload_too_large");
        }

        @Test
        void aChunkedBodyLargerThanTheLimit_isRefusedWhileReading() throws Exception {
            byte[] body = largeJson(40_000).getBytes();
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

            assertProblem(response, 413, "payload_too_large");
        }

        @Test
        void anUnknownApiPath_isNotFound() throws Exception {
            assertProblem(send(as(PORTAL_KEY, "/api/v1/nothing-here")), 404, "not_found");
        }

        @Test
        void anUnknownPathOutsideTheApi_isNotFound() throws Exception {
            assertProblem(send(request("/nothing-here").header("Accept", "text/html")), 404, "not_found");
        }

        @Test
        void aWrongMethod_isNotAllowed() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/ping")
                    .DELETE());

            assertProblem(response, 405, "method_not_allowed");
            assertThat(response.headers().firstValue("Allow")).isPresent();
        }

        @Test
        void theErrorPage_isAProblemToo() throws Exception {
            assertProblem(send(request("/error").header("Accept", "text/html")), 404, "not_found");
        }

        private static String largeJson(int size) {
            return "{\"name\": \"" + "a".repeat(size) + "\", \"channel\": \"AGENT\"}";
        }
    }

    /** API answers carry secrets (enrollment secrets, recovery codes, tokens): no cache may keep any of them. */
    @Nested
    class NoCaching {

        @Test
        void successfulAnswers_mayNotBeStored() throws Exception {
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/organizations/org-1/ping")));
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/organizations/org-1/codes")
                    .header("Content-Type", "application/json").POST(json("{\"code\": \"123456\"}"))));
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json")
                    .POST(json("{\"name\": \"cached\", \"channel\": \"AGENT\"}"))));
        }

        @Test
        void errorAnswers_mayNotBeStored() throws Exception {
            assertNotStored(send(request("/api/v1/organizations/org-1/ping")));
            assertNotStored(send(as(AUDITOR_KEY, "/api/v1/organizations/org-1/ping")));
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/nothing-here")));
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/organizations/org-1/ping").DELETE()));
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/organizations/org-1/page")));
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/organizations/org-1/codes")
                    .header("Content-Type", "application/json").POST(json("{\"code\": 1"))));
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json").POST(json("{\"name\": \"" + "a".repeat(20_000) + "\"}"))));
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/failures/domain")));
            assertNotStored(send(as(PORTAL_KEY, "/api/v1/failures/internal")));
        }

        @Test
        void errorsAnsweredOnTheErrorPageOrByTomcat_mayNotBeStored() throws Exception {
            RawHttp.Response trace = raw("TRACE /api/v1/organizations/org-1/ping HTTP/1.1\r\nAuthorization: Bearer "
                    + PORTAL_KEY, null);
            assertThat(trace.statusCode()).isEqualTo(405);
            assertNotStored(trace);

            RawHttp.Response refusedByTomcat = raw("GET /api/v1/organizations/org%2F1/ping HTTP/1.1\r\n"
                    + "Authorization: Bearer " + PORTAL_KEY, null);
            assertThat(refusedByTomcat.statusCode()).isEqualTo(400);
            assertNotStored(refusedByTomcat);
        }

        private void assertNotStored(HttpResponse<String> response) {
            assertThat(response.headers().allValues("Cache-Control")).as("Cache-Control of %s %s",
                    response.request().method(), response.uri()).containsExactly("no-store");
            assertThat(response.headers().allValues("Pragma")).as("Pragma of %s", response.uri())
                    .containsExactly("no-cache");
        }

        private void assertNotStored(RawHttp.Response response) {
            assertThat(response.headers("Cache-Control")).containsExactly("no-store");
            assertThat(response.headers("Pragma")).containsExactly("no-cache");
        }
    }

    /** JSON is read as sent: no duplicate members, no scalar of one type taken for another. */
    @Nested
    class StrictJson {

        HttpResponse<String> post(String path, String method, String body) throws Exception {
            return send(as(PORTAL_KEY, "/api/v1/organizations/org-1/" + path)
                    .header("Content-Type", "application/json").method(method, json(body)));
        }

        @Test
        void wellTypedJson_isAccepted() throws Exception {
            HttpResponse<String> code = post("codes", "POST", "{\"code\": \"123456\", \"remember\": true}");
            assertThat(code.statusCode()).as(code.body()).isEqualTo(200);
            assertThat(code.body()).contains("\"remember\":\"true\"");

            HttpResponse<String> flip = post("switches", "PUT", "{\"enforced\": false}");
            assertThat(flip.statusCode()).as(flip.body()).isEqualTo(200);
            assertThat(flip.body()).contains("\"enforced\":false");
        }

        @Test
        void aDuplicateMember_isAMalformedRequest() throws Exception {
            HttpResponse<String> response = post("codes", "POST", "{\"code\": \"123456\", \"code\": \"654321\"}");

            assertProblem(response, 400, "malformed_request");
            assertThat(response.body()).doesNotContain("123456").doesNotContain("654321");
            assertProblem(post("switches", "PUT", "{\"enforced\": true, \"enforced\": false}"), 400, "malformed_request");
        }

        @Test
        void aDuplicateMemberOfANestedObject_isAMalformedRequest() throws Exception {
            HttpResponse<String> response = send(as(ADMIN_KEY, "/api/v1/organizations/org-1/admin-actions")
                    .header("Content-Type", "application/json").header("X-Actor-Id", "admin.jane")
                    .POST(json("{\"a\": {\"b\": 1, \"b\": 2}}")));

            assertProblem(response, 400, "malformed_request");
        }

        @Test
        void aNumberForAString_isAMalformedRequestNamingTheFieldButNotTheValue() throws Exception {
            for (String code : List.of("123456", "123456.0", "true")) {
                HttpResponse<String> response = post("codes", "POST", "{\"code\": " + code + "}");

                assertProblem(response, 400, "malformed_request");
                assertThat(response.body()).contains("code").doesNotContain("123456");
            }
        }

        @Test
        void anythingButABooleanForABoolean_isAMalformedRequest() throws Exception {
            for (String enforced : List.of("\"false\"", "\"true\"", "0", "1", "0.0", "\"\"")) {
                HttpResponse<String> response = post("switches", "PUT", "{\"enforced\": " + enforced + "}");

                assertProblem(response, 400, "malformed_request");
                assertThat(response.body()).as(enforced).contains("enforced");
            }
            assertProblem(post("codes", "POST", "{\"code\": \"123456\", \"remember\": 1}"), 400, "malformed_request");
        }

        @Test
        void aNumberForAnEnum_isAMalformedRequest() throws Exception {
            assertProblem(post("things", "POST", "{\"name\": \"abc\", \"channel\": 0}"), 400, "malformed_request");
        }

        @Test
        void contentAfterTheDocument_isAMalformedRequest() throws Exception {
            assertProblem(post("codes", "POST", "{\"code\": \"123456\"} {\"code\": \"654321\"}"), 400,
                    "malformed_request");
        }
    }

    /** Query strings Tomcat cannot decode, and form bodies, which the API never reads for parameters. */
    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class MalformedParameters {

        @Test
        void anInvalidPercentEncodingInTheQuery_isAMalformedRequestThatIsNotLogged(CapturedOutput output)
                throws Exception {
            RawHttp.Response response = raw("GET /api/v1/organizations/org-1/page?size=1&minVersion=%zz987654 HTTP/1.1\r\n"
                    + "Authorization: Bearer " + PORTAL_KEY, null);

            assertRawProblem(response, 400, "malformed_request");
            assertThat(response.body()).doesNotContain("987654");
            assertThat(output.getAll()).doesNotContain("987654").doesNotContain(" ERROR ");
        }

        @Test
        void aTruncatedPercentEncodingInTheQuery_isAMalformedRequest(CapturedOutput output) throws Exception {
            RawHttp.Response response = raw("GET /api/v1/organizations/org-1/page?size=1&x=% HTTP/1.1\r\n"
                    + "Authorization: Bearer " + PORTAL_KEY, null);

            assertRawProblem(response, 400, "malformed_request");
            assertThat(output.getAll()).doesNotContain(" ERROR ");
        }

        @Test
        void aQueryThatIsNotUtf8_isAMalformedRequest(CapturedOutput output) throws Exception {
            RawHttp.Response response = raw("GET /api/v1/organizations/org-1/search?q=%C3%28 HTTP/1.1\r\n"
                    + "Authorization: Bearer " + PORTAL_KEY, null);

            assertRawProblem(response, 400, "malformed_request");
            assertThat(output.getAll()).doesNotContain(" ERROR ");
        }

        @Test
        void aQueryParameterIsStillRead() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/search?q=caf%C3%A9"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"q\":\"caf\u00e9\"");
        }

        @Test
        void aFormBodyWithAnInvalidEncoding_isNeverParsed(CapturedOutput output) throws Exception {
            for (String method : List.of("POST", "PUT")) {
                RawHttp.Response response = raw(method + " /api/v1/organizations/org-1/search HTTP/1.1\r\n"
                        + "Authorization: Bearer " + PORTAL_KEY + "\r\n"
                        + "Content-Type: application/x-www-form-urlencoded", "q=%".getBytes(StandardCharsets.US_ASCII));

                assertThat(response.statusCode()).as("%s: %s", method, response.body()).isEqualTo(200);
                assertThat(response.body()).contains("\"q\":\"(none)\"");
            }
            assertThat(output.getAll()).doesNotContain(" ERROR ");
        }

        @Test
        void aFormBodyIsNotReadForParameters() throws Exception {
            for (String method : List.of("POST", "PUT")) {
                HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/search")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString("q=from-the-body")));

                assertThat(response.statusCode()).as(method).isEqualTo(200);
                assertThat(response.body()).as(method).contains("\"q\":\"(none)\"").doesNotContain("from-the-body");
            }
        }
    }

    /** Requests Tomcat refuses before any application code sees them are answered as problems too. */
    @Nested
    class ContainerErrors {

        private static final String AUTHORIZATION = "Authorization: Bearer " + PORTAL_KEY;

        @Test
        void anEncodedSlashInThePath_isAMalformedRequest() throws Exception {
            assertContainerProblem(raw("GET /api/v1/organizations/org%2F1/ping HTTP/1.1\r\n" + AUTHORIZATION, null));
        }

        @Test
        void aBackslashInThePath_isAMalformedRequest() throws Exception {
            assertContainerProblem(raw("GET /api/v1/organizations/org\\1/ping HTTP/1.1\r\n" + AUTHORIZATION, null));
        }

        @Test
        void aControlCharacterInAHeader_isAMalformedRequest() throws Exception {
            assertContainerProblem(raw("GET /api/v1/organizations/org-1/ping HTTP/1.1\r\n" + AUTHORIZATION
                    + "\r\nX-Actor-Id: agent\u0001", null));
        }

        @Test
        void headersLargerThanTheLimit_areAMalformedRequest() throws Exception {
            assertContainerProblem(raw("GET /api/v1/organizations/org-1/ping HTTP/1.1\r\n" + AUTHORIZATION
                    + "\r\nX-Padding: " + "a".repeat(9_000), null));
        }

        @Test
        void rawNonAsciiInTheQuery_isAMalformedRequest() throws Exception {
            byte[] request = ("GET /api/v1/organizations/org-1/search?q=caf\u00e9 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + AUTHORIZATION + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);

            assertContainerProblem(RawHttp.send(port, request));
        }

        private void assertContainerProblem(RawHttp.Response response) {
            assertRawProblem(response, 400, "malformed_request");
            assertThat(response.body()).doesNotContainIgnoringCase("tomcat").doesNotContainIgnoringCase("apache");
            assertThat(response.header("Server")).isEmpty();
        }
    }

    @Nested
    class HandlerErrors {

        @Test
        void aDomainException_isAnsweredWithItsCodeAndMessage() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/failures/domain"));

            assertProblem(response, 422, "code_already_used");
            assertThat(response.body()).contains("This code was already used.");
        }

        @Test
        void aRemoteHandlerFailureWithAnErrorCode_isAnsweredWithThatCode() throws Exception {
            assertProblem(send(as(PORTAL_KEY, "/api/v1/failures/remote")), 422, "invalid_recovery_code");
        }

        @Test
        void aWrappedConcurrencyFailure_isAConflict() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/failures/concurrency"));

            assertProblem(response, 409, "concurrent_modification");
            assertThat(response.body()).doesNotContain("xyz");
        }

        @Test
        void anUnreachableStore_isServiceUnavailable() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/failures/unavailable"));

            assertProblem(response, 503, "service_unavailable");
            assertThat(response.body()).doesNotContain("10.0.0.7");
        }

        @Test
        void anUnexpectedFailure_isAnInternalErrorThatRevealsNothing() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/failures/internal"));

            assertProblem(response, 500, "internal_error");
            assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalState");
        }
    }

    @Nested
    class CallerMetaData {

        @Test
        void eventsOfACommandCarryTheClientAndActor() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json").header("X-Actor-Id", "agent-42")
                    .POST(json("{\"name\": \"widget\", \"channel\": \"CUSTOMER\"}")));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String thingId = field(response.body(), "thingId");
            List<? extends DomainEventMessage<?>> events = eventStore.readEvents(thingId).asStream().toList();
            assertThat(events).hasSize(1);
            DomainEventMessage<?> event = events.get(0);
            assertThat(event.getPayload()).isInstanceOfSatisfying(ThingCreated.class, created -> {
                assertThat(created.name()).isEqualTo("widget");
                assertThat(created.createdAt()).isNotNull();
            });
            assertThat(event.getMetaData())
                    .containsEntry(MetaDataKeys.CLIENT, "agent-portal")
                    .containsEntry(MetaDataKeys.ACTOR_ID, "agent-42")
                    .containsKey(MetaDataKeys.CORRELATION_ID)
                    .containsKey(MetaDataKeys.TRACE_ID);
        }

        @Test
        void eventsOfACommandWithoutActorCarryTheClientOnly() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/things")
                    .header("Content-Type", "application/json")
                    .POST(json("{\"name\": \"gadget\", \"channel\": \"AGENT\"}")));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            DomainEventMessage<?> event = eventStore.readEvents(field(response.body(), "thingId")).next();
            assertThat(event.getMetaData())
                    .containsEntry(MetaDataKeys.CLIENT, "agent-portal")
                    .doesNotContainKey(MetaDataKeys.ACTOR_ID);
        }

        @Test
        void queriesCarryTheClientAndActor() throws Exception {
            HttpResponse<String> response = send(as(PORTAL_KEY, "/api/v1/organizations/org-1/caller")
                    .header("X-Actor-Id", "agent-7"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"client\":\"agent-portal\"", "\"actorId\":\"agent-7\"");
            assertNoInternals(response.body());
        }

        private static String field(String json, String name) {
            Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
            assertThat(matcher.find()).as("%s in %s", name, json).isTrue();
            return matcher.group(1);
        }
    }
}
