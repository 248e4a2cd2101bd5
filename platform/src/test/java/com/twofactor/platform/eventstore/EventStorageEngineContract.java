package com.twofactor.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.twofactor.Channel;
import com.example.twofactor.ThingCreated;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the JDBC event store must do on every database it runs on. */
abstract class EventStorageEngineContract {

    @Autowired
    EventStorageEngine engine;

    @Test
    void theEngineIsAxonsJdbcEngine() {
        assertThat(engine).isInstanceOf(JdbcEventStorageEngine.class);
    }

    @Test
    void anAppendedEvent_isReadBackWithPayloadAndMetaData() {
        String aggregateId = UUID.randomUUID().toString();
        Instant createdAt = Instant.parse("2030-01-02T03:04:05.123456Z");

        engine.appendEvents(event(aggregateId, 0, new ThingCreated(aggregateId, "widget", Channel.AGENT, createdAt),
                Map.of("client", "agent-portal", "actorId", "agent-42")));

        List<? extends DomainEventMessage<?>> events = engine.readEvents(aggregateId).asStream().toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getSequenceNumber()).isZero();
        assertThat(events.get(0).getPayload())
                .isEqualTo(new ThingCreated(aggregateId, "widget", Channel.AGENT, createdAt));
        assertThat(events.get(0).getMetaData())
                .containsEntry("client", "agent-portal")
                .containsEntry("actorId", "agent-42");
        assertThat(engine.lastSequenceNumberFor(aggregateId)).hasValue(0L);
    }

    @Test
    void aSecondEventWithTheSameSequenceNumber_isAConcurrencyFailure() {
        String aggregateId = UUID.randomUUID().toString();
        engine.appendEvents(created(aggregateId, 0), created(aggregateId, 1));

        assertThatThrownBy(() -> engine.appendEvents(created(aggregateId, 1)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(engine.readEvents(aggregateId).asStream()).hasSize(2);
    }

    @Test
    void creatingTheSchemaAgain_changesNothing() {
        String aggregateId = UUID.randomUUID().toString();
        engine.appendEvents(created(aggregateId, 0));

        ((JdbcEventStorageEngine) engine).createSchema(tableFactory());

        assertThat(engine.readEvents(aggregateId).asStream()).hasSize(1);
    }

    abstract org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory tableFactory();

    private static DomainEventMessage<?> created(String aggregateId, long sequenceNumber) {
        return event(aggregateId, sequenceNumber,
                new ThingCreated(aggregateId, "thing-" + sequenceNumber, Channel.CUSTOMER, Instant.now()), Map.of());
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequenceNumber, Object payload,
                                               Map<String, ?> metaData) {
        return new GenericDomainEventMessage<>("Thing", aggregateId, sequenceNumber, payload, MetaData.from(metaData));
    }
}
