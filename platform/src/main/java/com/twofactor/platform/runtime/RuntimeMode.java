package com.twofactor.platform.runtime;

import java.nio.file.Path;

/**
 * Which of the design's runtime modes this process runs in, decided once at start-up from configuration.
 *
 * <p>The process is <em>embedded</em> when nothing points it at an external store: no Axon Server, no
 * non-H2 datasource and no MongoDB URI. Only then may it create local keys and ship local API keys,
 * always with a warning; anywhere else missing secrets are a start-up failure.
 */
public record RuntimeMode(boolean embedded, Path dataDirectory) {
}
