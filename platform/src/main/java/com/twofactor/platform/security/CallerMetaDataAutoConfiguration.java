package com.twofactor.platform.security;

import org.axonframework.config.Configuration;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records the caller on every message: the dispatch interceptor puts the API key name and actor on commands and
 * queries sent while serving a request, and the correlation data providers copy them (and Axon's correlation and
 * trace ids) onto every event a command produces.
 *
 * <p>Declaring any {@link CorrelationDataProvider} bean makes Axon's default {@link MessageOriginProvider} back
 * off, so it is declared here too.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class CallerMetaDataAutoConfiguration {

    @Bean
    CorrelationDataProvider messageOriginCorrelationDataProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider callerCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(MetaDataKeys.CLIENT, MetaDataKeys.ACTOR_ID);
    }

    @Bean
    SmartInitializingSingleton callerMetaDataDispatchInterceptorRegistrar(ObjectProvider<Configuration> axon) {
        return () -> axon.ifAvailable(configuration -> {
            configuration.commandBus().registerDispatchInterceptor(new CallerMetaDataInterceptor<>());
            configuration.queryBus().registerDispatchInterceptor(new CallerMetaDataInterceptor<>());
        });
    }
}
