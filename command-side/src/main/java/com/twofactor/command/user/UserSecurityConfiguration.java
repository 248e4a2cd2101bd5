package com.twofactor.command.user;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loading a user cheap however long their history grows: every login appends events, so the aggregate
 * is snapshotted every {@code twofactor.snapshots.user-security-threshold} events and cached between commands.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecondFactorSettings.class)
class UserSecurityConfiguration {

    @Bean
    SnapshotTriggerDefinition userSecuritySnapshotTrigger(
            Snapshotter snapshotter,
            @Value("${twofactor.snapshots.user-security-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Safe while one node handles a user's commands (one instance, or Axon Server's consistent routing). Several
     * command-side instances on the JDBC store alone must turn it off
     * ({@code twofactor.snapshots.user-security-cache=false}): each would keep its own, possibly stale, copy.
     */
    @Bean
    Cache userSecurityCache(@Value("${twofactor.snapshots.user-security-cache:true}") boolean enabled) {
        return enabled ? new WeakReferenceCache() : NoCache.INSTANCE;
    }
}
