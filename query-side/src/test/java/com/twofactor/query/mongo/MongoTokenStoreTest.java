package com.twofactor.query.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.twofactor.query.testsupport.EmbeddedMongo;
import com.twofactor.query.testsupport.TokenStores;

/**
 * axon-mongo's token store on mongo-java-server: it needs only single-document conditional updates and the
 * unique (processorName, segment) index, both of which the embedded server provides.
 */
class MongoTokenStoreTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private static final String PROCESSOR = "user-two-factor-status";

    private MongoTokenStore node1;
    private MongoTokenStore node2;

    @BeforeEach
    void setUp() {
        node1 = TokenStores.mongoTokenStore(mongo.client(), "node-1");
        node2 = TokenStores.mongoTokenStore(mongo.client(), "node-2");
    }

    @Test
    void segmentsAreInitialized_claimed_updated_andReleased() {
        node1.initializeTokenSegments(PROCESSOR, 2);
        assertThat(node1.fetchSegments(PROCESSOR)).containsExactly(0, 1);

        assertThat(node1.fetchToken(PROCESSOR, 0)).isNull();
        node1.storeToken(new GlobalSequenceTrackingToken(17), PROCESSOR, 0);
        node1.extendClaim(PROCESSOR, 0);

        assertThat(node1.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(17));
        assertThatThrownBy(() -> node2.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> node2.storeToken(new GlobalSequenceTrackingToken(18), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);

        node1.releaseClaim(PROCESSOR, 0);

        assertThat(node2.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(17));
        assertThat(node1.fetchAvailableSegments(PROCESSOR)).extracting("segmentId").containsExactly(1);
    }

    @Test
    void aSegmentExistsOnce_becauseTheUniqueIndexHolds() {
        node1.initializeTokenSegments(PROCESSOR, 1);

        assertThatThrownBy(() -> node2.initializeSegment(null, PROCESSOR, 0))
                .isInstanceOf(UnableToInitializeTokenException.class);
        assertThat(mongo.template().getCollection(TrackingTokenCollection.NAME)
                .countDocuments(new Document(TrackingTokenCollection.PROCESSOR_NAME, PROCESSOR))).isEqualTo(1);
    }

    @Test
    void theStorageIdentifier_isStable() {
        String identifier = node1.retrieveStorageIdentifier().orElseThrow();

        assertThat(node2.retrieveStorageIdentifier()).contains(identifier);
    }

    @Test
    void aReplayToken_isRecognisableByItsStoredType() {
        node1.initializeTokenSegments(PROCESSOR, 1,
                ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(41), null));

        Document stored = mongo.template().getCollection(TrackingTokenCollection.NAME)
                .find(new Document(TrackingTokenCollection.PROCESSOR_NAME, PROCESSOR)).first();

        assertThat(stored).containsEntry(TrackingTokenCollection.TOKEN_TYPE, ReplayToken.class.getName());
        assertThat(node1.fetchToken(PROCESSOR, 0)).isInstanceOf(ReplayToken.class);
    }
}
