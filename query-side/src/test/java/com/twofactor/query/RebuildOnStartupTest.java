package com.twofactor.query;

import static com.twofactor.query.testsupport.Events.enabled;
import static com.twofactor.query.testsupport.Events.enrollmentStarted;
import static com.twofactor.query.testsupport.Events.recoveryCodesIssued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import com.twofactor.api.Portal;
import com.twofactor.api.policy.TwoFactorEnforcementChanged;
import com.twofactor.api.user.UserSecurityId;
import com.twofactor.query.processing.ProcessingGroups;
import com.twofactor.query.processing.ProjectionProcessors;

/**
 * {@code twofactor.projections.rebuild-on-startup}: the query side started three times on the same embedded
 * stores. Read models damaged behind the processors' backs stay damaged over a plain restart (the tokens say
 * everything was applied) and come back from the event store when the restart names them.
 */
class RebuildOnStartupTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final UserSecurityId ALICE = new UserSecurityId("acme", "alice");
    private static final List<String> ALL = ProcessingGroups.ALL;

    @TempDir
    Path dataDir;

    @Test
    void namedProjections_areRebuiltFromTheEventStoreOnStartUp() {
        try (ConfigurableApplicationContext first = start()) {
            EventStore events = first.getBean(EventStore.class);
            events.publish(new GenericDomainEventMessage<>("UserSecurity", ALICE.toString(), 0,
                    enrollmentStarted(ALICE, Portal.AGENT, T0)));
            events.publish(new GenericDomainEventMessage<>("UserSecurity", ALICE.toString(), 1,
                    enabled(ALICE, Portal.AGENT, T0)));
            events.publish(new GenericDomainEventMessage<>("UserSecurity", ALICE.toString(), 2,
                    recoveryCodesIssued(ALICE, "batch-1", T0)));
            events.publish(new GenericDomainEventMessage<>("TwoFactorPolicy", "acme", 0,
                    new TwoFactorEnforcementChanged("acme", Portal.AGENT, true, "admin-ann", T0)));
            awaitUpToDate(first, ALL);
            assertThat(count(first, "audit_events")).isEqualTo(4);
            assertThat(count(first, "user_two_factor_status")).isEqualTo(1);

            MongoTemplate mongo = first.getBean(MongoTemplate.class);
            mongo.remove(new Query(), "audit_events");
            mongo.remove(new Query(), "user_two_factor_status");
            mongo.remove(new Query(), "two_factor_policies");
        }

        try (ConfigurableApplicationContext plainRestart = start()) {
            awaitUpToDate(plainRestart, ALL);
            assertThat(count(plainRestart, "audit_events")).isZero();
            assertThat(count(plainRestart, "user_two_factor_status")).isZero();
        }

        try (ConfigurableApplicationContext rebuilt = start(
                "--twofactor.projections.rebuild-on-startup=audit-events, user-two-factor-status")) {
            awaitUpToDate(rebuilt, List.of(ProcessingGroups.AUDIT_EVENTS, ProcessingGroups.USER_TWO_FACTOR_STATUS));
            assertThat(count(rebuilt, "audit_events")).isEqualTo(4);
            assertThat(rebuilt.getBean(MongoTemplate.class).findAll(Document.class, "user_two_factor_status"))
                    .singleElement().satisfies(status -> assertThat(status.getString("status")).isEqualTo("ACTIVE"));
            assertThat(count(rebuilt, "two_factor_policies")).as("not named, not rebuilt").isZero();
        }

        try (ConfigurableApplicationContext everything = start("--twofactor.projections.rebuild-on-startup=all")) {
            awaitUpToDate(everything, ALL);
            assertThat(count(everything, "two_factor_policies")).isEqualTo(1);
            assertThat(count(everything, "audit_events")).isEqualTo(4);
        }
    }

    @Test
    void anUnknownProjectionName_stopsStartUp() {
        assertThatThrownBy(() -> start("--twofactor.projections.rebuild-on-startup=audit-trail").close())
                .hasStackTraceContaining("audit-trail");
    }

    /** Arguments, not default properties: application.yml's data directory must not win over the test's. */
    private ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new java.util.ArrayList<>(List.of("--twofactor.data-dir=" + dataDir, "--server.port=0",
                "--server.address=127.0.0.1"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(QuerySideApplication.class).run(all.toArray(String[]::new));
    }

    private static long count(ConfigurableApplicationContext context, String collection) {
        return context.getBean(MongoTemplate.class).count(new Query(), collection);
    }

    /** Waits until the projections are complete and at the head of the stream; not a timing assertion. */
    private static void awaitUpToDate(ConfigurableApplicationContext context, List<String> groups) {
        ProjectionProcessors processors = context.getBean(ProjectionProcessors.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!groups.stream().allMatch(group -> !processors.isRebuilding(group) && processors.isUpToDate(group))) {
            assertThat(System.nanoTime() - deadline).as("projections never caught up").isNegative();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
