package com.example.twofactor;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
public class Thing {

    @AggregateIdentifier
    private String thingId;

    protected Thing() {
    }

    @CommandHandler
    public Thing(CreateThingCommand command, Clock clock) {
        apply(new ThingCreated(command.thingId(), command.name(), command.channel(), clock.instant()));
    }

    @EventSourcingHandler
    void on(ThingCreated event) {
        thingId = event.thingId();
    }
}
