package com.twofactor.query.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.twofactor.platform.runtime.RuntimeMode;

class MongoWiringTest {

    @TempDir
    Path dataDirectory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withInitializer(context -> context.getBeanFactory()
                        .setConversionService(ApplicationConversionService.getSharedInstance()))
                .withBean(RuntimeMode.class, () -> new RuntimeMode(true, dataDirectory))
                .withUserConfiguration(EmbeddedMongoConfiguration.class, ExternalMongoConfiguration.class);
    }

    @Test
    void withoutUri_anInProcessServerKeepsTheReadModelsInTheDataDirectory() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(EmbeddedMongoServer.class).hasSingleBean(MongoClient.class)
                    .doesNotHaveBean(MongoClientSettingsBuilderCustomizer.class);

            Document pong = context.getBean(MongoClient.class).getDatabase("admin").runCommand(new Document("ping", 1));

            assertThat(pong.get("ok", Number.class).intValue()).isEqualTo(1);
            assertThat(context.getBean(EmbeddedMongoServer.class).connectionString()).startsWith("mongodb://127.0.0.1:");
            assertThat(dataDirectory.resolve(EmbeddedMongoConfiguration.READ_MODEL_FILE)).exists();
        });
    }

    @Test
    void withUri_noServerIsStarted_andAShortServerSelectionTimeoutApplies() {
        String uri = "mongodb://db.example:27017/twofactor";
        runner().withPropertyValues("spring.mongodb.uri=" + uri).run(context -> {
            assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class).doesNotHaveBean(MongoClient.class);

            assertThat(serverSelectionTimeoutMillis(context.getBean(MongoClientSettingsBuilderCustomizer.class), uri))
                    .isEqualTo(2000);
        });
    }

    @Test
    void aServerSelectionTimeoutInTheUri_wins() {
        String uri = "mongodb://db.example:27017/twofactor?serverSelectionTimeoutMS=7000";
        runner().withPropertyValues("spring.mongodb.uri=" + uri,
                "twofactor.mongodb.server-selection-timeout=1s").run(context ->
                assertThat(serverSelectionTimeoutMillis(context.getBean(MongoClientSettingsBuilderCustomizer.class), uri))
                        .isEqualTo(7000));
    }

    private static long serverSelectionTimeoutMillis(MongoClientSettingsBuilderCustomizer customizer, String uri) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri));
        customizer.customize(settings);
        return settings.build().getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS);
    }
}
