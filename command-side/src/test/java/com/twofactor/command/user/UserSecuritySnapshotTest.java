package com.twofactor.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.twofactor.api.Portal;
import com.twofactor.api.error.ErrorCode;
import com.twofactor.api.user.ConfirmEnrollmentCommand;
import com.twofactor.api.user.EnableTwoFactorCommand;
import com.twofactor.api.user.EnrollmentStartedResult;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.api.user.VerificationResult;
import com.twofactor.api.user.VerifyTotpCodeCommand;
import com.twofactor.command.CommandSideApplication;
import com.twofactor.command.crypto.Totp;
import com.twofactor.platform.testsupport.MutableClock;

/**
 * A user's stream grows with every login. After 1,000 verifications the aggregate is loaded from a snapshot
 * plus the few events after it — counted through {@link EventStore#readEvents(String)}, the very call Axon's
 * event-sourcing repository loads an aggregate with — not by replaying the whole history. Runs the command
 * side on its real JDBC event store (H2 file in a temporary directory).
 */
@SpringBootTest(classes = {CommandSideApplication.class, UserSecuritySnapshotTest.TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "twofactor.crypto.recovery-code-iterations=10000")
class UserSecuritySnapshotTest {

    static final int VERIFICATIONS = 1_000;

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    MutableClock clock;
    @Autowired
    @Qualifier("userSecurityCache")
    Cache cache;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
        String directory = Files.createTempDirectory("twofactor-snapshot-test-").toString();
        registry.add("twofactor.data-dir", () -> directory);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        }
    }

    @Test
    void aUserWithAThousandVerifications_isLoadedFromASnapshot() {
        UserSecurityId user = new UserSecurityId("acme", "long-history");
        EnrollmentStartedResult started = commands.sendAndWait(new EnableTwoFactorCommand(user, Portal.AGENT, "long"));
        commands.sendAndWait(new ConfirmEnrollmentCommand(user, code(started.secret())));
        String lastCode = null;
        for (int i = 0; i < VERIFICATIONS; i++) {
            clock.advance(Duration.ofSeconds(30));
            lastCode = code(started.secret());
            VerificationResult result = commands.sendAndWait(new VerifyTotpCodeCommand(user, lastCode, false, null));
            assertThat(result.verified()).isTrue();
        }

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents(user.toString()).asStream().toList();
        long historyLength = VERIFICATIONS + 3;
        assertThat(read.get(0).getType()).as("the first message read is the snapshot").isEqualTo("UserSecurity");
        assertThat(read.get(0).getPayload()).isInstanceOf(UserSecurity.class);
        assertThat(read).as("messages read to load the aggregate").hasSizeLessThanOrEqualTo(51);
        assertThat(read.get(read.size() - 1).getSequenceNumber()).isEqualTo(historyLength - 1);

        // Loaded again without the cache, the aggregate rebuilt from the snapshot still knows the last step.
        cache.removeAll();
        VerificationResult replay = commands.sendAndWait(new VerifyTotpCodeCommand(user, lastCode, false, null));
        assertThat(replay.rejection()).isEqualTo(ErrorCode.CODE_ALREADY_USED);
        assertThat(replay.remainingRecoveryCodes()).isEqualTo(10);
        cache.removeAll();
        clock.advance(Duration.ofSeconds(30));
        VerificationResult next = commands.sendAndWait(
                new VerifyTotpCodeCommand(user, code(started.secret()), false, null));
        assertThat(next.verified()).isTrue();
    }

    private String code(String secret) {
        return Totp.code(secret, Totp.timeStep(clock.instant()));
    }
}
