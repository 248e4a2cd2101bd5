package com.twofactor.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A portal backend, admin console or auditor talking to the service over real HTTP. */
final class TestApi {

    static final String PORTAL_KEY = "test-portal-key";
    static final String ADMIN_KEY = "test-admin-key";
    static final String AUDITOR_KEY = "test-auditor-key";
    /** A portal key scoped to the organization "acme" only. */
    static final String ACME_PORTAL_KEY = "acme-portal-key";
    /** An auditor key scoped to the organization "acme" only. */
    static final String ACME_AUDITOR_KEY = "acme-auditor-key";
    /** An admin key scoped to the organization "acme" only. */
    static final String ACME_ADMIN_KEY = "acme-admin-key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    TestApi(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    record Response(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Response send(String method, String path, String key, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        boolean contentTypeGiven = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            contentTypeGiven |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !contentTypeGiven) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Response post(String path, String key, Map<String, ?> body, String... headers) {
        return send("POST", path, key, body == null ? null : json(body), headers);
    }

    Response get(String path, String key, String... headers) {
        return send("GET", path, key, null, headers);
    }

    static String user(String organizationId, String userId) {
        return "/api/v1/organizations/" + organizationId + "/users/" + userId + "/two-factor";
    }
}
