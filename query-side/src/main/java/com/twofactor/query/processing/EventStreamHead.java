package com.twofactor.query.processing;

import java.util.OptionalLong;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Where the event stream ends now, as a position processors' tokens can be compared with. */
@Component
public class EventStreamHead {

    private final ObjectProvider<EventStore> eventStore;

    public EventStreamHead(ObjectProvider<EventStore> eventStore) {
        this.eventStore = eventStore;
    }

    /** The position of the newest event, or -1 when the stream is empty (or positions are unknown). */
    public long position() {
        EventStore store = eventStore.getIfAvailable();
        TrackingToken head = store == null ? null : store.createHeadToken();
        OptionalLong position = head == null ? OptionalLong.empty() : head.position();
        return position.orElse(-1);
    }
}
