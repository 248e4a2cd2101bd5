package com.twofactor.platform.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.util.ClassUtils;

/**
 * Adds the platform's defaults (embedded event store, no update check, no HTML or stack traces on errors) as the
 * property source with the lowest precedence, so every application gets them and any application.yml, profile,
 * environment variable or command-line argument still overrides them.
 *
 * <p>The embedded default accepts public local API keys, so it listens on loopback only unless
 * {@code server.address} is configured; and H2's {@code AUTO_SERVER} (the embedded event store shared by the split
 * services) listens on loopback unless {@code h2.bindAddress} is set. Runs after the application's configuration
 * files are loaded, so it sees what decides the runtime mode.
 */
class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE_NAME = "twofactorPlatformDefaults";
    static final String LOOPBACK_PROPERTY_SOURCE_NAME = "twofactorEmbeddedLoopback";
    private static final String LOCATION = "com/twofactor/platform/runtime/platform-defaults.properties";
    private static final String SERVER_ADDRESS = "server.address";

    private final Log log;

    PlatformDefaultsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(PlatformDefaultsEnvironmentPostProcessor.class);
    }

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
        if (RuntimeModeConfiguration.embedded(environment)) {
            listenOnLoopbackUnlessConfigured(environment);
        }
        if (ClassUtils.isPresent("org.h2.Driver", getClass().getClassLoader())
                && EmbeddedNetworkDefaults.keepH2ServersOnLoopback()) {
            log.debug("H2 servers (the embedded event store's AUTO_SERVER) listen on "
                    + EmbeddedNetworkDefaults.LOOPBACK + " only; set -D" + EmbeddedNetworkDefaults.H2_BIND_ADDRESS
                    + " to change it");
        }
    }

    private void listenOnLoopbackUnlessConfigured(ConfigurableEnvironment environment) {
        if (environment.containsProperty(SERVER_ADDRESS)) {
            return;
        }
        // Lowest precedence, like the defaults: whatever the application configures later still wins.
        environment.getPropertySources().addLast(new MapPropertySource(LOOPBACK_PROPERTY_SOURCE_NAME,
                Map.of(SERVER_ADDRESS, EmbeddedNetworkDefaults.LOOPBACK)));
        log.info("Embedded default: listening on " + EmbeddedNetworkDefaults.LOOPBACK + " (loopback) only, because it "
                + "accepts the public local API keys. To accept connections from other machines configure API keys "
                + "and set server.address (e.g. SERVER_ADDRESS=0.0.0.0).");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
