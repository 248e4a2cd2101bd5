package com.twofactor.query.testsupport;

import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;

import com.mongodb.client.MongoClient;
import com.twofactor.query.mongo.TrackingTokenCollection;

/** The token store as the query side configures it, on a test server. */
public final class TokenStores {

    private TokenStores() {
    }

    public static MongoTokenStore mongoTokenStore(MongoClient client, String nodeId) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client, EmbeddedMongo.DATABASE)
                        .trackingTokensCollectionName(TrackingTokenCollection.NAME)
                        .build())
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId(nodeId)
                .build();
    }
}
