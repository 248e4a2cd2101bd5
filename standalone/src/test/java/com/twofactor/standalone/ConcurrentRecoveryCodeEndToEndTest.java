package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A recovery code is single use even when the same code arrives in parallel requests: exactly one succeeds,
 * the others are refused, and nothing answers with a server error. Four refusals stay below the lock-out,
 * so the user can go on with another code afterwards.
 */
class ConcurrentRecoveryCodeEndToEndTest extends StandaloneTest {

    static final int PARALLEL_REQUESTS = 5;

    @Test
    void theSameRecoveryCodeInParallel_succeedsExactlyOnce() throws Exception {
        ActiveUser user = activeUser("acme");
        String code = user.recoveryCodes().get(0);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_REQUESTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TestApi.Response>> answers = new ArrayList<>();
            for (int i = 0; i < PARALLEL_REQUESTS; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post(user.path() + "/recovery-code-verification", TestApi.PORTAL_KEY,
                            Map.of("recoveryCode", code));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<TestApi.Response> answer : answers) {
                TestApi.Response response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.status());
                if (response.status() != 200) {
                    assertThat(response.text("code")).isIn("invalid_recovery_code", "concurrent_modification");
                }
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).allMatch(status -> status < 500, "no server error");
        } finally {
            pool.shutdownNow();
        }

        TestApi.Response status = api.get(user.path(), TestApi.PORTAL_KEY);
        TestApi.Response next = api.post(user.path() + "/recovery-code-verification", TestApi.PORTAL_KEY,
                Map.of("recoveryCode", user.recoveryCodes().get(1)));
        assertThat(next.json().get("remainingRecoveryCodes").asInt()).isEqualTo(8);
        assertThat(status.status()).isEqualTo(200);
    }
}
