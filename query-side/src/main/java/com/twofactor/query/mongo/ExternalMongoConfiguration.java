package com.twofactor.query.mongo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ConnectionString;

/**
 * With {@code spring.mongodb.uri}: Boot's auto-configuration connects to that MongoDB. The driver waits 30 s
 * for a server by default; a login check must fail closed much sooner, so unless the URI says otherwise
 * ({@code serverSelectionTimeoutMS}) the wait is {@code twofactor.mongodb.server-selection-timeout}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MongoUriConditions.UriSet.class)
class ExternalMongoConfiguration {

    @Bean
    MongoClientSettingsBuilderCustomizer serverSelectionTimeoutCustomizer(
            @Value("${spring.mongodb.uri}") String uri,
            @Value("${twofactor.mongodb.server-selection-timeout:2s}") Duration serverSelectionTimeout) {
        boolean uriDecides = new ConnectionString(uri).getServerSelectionTimeout() != null;
        return settings -> {
            if (!uriDecides) {
                settings.applyToClusterSettings(cluster ->
                        cluster.serverSelectionTimeout(serverSelectionTimeout.toMillis(), TimeUnit.MILLISECONDS));
            }
        };
    }
}
