package com.twofactor.query.mongo;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Health of the read-model store, by the {@code ping} command that both MongoDB and the in-process server
 * answer. Spring Boot's own Mongo health indicator sends {@code hello}, which the in-process server does not
 * know, so the embedded default would always report DOWN; a bean of this name replaces it.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelHealthConfiguration {

    @Bean
    HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return () -> {
            try {
                Document answer = mongo.executeCommand(new Document("ping", 1));
                return Health.up().withDetail("database", mongo.getDb().getName())
                        .withDetail("ping", answer.get("ok")).build();
            } catch (RuntimeException unreachable) {
                return Health.down().withDetail("error", unreachable.getClass().getSimpleName()).build();
            }
        };
    }
}
