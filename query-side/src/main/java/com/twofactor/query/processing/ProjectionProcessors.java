package com.twofactor.query.processing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.twofactor.query.mongo.StoredTrackingTokens;
import com.twofactor.query.mongo.StoredTrackingTokens.StoredSegment;

/**
 * Where the projections' event processors stand, for answers that must not come from a read model that is
 * being rebuilt or is stuck before an event it cannot apply.
 *
 * <p>A replay (after {@code resetTokens()}) first empties the read model (its {@code @ResetHandler}) and then
 * re-applies the event history. Axon calls the processor "replaying" until it handles an event newer than the
 * reset, which in a quiet system can take long after the history is back; what matters for answers is whether
 * the history up to the reset has been re-applied. That is read from the stored tokens and from the rebuild
 * marks ({@link ProjectionRebuildMarks}, which also cover the moment between emptying the read model and storing
 * the replay tokens), so every node sees it, whichever node owns the segments.
 */
@Component
public class ProjectionProcessors {

    private final ObjectProvider<EventProcessingConfiguration> eventProcessing;
    private final StoredTrackingTokens storedTokens;
    private final ProjectionRebuildMarks marks;
    private final EventStreamHead head;

    public ProjectionProcessors(ObjectProvider<EventProcessingConfiguration> eventProcessing,
                         StoredTrackingTokens storedTokens, ProjectionRebuildMarks marks, EventStreamHead head) {
        this.eventProcessing = eventProcessing;
        this.storedTokens = storedTokens;
        this.marks = marks;
        this.head = head;
    }

    /**
     * True while the group's read model is incomplete because of a reset: a rebuild mark is set, or a segment's
     * stored token is a replay token that has not yet reached the position of the reset. Reads MongoDB, so it
     * fails with it.
     */
    public boolean isRebuilding(String processingGroup) {
        List<StoredSegment> segments = storedTokens.segments(processorName(processingGroup));
        boolean marked = marks.holdsBack(processingGroup, segments);
        return marked || segments.stream().map(StoredSegment::token).anyMatch(ProjectionProcessors::isBehindItsReset);
    }

    /** Axon's notion: a replay token is in place (this node's processor reports it, or the token store holds one). */
    public boolean isReplaying(String processingGroup) {
        boolean replayingHere = processor(processingGroup).map(StreamingEventProcessor::isReplaying).orElse(false);
        return replayingHere || storedTokens.of(processorName(processingGroup)).stream().anyMatch(ReplayToken::isReplay);
    }

    /** True when a segment this node processes is in error: it is stuck before an event it cannot apply yet. */
    public boolean isFailing(String processingGroup) {
        return statuses(processingGroup).stream().anyMatch(EventTrackerStatus::isErrorState);
    }

    /** True when this node has claimed segments of the group and each has reached the head of the event stream. */
    public boolean isCaughtUp(String processingGroup) {
        Collection<EventTrackerStatus> statuses = statuses(processingGroup);
        return !statuses.isEmpty() && statuses.stream().allMatch(EventTrackerStatus::isCaughtUp);
    }

    /**
     * True when every segment's stored token has reached the newest event in the event store now: the read
     * model reflects every event stored so far. Unlike {@link #isCaughtUp}, which Axon sets once and keeps, this
     * compares positions every time it is asked, on any node.
     */
    public boolean isUpToDate(String processingGroup) {
        return ProjectionRebuildMarks.reached(storedTokens.segments(processorName(processingGroup)), head.position());
    }

    /** True when the group's read model may answer questions that must not be guessed: complete and not stuck. */
    public boolean isServing(String processingGroup) {
        return !isFailing(processingGroup) && !isRebuilding(processingGroup);
    }

    /** What an operator wants to know about a projection. */
    public ProjectionStatus status(String processingGroup) {
        boolean rebuilding = isRebuilding(processingGroup);
        String phase = marks.find(processingGroup).map(mark -> mark.phase().name()).orElse(null);
        return new ProjectionStatus(processingGroup, rebuilding, phase, isUpToDate(processingGroup),
                isFailing(processingGroup));
    }

    static boolean isBehindItsReset(TrackingToken token) {
        if (!ReplayToken.isReplay(token)) {
            return false;
        }
        OptionalLong resetPosition = ReplayToken.getTokenAtReset(token);
        OptionalLong position = token.position();
        if (resetPosition.isPresent() && position.isPresent()) {
            return position.getAsLong() < resetPosition.getAsLong();
        }
        // Nothing re-applied yet (no current position), or tokens without positions: compare by coverage.
        return WrappedToken.unwrap(token, ReplayToken.class)
                .map(replay -> replay.getCurrentToken() == null || replay.getTokenAtReset() == null
                        ? replay.getTokenAtReset() != null
                        : !replay.getCurrentToken().covers(replay.getTokenAtReset()))
                .orElse(true);
    }

    Optional<StreamingEventProcessor> processor(String processingGroup) {
        EventProcessingConfiguration configuration = eventProcessing.getIfAvailable();
        if (configuration == null) {
            return Optional.empty();
        }
        return configuration.eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class);
    }

    private Collection<EventTrackerStatus> statuses(String processingGroup) {
        return processor(processingGroup)
                .<Collection<EventTrackerStatus>>map(processor -> processor.processingStatus().values())
                .orElseGet(List::of);
    }

    private String processorName(String processingGroup) {
        return processor(processingGroup).map(EventProcessor::getName).orElse(processingGroup);
    }
}
