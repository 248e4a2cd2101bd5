package com.twofactor.query.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.twofactor.api.error.DomainException;
import com.twofactor.api.error.ErrorCode;

/**
 * Rebuilds projections from the event store: marks the read model as rebuilding, shuts this node's processor
 * down, resets its tokens (the {@code @ResetHandler} empties the read model; replay tokens are stored) and
 * starts it again; the replay then runs in the background, on whichever node claims the segments.
 *
 * <p>Safe on several nodes because Axon's reset claims every segment first: while another node's processor
 * holds a segment, the reset fails before anything is emptied and the rebuild is refused
 * ({@code rebuild_not_possible}), leaving the read model as it was. The operator then stops that processor (or
 * the other nodes) and tries again. A failure after the read model was emptied leaves the rebuild mark in place
 * ({@code FAILED}): answers stay refused until a rebuild succeeds.
 */
@Component
public class ProjectionRebuilds {

    /** Names every projection at once, for the endpoint and the start-up option. */
    public static final String ALL = "all";

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final long LAUNCH_WAIT_MILLIS = 6_000;

    private final ProjectionProcessors processors;
    private final ProjectionRebuildMarks marks;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    ProjectionRebuilds(ProjectionProcessors processors, ProjectionRebuildMarks marks) {
        this.processors = processors;
        this.marks = marks;
    }

    /**
     * The processing groups a name stands for: one projection, or {@value #ALL}.
     *
     * @throws DomainException {@code NOT_FOUND} for a name that is neither
     */
    public static List<String> resolve(String name) {
        if (ALL.equals(name)) {
            return ProcessingGroups.ALL;
        }
        if (ProcessingGroups.ALL.contains(name)) {
            return List.of(name);
        }
        throw new DomainException(ErrorCode.NOT_FOUND,
                "No projection is called '" + name + "'; use one of " + ProcessingGroups.ALL + " or " + ALL);
    }

    /**
     * Rebuilds the named projections one after the other and returns their status once each replay has started.
     *
     * @param requestedBy who asked, kept on the rebuild mark and logged
     * @throws DomainException {@code NOT_FOUND} for an unknown name; {@code REBUILD_NOT_POSSIBLE} when a reset
     *                         cannot be done now (the projections before it were rebuilt)
     */
    public List<ProjectionStatus> rebuild(String name, String requestedBy) {
        List<ProjectionStatus> started = new ArrayList<>();
        for (String group : resolve(name)) {
            rebuildGroup(group, requestedBy);
            started.add(processors.status(group));
        }
        return started;
    }

    private void rebuildGroup(String group, String requestedBy) {
        StreamingEventProcessor processor = processors.processor(group).orElseThrow(() -> new DomainException(
                ErrorCode.NOT_FOUND, "The projection '" + group + "' has no event processor on this node"));
        // One rebuild of a group at a time in this JVM; across nodes Axon's token claims decide.
        synchronized (locks.computeIfAbsent(group, key -> new Object())) {
            String rebuildId = UUID.randomUUID().toString();
            log.warn("Rebuilding projection {} (rebuild {}), requested by {}", group, rebuildId, requestedBy);
            // Not running: at start-up, before Axon starts the processors (they start into the replay by
            // themselves), or stopped on purpose, and then left stopped: its read model stays marked until it runs.
            boolean running = processor.isRunning();
            Optional<ProjectionRebuildMarks.Mark> previous = marks.begin(group, rebuildId, requestedBy);
            try {
                if (running) {
                    awaitLaunched(processor);
                    processor.shutDown();
                }
                processor.resetTokens(rebuildId);
                marks.replaying(group, rebuildId);
                log.info("Projection {} reset; replaying the event history", group);
            } catch (RuntimeException e) {
                log.warn("Rebuilding projection {} failed: {}", group, e.toString());
                marks.abandon(group, rebuildId, previous);
                throw new DomainException(ErrorCode.REBUILD_NOT_POSSIBLE, "The projection '" + group
                        + "' could not be reset here: " + reasonFor(e) + " Nothing was emptied unless the status"
                        + " of the projection shows the phase FAILED; retry.");
            } finally {
                if (running) {
                    processor.start();
                }
            }
        }
    }

    /**
     * A processor shut down while it is still launching (between claiming a segment and starting its worker) may
     * not process again after {@code start()} (seen with Axon 4.13). So a running processor gets a moment to
     * finish launching: until it processes a segment, at most {@value #LAUNCH_WAIT_MILLIS} ms (longer than
     * Axon's default token claim interval; it waits in vain only when another node holds every segment).
     */
    private static void awaitLaunched(StreamingEventProcessor processor) {
        long deadline = System.nanoTime() + LAUNCH_WAIT_MILLIS * 1_000_000;
        while (processor.processingStatus().isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String reasonFor(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException) {
                return "another node is processing it (stop its processor there, or the other nodes, first).";
            }
        }
        return "the reset failed (" + e.getClass().getSimpleName() + ").";
    }
}
