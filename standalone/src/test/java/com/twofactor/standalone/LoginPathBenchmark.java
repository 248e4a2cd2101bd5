package com.twofactor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Prints how fast the login path is over real HTTP on the embedded stores: TOTP verifications, recovery-code
 * checks (one key derivation each) and login checks, as latency percentiles. It asserts only that every call
 * succeeded — never a time: these machines are shared and noisy, so figures are read, not enforced.
 *
 * <p>Not part of {@code mvn verify} (its name is not a test's name); run it with
 * {@code mvn -pl standalone -am test -Dtest=LoginPathBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LoginPathBenchmark extends StandaloneTest {

    static final int USERS = 20;
    static final int ROUNDS = 25;

    @Test
    void loginPathLatencies() {
        List<ActiveUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(activeUser("bench"));
        }
        warmUp(users.get(0));

        long[] verifications = new long[USERS * ROUNDS];
        long[] loginChecks = new long[USERS * ROUNDS];
        int n = 0;
        for (int round = 0; round < ROUNDS; round++) {
            clock.advance(Duration.ofSeconds(30));
            for (ActiveUser user : users) {
                String code = currentCode(user.secret());
                long start = System.nanoTime();
                TestApi.Response verified = api.post(user.path() + "/verification", TestApi.PORTAL_KEY,
                        Map.of("code", code));
                verifications[n] = System.nanoTime() - start;
                assertThat(verified.status()).isEqualTo(200);
                start = System.nanoTime();
                TestApi.Response check = api.get(user.path() + "/login-check?portal=AGENT&loginMethod=FORM",
                        TestApi.PORTAL_KEY);
                loginChecks[n++] = System.nanoTime() - start;
                assertThat(check.status()).isEqualTo(200);
            }
        }
        long[] recoveryChecks = new long[USERS];
        for (int i = 0; i < USERS; i++) {
            ActiveUser user = users.get(i);
            long start = System.nanoTime();
            TestApi.Response used = api.post(user.path() + "/recovery-code-verification", TestApi.PORTAL_KEY,
                    Map.of("recoveryCode", user.recoveryCodes().get(0)));
            recoveryChecks[i] = System.nanoTime() - start;
            assertThat(used.status()).isEqualTo(200);
        }
        print("TOTP verification (POST verification)", verifications);
        print("login check (GET login-check)", loginChecks);
        print("recovery code (POST recovery-code-verification)", recoveryChecks);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("heap used after run: %d MiB of %d MiB%n",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
    }

    private void warmUp(ActiveUser user) {
        for (int i = 0; i < 50; i++) {
            api.get(user.path() + "/login-check?portal=AGENT&loginMethod=FORM", TestApi.PORTAL_KEY);
        }
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-50s n=%4d  p50=%6.2f ms  p95=%6.2f ms  p99=%6.2f ms  max=%6.2f ms%n", what,
                sorted.length, millis(sorted, 0.50), millis(sorted, 0.95), millis(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
