package com.twofactor.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/**
 * Checks an HTTP response is the API's problem+json with the expected status and code, and shows nothing a client
 * must not see (stack traces, exception class names).
 */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"code\":\"" + code + "\"")
                .contains("\"status\":" + status)
                .contains("\"type\":", "\"title\":", "\"detail\":");
        assertNoInternals(response.body());
    }

    public static void assertNoInternals(String body) {
        assertThat(body)
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("at java.")
                .doesNotContain("at org.")
                .doesNotContain("at com.")
                .doesNotContain("trace")
                .doesNotContainIgnoringCase("<html");
    }
}
