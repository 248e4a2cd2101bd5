package com.twofactor.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import com.example.twofactor.Channel;
import com.example.twofactor.PlatformTestApplication;
import com.example.twofactor.ThingCreated;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Events of the embedded default survive a restart, and start-up finds its tables already there. */
class EmbeddedEventStoreRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void eventsSurviveARestart() {
        String aggregateId = UUID.randomUUID().toString();
        ThingCreated created = new ThingCreated(aggregateId, "widget", Channel.AGENT, Instant.parse("2030-01-01T00:00:00Z"));

        try (ConfigurableApplicationContext first = start()) {
            first.getBean(EventStorageEngine.class)
                    .appendEvents(new GenericDomainEventMessage<>("Thing", aggregateId, 0, created));
        }
        try (ConfigurableApplicationContext second = start()) {
            assertThat(second.getBean(EventStorageEngine.class).readEvents(aggregateId).asStream())
                    .singleElement()
                    .satisfies(event -> assertThat(event.getPayload()).isEqualTo(created));
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformTestApplication.class)
                .web(WebApplicationType.NONE)
                .properties("twofactor.data-dir=" + dataDir)
                .run();
    }
}
