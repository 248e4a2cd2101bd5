package com.twofactor.query.processing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code twofactor.projections.rebuild-on-startup}: projections to rebuild as the application starts, as a
 * comma-separated list of names or {@value ProjectionRebuilds#ALL}. Runs in Axon's start-up just before the event
 * processors start ({@link ProjectionProcessingConfiguration}), so their tokens are reset while nothing processes
 * and they start straight into the replay. An unknown name, or a rebuild that cannot be done (another node holds
 * the segments), stops the start-up: the operator asked for a rebuild and must not believe it happened. Set it on
 * one node, for one start, and remove it afterwards; otherwise every start rebuilds again.
 */
@Component
class RebuildOnStartup {

    static final String PROPERTY = "twofactor.projections.rebuild-on-startup";
    private static final Logger log = LoggerFactory.getLogger(RebuildOnStartup.class);

    private final ProjectionRebuilds rebuilds;
    private final List<String> requested;

    RebuildOnStartup(ProjectionRebuilds rebuilds, @Value("${" + PROPERTY + ":}") List<String> requested) {
        this.rebuilds = rebuilds;
        this.requested = requested;
        groups(); // fails start-up early on an unknown name
    }

    void run() {
        for (String group : groups()) {
            log.warn("{} names {}: rebuilding it now", PROPERTY, group);
            rebuilds.rebuild(group, PROPERTY);
        }
    }

    private Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        for (String name : requested) {
            if (name != null && !name.isBlank()) {
                groups.addAll(ProjectionRebuilds.resolve(name.trim()));
            }
        }
        return groups;
    }
}
