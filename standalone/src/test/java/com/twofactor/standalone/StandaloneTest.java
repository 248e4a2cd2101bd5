package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.twofactor.command.crypto.Totp;
import com.twofactor.platform.testsupport.MutableClock;

/**
 * The whole service over real HTTP on its embedded stores (H2 event store, in-process MongoDB server) in a
 * fresh data directory, with test API keys and a clock the test moves. Subclasses share one running service;
 * each test works on users of its own.
 */
@SpringBootTest(classes = {StandaloneApplication.class, StandaloneTest.TestClockConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.address=127.0.0.1",
                "twofactor.crypto.recovery-code-iterations=10000",
                "twofactor.query.read-your-writes-timeout=10s",
                "twofactor.security.api-keys[0].name=test-portal",
                "twofactor.security.api-keys[0].sha256=c39772b50eb74d51fa486e2f0c5044b8c53eb104cf9aaf253698037f178d1b5d",
                "twofactor.security.api-keys[0].roles=PORTAL",
                "twofactor.security.api-keys[0].organizations=*",
                "twofactor.security.api-keys[1].name=test-admin",
                "twofactor.security.api-keys[1].sha256=944650a7cd0f9e14d5c4fb15edbffb7fa45fb9ed36a4fa9be3d7e5476ae51bd9",
                "twofactor.security.api-keys[1].roles=ADMIN",
                "twofactor.security.api-keys[1].organizations=*",
                "twofactor.security.api-keys[2].name=test-auditor",
                "twofactor.security.api-keys[2].sha256=4dfe281a72d438795607c6fdcf9918fee94955989c64e1016f0f998bba332020",
                "twofactor.security.api-keys[2].roles=AUDITOR",
                "twofactor.security.api-keys[2].organizations=*",
                "twofactor.security.api-keys[3].name=acme-portal",
                "twofactor.security.api-keys[3].sha256=c8b1996a26f507522abdaa06045645825b4ecd8b7ed8d94054db25380d862deb",
                "twofactor.security.api-keys[3].roles=PORTAL",
                "twofactor.security.api-keys[3].organizations=acme",
                "twofactor.security.api-keys[4].name=acme-auditor",
                "twofactor.security.api-keys[4].sha256=625e8ad81730527966f12960cf4e0d136c1d4fd8fcae578337b28d1d2a11615a",
                "twofactor.security.api-keys[4].roles=AUDITOR",
                "twofactor.security.api-keys[4].organizations=acme",
                "twofactor.security.api-keys[5].name=acme-admin",
                "twofactor.security.api-keys[5].sha256=4e1864c3d455d01b83d67590a06fa2ceb6e86b8e944b6b8808eab7ab83b7b721",
                "twofactor.security.api-keys[5].roles=ADMIN",
                "twofactor.security.api-keys[5].organizations=acme",
                // Small export batches, so an export of a few dozen entries crosses several of them.
                "twofactor.audit.export-batch-size=7",
        })
abstract class StandaloneTest {


    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    TestApi api;

    /** Called once per application context: each running service (H2, PostgreSQL) gets a data directory of its own. */
    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        Path dataDirectory = temporaryDataDirectory();
        registry.add("twofactor.data-dir", dataDirectory::toString);
    }

    @org.junit.jupiter.api.BeforeEach
    void connect() {
        api = new TestApi(port);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClockConfiguration {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        }
    }

    private static Path temporaryDataDirectory() {
        try {
            Path directory = Files.createTempDirectory("twofactor-test-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the flows a portal backend goes through

    static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    /** A user in the middle of enrollment: what the portal got back from POST enrollment. */
    record Enrollment(String organizationId, String userId, String secret, JsonNode response) {
        String path() {
            return TestApi.user(organizationId, userId);
        }
    }

    /** A user with 2FA active. */
    record ActiveUser(String organizationId, String userId, String secret, List<String> recoveryCodes, long version) {
        String path() {
            return TestApi.user(organizationId, userId);
        }
    }

    Enrollment startEnrollment(String organizationId, String userId) {
        return startEnrollment(organizationId, userId, "AGENT");
    }

    Enrollment startEnrollment(String organizationId, String userId, String portal) {
        TestApi.Response response = api.post(TestApi.user(organizationId, userId) + "/enrollment", TestApi.PORTAL_KEY,
                Map.of("portal", portal, "accountName", userId + "@example.test"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new Enrollment(organizationId, userId, response.text("secret"), response.json());
    }

    ActiveUser activeUser(String organizationId) {
        return activeUser(organizationId, newUserId(), "AGENT");
    }

    /** A user of that portal who enrolled and confirmed; also re-enrolls a user whose 2FA was reset. */
    ActiveUser activeUser(String organizationId, String userId, String portal) {
        Enrollment enrollment = startEnrollment(organizationId, userId, portal);
        TestApi.Response confirmed = api.post(enrollment.path() + "/enrollment/confirmation", TestApi.PORTAL_KEY,
                Map.of("code", currentCode(enrollment.secret())));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        List<String> codes = new java.util.ArrayList<>();
        confirmed.json().get("recoveryCodes").forEach(code -> codes.add(code.asText()));
        return new ActiveUser(organizationId, enrollment.userId(), enrollment.secret(), codes,
                confirmed.json().get("version").asLong());
    }

    String currentCode(String secret) {
        return Totp.code(secret, Totp.timeStep(clock.instant()));
    }

    /** The next time step's code, as an authenticator shows it 30 seconds later. */
    String nextCode(String secret) {
        clock.advance(Duration.ofSeconds(30));
        return currentCode(secret);
    }

    static String wrongCode(String rightCode) {
        return rightCode.equals("000000") ? "111111" : "000000";
    }

    /**
     * What a full history of one user put in the hands of the user and the portal, none of which the service may
     * keep or show in clear: the TOTP secrets (a first enrollment was restarted), both sets of recovery codes and
     * the trusted-browser tokens.
     *
     * @param lastVersion the user's version after the last command
     */
    record History(String organizationId, String userId, List<String> secrets, List<String> recoveryCodes,
                   List<String> trustedBrowserTokens, long lastVersion) {
        String path() {
            return TestApi.user(organizationId, userId);
        }
    }

    /** An admin of the organization "acme"'s console, as named in X-Actor-Id. */
    static final String ADMIN_ANN = "admin-ann";
    static final String ADMIN_BOB = "admin-bob";
    /** A reset reason that needs quoting in CSV. */
    static final String AWKWARD_REASON = "lost them, \"all\" of them\non the train";

    /**
     * Drives one user through every kind of event over the API: enrollment (restarted), confirmation, TOTP and
     * recovery-code verifications with trusted browsers, a wrong code, a lock-out and an admin unlock, a recovery
     * reset request approved by an admin and new codes, a revocation of trusted browsers and an admin reset; and
     * an enforcement change of the organization's policy.
     */
    History fullHistory(String organizationId) {
        String userId = newUserId();
        String path = TestApi.user(organizationId, userId);
        List<String> secrets = new java.util.ArrayList<>();
        List<String> recoveryCodes = new java.util.ArrayList<>();
        List<String> tokens = new java.util.ArrayList<>();

        secrets.add(startEnrollment(organizationId, userId).secret());
        String secret = startEnrollment(organizationId, userId).secret();
        secrets.add(secret);
        TestApi.Response confirmed = expect(200, api.post(path + "/enrollment/confirmation", TestApi.PORTAL_KEY,
                Map.of("code", currentCode(secret)), "X-Actor-Id", userId));
        confirmed.json().get("recoveryCodes").forEach(code -> recoveryCodes.add(code.asText()));

        TestApi.Response trusted = expect(200, api.post(path + "/verification", TestApi.PORTAL_KEY,
                Map.of("code", nextCode(secret), "rememberBrowser", true, "browserLabel", "Firefox, \"home\"")));
        tokens.add(trusted.text("trustedBrowserToken"));
        expect(422, api.post(path + "/verification", TestApi.PORTAL_KEY,
                Map.of("code", wrongCode(nextCode(secret)), "rememberBrowser", false)));
        TestApi.Response recovered = expect(200, api.post(path + "/recovery-code-verification", TestApi.PORTAL_KEY,
                Map.of("recoveryCode", recoveryCodes.get(0), "rememberBrowser", true, "browserLabel", "Kiosk")));
        tokens.add(recovered.text("trustedBrowserToken"));

        String right = nextCode(secret);
        for (int attempt = 1; attempt <= 5; attempt++) {
            api.post(path + "/verification", TestApi.PORTAL_KEY, Map.of("code", wrongCode(right), "rememberBrowser", false));
        }
        clock.advance(Duration.ofMinutes(1));
        expect(200, api.post(path + "/unlock", TestApi.ADMIN_KEY, null, "X-Actor-Id", ADMIN_ANN));

        TestApi.Response requested = expect(202, api.post(path + "/recovery-reset-requests", TestApi.PORTAL_KEY,
                Map.of("reason", AWKWARD_REASON)));
        expect(200, api.post(path + "/recovery-reset-requests/" + requested.text("requestId") + "/approval",
                TestApi.ADMIN_KEY, Map.of("comment", "checked, by phone"), "X-Actor-Id", ADMIN_ANN));
        TestApi.Response regenerated = expect(201, api.post(path + "/recovery-codes", TestApi.PORTAL_KEY,
                Map.of("code", nextCode(secret))));
        regenerated.json().get("recoveryCodes").forEach(code -> recoveryCodes.add(code.asText()));

        expect(204, api.send("DELETE", path + "/trusted-browsers", TestApi.PORTAL_KEY, null));
        clock.advance(Duration.ofMinutes(1));
        TestApi.Response reset = expect(200, api.post(path + "/reset", TestApi.ADMIN_KEY, null, "X-Actor-Id", ADMIN_BOB));

        expect(200, api.send("PUT", "/api/v1/organizations/" + organizationId + "/two-factor-policy/CUSTOMER",
                TestApi.ADMIN_KEY, TestApi.json(Map.of("enforced", true)), "X-Actor-Id", ADMIN_ANN));
        return new History(organizationId, userId, secrets, recoveryCodes, tokens, reset.json().get("version").asLong());
    }

    /**
     * Every form in which a secret of the history could show in clear: the TOTP secrets as base32 and as their raw
     * bytes in base64 and hex, the recovery codes with and without hyphen, the trusted-browser tokens.
     */
    static java.util.Set<String> clearForms(History history) {
        java.util.Set<String> forms = new java.util.LinkedHashSet<>();
        for (String secret : history.secrets()) {
            forms.add(secret);
            byte[] raw = base32(secret);
            forms.add(java.util.Base64.getEncoder().encodeToString(raw));
            forms.add(java.util.Base64.getEncoder().withoutPadding().encodeToString(raw));
            forms.add(java.util.HexFormat.of().formatHex(raw));
        }
        for (String code : history.recoveryCodes()) {
            forms.add(code);
            forms.add(code.replace("-", ""));
        }
        for (String token : history.trustedBrowserTokens()) {
            assertThat(token).isNotBlank();
            forms.add(token);
        }
        return forms;
    }

    /** The stored form of the history's trusted-browser tokens (the login check compares these). */
    static java.util.Set<String> tokenHashes(History history) {
        java.util.Set<String> hashes = new java.util.LinkedHashSet<>();
        history.trustedBrowserTokens().forEach(token -> hashes.add(com.twofactor.api.user.TrustedBrowserTokens.hash(token)));
        return hashes;
    }

    /** What an audit entry may never hold: any clear form and the tokens' hashes too. */
    static java.util.Set<String> forbiddenForms(History history) {
        java.util.Set<String> forms = new java.util.LinkedHashSet<>(clearForms(history));
        forms.addAll(tokenHashes(history));
        return forms;
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    static TestApi.Response expect(int status, TestApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    /** Waits for something the event processors do in the background; not a timing assertion. */
    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what + " never happened").isNegative();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
