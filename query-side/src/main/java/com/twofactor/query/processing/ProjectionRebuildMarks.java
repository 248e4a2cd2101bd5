package com.twofactor.query.processing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.ReplaceOptions;
import com.twofactor.query.mongo.StoredTrackingTokens;
import com.twofactor.query.mongo.StoredTrackingTokens.StoredSegment;

/**
 * Marks, in MongoDB so that every node sees them, that a projection's read model is incomplete because it is
 * being rebuilt. Answers that must not be guessed (the login check, the audit trail) refuse while a mark is set.
 *
 * <p>Why a mark and not only the tokens: Axon's {@code resetTokens()} runs the {@code @ResetHandler} (which
 * empties the read model) a moment <em>before</em> it stores the replay tokens, so for that moment the stored
 * tokens still say "complete" over an empty collection. The mark is written before the collection is emptied
 * (by the rebuild, and again by every reset handler, for resets started elsewhere) and removed only once the
 * stored tokens show the replay has re-applied the history.
 *
 * <p>One document per processing group in {@value #COLLECTION}, moving through these phases:
 * <ol>
 *   <li>{@link Phase#REQUESTED}: a rebuild is about to reset the processor; nothing is emptied yet.</li>
 *   <li>{@link Phase#CLEARING}: the reset handler is emptying the read model (written before it does); the
 *       segments' tokens as they were are kept, to see when the reset has stored new ones.</li>
 *   <li>{@link Phase#REPLAYING}: the replay tokens are stored (the rebuild says so after {@code resetTokens()}
 *       returned, or a reader sees every segment holding a new replay token); the mark goes once every segment's
 *       token has reached the head of the event stream as it was when the read model was emptied.</li>
 *   <li>{@link Phase#FAILED}: the reset failed after the read model was emptied; it stays incomplete until a
 *       rebuild succeeds, and answers keep being refused until then.</li>
 * </ol>
 * Transitions are conditional on the rebuild id and phase, so concurrent readers and nodes agree. No
 * transactions are needed.
 */
@Component
public class ProjectionRebuildMarks {

    static final String COLLECTION = "projection_rebuilds";

    private static final String REBUILD_ID = "rebuildId";
    private static final String PHASE = "phase";
    private static final String SINCE = "since";
    private static final String REQUESTED_BY = "requestedBy";
    private static final String HEAD_POSITION = "headPosition";
    private static final String TOKENS_AT_CLEARING = "tokensAtClearing";

    /** Where a rebuild stands. */
    public enum Phase {
        REQUESTED, CLEARING, REPLAYING, FAILED
    }

    /** A projection's mark as stored. */
    record Mark(String group, String rebuildId, Phase phase, Instant since, String requestedBy, long headPosition,
                Map<String, String> tokensAtClearing, Document stored) {
    }

    private final MongoTemplate mongo;
    private final StoredTrackingTokens storedTokens;
    private final EventStreamHead head;
    private final Clock clock;

    public ProjectionRebuildMarks(MongoTemplate mongo, StoredTrackingTokens storedTokens, EventStreamHead head, Clock clock) {
        this.mongo = mongo;
        this.storedTokens = storedTokens;
        this.head = head;
        this.clock = clock;
    }

    /**
     * Empties a read model for a replay: marks the group as rebuilding (unless a rebuild already did), then
     * removes every document of the collection. Every projection's {@code @ResetHandler} calls this, so a reset
     * started anywhere (the rebuild endpoint, the start-up option, a tool calling {@code resetTokens()}) never
     * leaves an empty read model unmarked.
     */
    public void emptyForReplay(String processingGroup, String collection) {
        Map<String, String> tokens = new HashMap<>();
        for (StoredSegment segment : storedTokens.segments(processingGroup)) {
            tokens.put(Integer.toString(segment.segment()), segment.fingerprint() == null ? "" : segment.fingerprint());
        }
        mongo.upsert(query(where("_id").is(processingGroup)),
                new Update().set(PHASE, Phase.CLEARING.name())
                        .set(TOKENS_AT_CLEARING, new Document(new HashMap<>(tokens)))
                        .set(HEAD_POSITION, head.position())
                        .setOnInsert(REBUILD_ID, UUID.randomUUID().toString())
                        .setOnInsert(SINCE, Date.from(clock.instant()))
                        .setOnInsert(REQUESTED_BY, "a reset outside the rebuild endpoint"),
                COLLECTION);
        // Removes the documents, keeps the collection and its indexes.
        mongo.remove(new Query(), collection);
    }

    /**
     * A projection that has never stored a token is about to build its read model from the whole history (a new
     * query-side node on a fresh MongoDB, or a read model store that was wiped). Until its tokens reach the head
     * of the event stream as it is now, its read model is incomplete: mark it as replaying so the login check
     * holds back, exactly as during a rebuild. Nothing is marked when the history is empty or a token exists.
     */
    public void markFirstBuild(String processingGroup) {
        long headPosition = head.position();
        if (headPosition < 0 || !storedTokens.segments(processingGroup).isEmpty()) {
            return;
        }
        mongo.upsert(query(where("_id").is(processingGroup)),
                new Update().setOnInsert(PHASE, Phase.REPLAYING.name())
                        .setOnInsert(TOKENS_AT_CLEARING, new Document())
                        .setOnInsert(HEAD_POSITION, headPosition)
                        .setOnInsert(REBUILD_ID, UUID.randomUUID().toString())
                        .setOnInsert(SINCE, Date.from(clock.instant()))
                        .setOnInsert(REQUESTED_BY, "first build of the read model"),
                COLLECTION);
    }

    /** Marks a rebuild as requested, replacing any earlier mark; returns that earlier mark, if any. */
    Optional<Mark> begin(String processingGroup, String rebuildId, String requestedBy) {
        Optional<Mark> previous = find(processingGroup);
        Document mark = new Document("_id", processingGroup)
                .append(REBUILD_ID, rebuildId)
                .append(PHASE, Phase.REQUESTED.name())
                .append(SINCE, Date.from(clock.instant()))
                .append(REQUESTED_BY, requestedBy)
                .append(HEAD_POSITION, head.position())
                .append(TOKENS_AT_CLEARING, new Document());
        mongo.getCollection(COLLECTION).replaceOne(new Document("_id", processingGroup), mark,
                new ReplaceOptions().upsert(true));
        return previous;
    }

    /** The reset stored its replay tokens: from now on the tokens tell when the history is back. */
    void replaying(String processingGroup, String rebuildId) {
        mongo.updateFirst(query(where("_id").is(processingGroup).and(REBUILD_ID).is(rebuildId)),
                new Update().set(PHASE, Phase.REPLAYING.name()), COLLECTION);
    }

    /**
     * The reset failed. If the read model was not touched yet, the earlier state comes back (no mark, or the
     * earlier mark); if it was emptied, the mark stays as {@link Phase#FAILED} until a rebuild succeeds.
     */
    void abandon(String processingGroup, String rebuildId, Optional<Mark> previous) {
        Query mine = query(where("_id").is(processingGroup).and(REBUILD_ID).is(rebuildId));
        Query untouched = query(where("_id").is(processingGroup).and(REBUILD_ID).is(rebuildId)
                .and(PHASE).is(Phase.REQUESTED.name()));
        if (previous.isEmpty()) {
            if (mongo.remove(untouched, COLLECTION).getDeletedCount() == 1) {
                return;
            }
        } else if (mongo.getCollection(COLLECTION).replaceOne(untouched.getQueryObject(), previous.get().stored())
                .getMatchedCount() == 1) {
            return;
        }
        mongo.updateFirst(mine, new Update().set(PHASE, Phase.FAILED.name()), COLLECTION);
    }

    /** The group's mark, if it has one. */
    Optional<Mark> find(String processingGroup) {
        Document stored = mongo.findById(processingGroup, Document.class, COLLECTION);
        return Optional.ofNullable(stored).map(document -> toMark(processingGroup, document));
    }

    /**
     * Whether the group's mark holds answers back, given its segments as stored now. Moves the mark on when the
     * tokens show progress: a {@link Phase#CLEARING} mark whose segments all hold new replay tokens is
     * {@link Phase#REPLAYING}; a {@code REPLAYING} mark whose segments all reached the recorded head is removed.
     */
    boolean holdsBack(String processingGroup, List<StoredSegment> segments) {
        Optional<Mark> found = find(processingGroup);
        if (found.isEmpty()) {
            return false;
        }
        Mark mark = found.get();
        if (mark.phase() == Phase.CLEARING && replayTokensStoredSince(mark, segments)) {
            long moved = mongo.updateFirst(
                    query(where("_id").is(processingGroup).and(REBUILD_ID).is(mark.rebuildId())
                            .and(PHASE).is(Phase.CLEARING.name())),
                    new Update().set(PHASE, Phase.REPLAYING.name()), COLLECTION).getModifiedCount();
            if (moved == 1) {
                mark = new Mark(mark.group(), mark.rebuildId(), Phase.REPLAYING, mark.since(), mark.requestedBy(),
                        mark.headPosition(), mark.tokensAtClearing(), mark.stored());
            }
        }
        if (mark.phase() == Phase.REPLAYING && reached(segments, mark.headPosition())) {
            mongo.remove(query(where("_id").is(processingGroup).and(REBUILD_ID).is(mark.rebuildId())
                    .and(PHASE).is(Phase.REPLAYING.name())), COLLECTION);
            return false;
        }
        return true;
    }

    /** Every segment holds a replay token stored after the reset handler emptied the read model. */
    private static boolean replayTokensStoredSince(Mark mark, List<StoredSegment> segments) {
        return !segments.isEmpty() && segments.stream().allMatch(segment ->
                segment.token() != null && ReplayToken.isReplay(segment.token())
                        && !segment.fingerprint().equals(mark.tokensAtClearing().get(Integer.toString(segment.segment()))));
    }

    /** Every segment's token has reached the position (an empty stream, position -1, is reached at once). */
    static boolean reached(List<StoredSegment> segments, long position) {
        if (position < 0) {
            return true;
        }
        return !segments.isEmpty() && segments.stream().allMatch(segment -> reached(segment.token(), position));
    }

    private static boolean reached(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        OptionalLong at = token.position();
        return at.isPresent() ? at.getAsLong() >= position : !ProjectionProcessors.isBehindItsReset(token);
    }

    private static Mark toMark(String group, Document document) {
        Map<String, String> tokens = new HashMap<>();
        Document recorded = document.get(TOKENS_AT_CLEARING, Document.class);
        if (recorded != null) {
            recorded.forEach((segment, fingerprint) -> tokens.put(segment, String.valueOf(fingerprint)));
        }
        Object since = document.get(SINCE);
        Number headPosition = document.get(HEAD_POSITION, Number.class);
        String phase = document.getString(PHASE);
        return new Mark(group, document.getString(REBUILD_ID),
                phase == null ? Phase.FAILED : Phase.valueOf(phase),
                since instanceof Date date ? date.toInstant() : null,
                document.getString(REQUESTED_BY),
                headPosition == null ? -1 : headPosition.longValue(),
                Map.copyOf(tokens), document);
    }
}
