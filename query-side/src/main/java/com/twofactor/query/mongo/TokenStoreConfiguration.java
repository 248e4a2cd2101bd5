package com.twofactor.query.mongo;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Tracking tokens live next to the read models, in MongoDB, so a read model and the position it reflects are
 * thrown away and rebuilt together. axon-mongo's Spring Boot starter stops at Boot 3, hence this bean.
 *
 * <p>The store works on mongo-java-server: it needs only single-document updates and the unique index on
 * (processorName, segment), no transactions (its default {@code NoTransactionManager} is kept: the Axon
 * transaction manager of this process is the JDBC event store's and has nothing to do with MongoDB).
 */
@Configuration(proxyBeanMethods = false)
class TokenStoreConfiguration {

    @Bean
    TokenStore tokenStore(MongoDatabaseFactory databaseFactory, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(databaseFactory.getMongoDatabase())
                        .trackingTokensCollectionName(TrackingTokenCollection.NAME)
                        .build())
                .serializer(serializer)
                .build();
    }
}
