package com.twofactor.platform.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the platform's defaults (embedded event store, no update check, no HTML or stack traces on errors) as the
 * property source with the lowest precedence, so every application gets them and any application.yml, profile,
 * environment variable or command-line argument still overrides them.
 */
class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE_NAME = "twofactorPlatformDefaults";
    private static final String LOCATION = "com/twofactor/platform/runtime/platform-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource(PROPERTY_SOURCE_NAME, new ClassPathResource(LOCATION, getClass().getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the platform defaults " + LOCATION, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
