package com.twofactor.query.mongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.twofactor.platform.runtime.DataDirectory;
import com.twofactor.platform.runtime.RuntimeMode;

/**
 * Without {@code spring.mongodb.uri}: an in-process MongoDB server with its data in
 * {@code <data directory>/readmodels.mv}, and the client for it. Boot's Mongo auto-configuration backs off
 * because a {@link MongoClient} bean exists; Spring Data still takes the database name from
 * {@code spring.mongodb.database}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MongoUriConditions.NoUri.class)
class EmbeddedMongoConfiguration {

    static final String READ_MODEL_FILE = "readmodels.mv";

    // The data directory is owner-only, also when only the read models live there (an external event store).
    @Bean(destroyMethod = "stop")
    EmbeddedMongoServer embeddedMongoServer(RuntimeMode runtimeMode) {
        Path dataDirectory = DataDirectory.createIfMissing(runtimeMode.dataDirectory());
        return EmbeddedMongoServer.startWithFile(dataDirectory.resolve(READ_MODEL_FILE));
    }

    // Closed before the server it depends on is stopped.
    @Bean(destroyMethod = "close")
    MongoClient mongoClient(EmbeddedMongoServer server,
                            @Value("${twofactor.mongodb.server-selection-timeout:2s}") Duration serverSelectionTimeout) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .applyToClusterSettings(cluster ->
                        cluster.serverSelectionTimeout(serverSelectionTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .build();
        return MongoClients.create(settings);
    }
}
