package com.twofactor.query.testsupport;

import java.time.Clock;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.twofactor.query.mongo.StoredTrackingTokens;
import com.twofactor.query.processing.EventStreamHead;
import com.twofactor.query.processing.ProjectionProcessors;
import com.twofactor.query.processing.ProjectionRebuildMarks;

/**
 * The rebuild marks and processor view as the query side wires them, on a test server, without an Axon
 * configuration: no processors run on this node, and the event stream's head is given (empty unless said).
 */
public final class Rebuilds {

    private Rebuilds() {
    }

    public static StoredTrackingTokens storedTokens(MongoTemplate mongo) {
        return new StoredTrackingTokens(mongo, JacksonSerializer.defaultSerializer());
    }

    public static ProjectionRebuildMarks marks(MongoTemplate mongo) {
        return marks(mongo, headAt(-1));
    }

    public static ProjectionRebuildMarks marks(MongoTemplate mongo, EventStreamHead head) {
        return new ProjectionRebuildMarks(mongo, storedTokens(mongo), head, Clock.systemUTC());
    }

    public static ProjectionProcessors processors(MongoTemplate mongo) {
        return processors(mongo, headAt(-1));
    }

    public static ProjectionProcessors processors(MongoTemplate mongo, EventStreamHead head) {
        return new ProjectionProcessors(
                new DefaultListableBeanFactory().getBeanProvider(EventProcessingConfiguration.class),
                storedTokens(mongo), marks(mongo, head), head);
    }

    /** An event stream whose newest event is at this position (-1: empty), for single-class tests. */
    public static EventStreamHead headAt(long position) {
        return new EventStreamHead(new DefaultListableBeanFactory().getBeanProvider(EventStore.class)) {
            @Override
            public long position() {
                return position;
            }
        };
    }
}
