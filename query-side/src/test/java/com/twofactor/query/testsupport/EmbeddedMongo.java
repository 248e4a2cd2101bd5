package com.twofactor.query.testsupport;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.twofactor.query.mongo.EmbeddedMongoServer;

/**
 * A real mongo-java-server on the loopback interface for one test class, with the real driver and a
 * {@link MongoTemplate}; the database is dropped before each test and the server stopped after the class.
 */
public final class EmbeddedMongo implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    public static final String DATABASE = "twofactor";

    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoTemplate template;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedMongoServer.startInMemory();
        client = client(server.connectionString());
        template = new MongoTemplate(client, DATABASE);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        client.getDatabase(DATABASE).drop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            client.close();
        } finally {
            server.stop();
        }
    }

    public MongoTemplate template() {
        return template;
    }

    public MongoClient client() {
        return client;
    }

    /** A client that gives up on an unreachable server after half a second, for fail-closed tests. */
    public static MongoClient client(String connectionString) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(500, TimeUnit.MILLISECONDS))
                .build());
    }
}
