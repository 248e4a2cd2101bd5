package com.twofactor.query.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.twofactor.query.testsupport.EmbeddedMongo;

class EmbeddedMongoServerTest {

    @TempDir
    Path dataDirectory;

    @Test
    void listensOnLoopback_andReportsAVersionTheDriverAccepts() {
        EmbeddedMongoServer server = EmbeddedMongoServer.startInMemory();
        try (MongoClient client = EmbeddedMongo.client(server.connectionString())) {
            assertThat(server.connectionString()).startsWith("mongodb://127.0.0.1:");

            Document buildInfo = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));

            assertThat(buildInfo.getString("version")).isEqualTo("4.2.0");
            assertThat(client.getDatabase("admin").runCommand(new Document("isMaster", 1)).getInteger("maxWireVersion"))
                    .isEqualTo(8);
        } finally {
            server.stop();
        }
    }

    @Test
    void readModelsInTheFile_surviveARestart() {
        Path file = dataDirectory.resolve("nested").resolve(EmbeddedMongoConfiguration.READ_MODEL_FILE);
        EmbeddedMongoServer first = EmbeddedMongoServer.startWithFile(file);
        try (MongoClient client = EmbeddedMongo.client(first.connectionString())) {
            new MongoTemplate(client, EmbeddedMongo.DATABASE).save(new Document("_id", "acme:alice").append("version", 3L),
                    "user_two_factor_status");
        } finally {
            first.stop();
        }
        assertThat(file).exists();

        EmbeddedMongoServer second = EmbeddedMongoServer.startWithFile(file);
        try (MongoClient client = EmbeddedMongo.client(second.connectionString())) {
            Document restored = new MongoTemplate(client, EmbeddedMongo.DATABASE)
                    .findById("acme:alice", Document.class, "user_two_factor_status");

            assertThat(restored).isNotNull().containsEntry("version", 3L);
        } finally {
            second.stop();
        }
    }

    @Test
    void stoppingTwice_isHarmless() {
        EmbeddedMongoServer server = EmbeddedMongoServer.startWithFile(dataDirectory.resolve("readmodels.mv"));

        server.stop();
        server.stop();
    }
}
