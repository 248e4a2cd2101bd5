package com.twofactor.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.twofactor.query.testsupport.EmbeddedMongo;
import com.twofactor.query.testsupport.Rebuilds;
import com.twofactor.query.testsupport.TokenStores;

/**
 * The rebuild marks against the embedded MongoDB server and axon-mongo's token store, stepping through what
 * Axon's {@code resetTokens()} does: claim the tokens, run the reset handler (which empties the read model),
 * store replay tokens; then the replay moves the tokens forward. The event stream's newest event is at 41.
 */
class ProjectionRebuildMarksTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private static final String GROUP = ProcessingGroups.USER_TWO_FACTOR_STATUS;
    private static final String READ_MODEL = "some_read_model";
    private static final GlobalSequenceTrackingToken AT_HEAD = new GlobalSequenceTrackingToken(41);

    private ProjectionRebuildMarks marks;
    private ProjectionProcessors processors;
    private MongoTokenStore tokens;

    @BeforeEach
    void setUp() {
        marks = Rebuilds.marks(mongo.template(), Rebuilds.headAt(41));
        processors = Rebuilds.processors(mongo.template(), Rebuilds.headAt(41));
        tokens = TokenStores.mongoTokenStore(mongo.client(), "node-1");
        mongo.template().insert(new Document("_id", "alice").append("status", "ACTIVE"), READ_MODEL);
    }

    @Test
    void aFirstBuildOverAnExistingHistory_holdsBackUntilItsTokensReachTheHead() {
        marks.markFirstBuild(GROUP);
        assertThat(processors.isRebuilding(GROUP)).as("no token yet: the read model is not built").isTrue();
        assertThat(processors.isServing(GROUP)).isFalse();

        tokens.initializeTokenSegments(GROUP, 1, null);
        tokens.fetchToken(GROUP, 0);
        tokens.storeToken(new GlobalSequenceTrackingToken(20), GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).as("half way through the history").isTrue();

        tokens.storeToken(AT_HEAD, GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).isFalse();
        assertThat(marks.find(GROUP)).isEmpty();
    }

    @Test
    void aProjectionThatHasTokensAlready_isNotMarkedAtStart() {
        tokens.initializeTokenSegments(GROUP, 1, new GlobalSequenceTrackingToken(20));
        marks.markFirstBuild(GROUP);
        assertThat(marks.find(GROUP)).isEmpty();
    }

    @Test
    void anEmptyHistory_needsNoFirstBuildMark() {
        ProjectionRebuildMarks nothingYet = Rebuilds.marks(mongo.template(), Rebuilds.headAt(-1));
        nothingYet.markFirstBuild(GROUP);
        assertThat(nothingYet.find(GROUP)).isEmpty();
    }

    @Test
    void theMomentBetweenEmptyingAndStoringReplayTokens_isMarkedAsRebuilding() {
        tokens.initializeTokenSegments(GROUP, 1, AT_HEAD);
        assertThat(processors.isRebuilding(GROUP)).isFalse();

        // What resetTokens() does first: claim, then the reset handler. The replay tokens are not stored yet.
        tokens.fetchToken(GROUP, 0);
        marks.emptyForReplay(GROUP, READ_MODEL);

        assertThat(mongo.template().findAll(Document.class, READ_MODEL)).isEmpty();
        assertThat(ProjectionProcessors.isBehindItsReset(tokens.fetchToken(GROUP, 0)))
                .as("the tokens alone still say the read model is complete").isFalse();
        assertThat(processors.isRebuilding(GROUP)).isTrue();
        assertThat(processors.isServing(GROUP)).isFalse();
    }

    @Test
    void aResetOutsideTheRebuildEndpoint_isMarkedUntilItsReplayReachesTheHead() {
        tokens.initializeTokenSegments(GROUP, 1, AT_HEAD);
        tokens.fetchToken(GROUP, 0);
        marks.emptyForReplay(GROUP, READ_MODEL);

        TrackingToken replay = ReplayToken.createReplayToken(AT_HEAD, null, "some-context");
        tokens.storeToken(replay, GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).isTrue();
        assertThat(marks.find(GROUP)).get().extracting(ProjectionRebuildMarks.Mark::phase)
                .isEqualTo(ProjectionRebuildMarks.Phase.REPLAYING);

        TrackingToken halfWay = ((ReplayToken) replay).advancedTo(new GlobalSequenceTrackingToken(20));
        tokens.storeToken(halfWay, GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).isTrue();

        tokens.storeToken(((ReplayToken) halfWay).advancedTo(AT_HEAD), GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).isFalse();
        assertThat(marks.find(GROUP)).isEmpty();
    }

    @Test
    void replayTokensLeftFromAnEarlierReplay_doNotEndTheNextOne() {
        // A quiet system: the last replay reached the head and its token is still a replay token.
        TrackingToken earlier = ((ReplayToken) ReplayToken.createReplayToken(AT_HEAD, null)).advancedTo(AT_HEAD);
        assertThat(ReplayToken.isReplay(earlier)).isTrue();
        tokens.initializeTokenSegments(GROUP, 1, earlier);
        assertThat(processors.isRebuilding(GROUP)).isFalse();

        tokens.fetchToken(GROUP, 0);
        marks.emptyForReplay(GROUP, READ_MODEL);

        assertThat(processors.isRebuilding(GROUP)).isTrue();
        assertThat(processors.isRebuilding(GROUP)).as("still, on asking again").isTrue();
        assertThat(marks.find(GROUP)).get().extracting(ProjectionRebuildMarks.Mark::phase)
                .isEqualTo(ProjectionRebuildMarks.Phase.CLEARING);

        tokens.storeToken(ReplayToken.createReplayToken(earlier, null), GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).isTrue();
    }

    @Test
    void withSeveralSegments_theMarkWaitsForEverySegmentsReplayToken() {
        tokens.initializeTokenSegments(GROUP, 2, AT_HEAD);
        tokens.fetchToken(GROUP, 0);
        tokens.fetchToken(GROUP, 1);
        marks.emptyForReplay(GROUP, READ_MODEL);

        tokens.storeToken(ReplayToken.createReplayToken(AT_HEAD, null), GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).isTrue();
        assertThat(marks.find(GROUP)).get().extracting(ProjectionRebuildMarks.Mark::phase)
                .isEqualTo(ProjectionRebuildMarks.Phase.CLEARING);

        tokens.storeToken(ReplayToken.createReplayToken(AT_HEAD, null), GROUP, 1);
        assertThat(processors.isRebuilding(GROUP)).isTrue();
        tokens.storeToken(AT_HEAD, GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).isTrue();
        tokens.storeToken(new GlobalSequenceTrackingToken(42), GROUP, 1);
        assertThat(processors.isRebuilding(GROUP)).isFalse();
    }

    @Test
    void aRebuildThatFailsBeforeEmptyingAnything_leavesNoMark() {
        tokens.initializeTokenSegments(GROUP, 1, AT_HEAD);
        Optional<ProjectionRebuildMarks.Mark> previous = marks.begin(GROUP, "rebuild-1", "test");
        assertThat(processors.isRebuilding(GROUP)).isTrue();

        marks.abandon(GROUP, "rebuild-1", previous);

        assertThat(marks.find(GROUP)).isEmpty();
        assertThat(processors.isRebuilding(GROUP)).isFalse();
        assertThat(mongo.template().findAll(Document.class, READ_MODEL)).hasSize(1);
    }

    @Test
    void aRebuildThatFailsBeforeEmptyingAnything_bringsBackTheMarkItReplaced() {
        tokens.initializeTokenSegments(GROUP, 1, AT_HEAD);
        tokens.fetchToken(GROUP, 0);
        marks.emptyForReplay(GROUP, READ_MODEL);
        String earlierRebuild = marks.find(GROUP).orElseThrow().rebuildId();

        Optional<ProjectionRebuildMarks.Mark> previous = marks.begin(GROUP, "rebuild-2", "test");
        marks.abandon(GROUP, "rebuild-2", previous);

        assertThat(marks.find(GROUP)).get().satisfies(mark -> {
            assertThat(mark.rebuildId()).isEqualTo(earlierRebuild);
            assertThat(mark.phase()).isEqualTo(ProjectionRebuildMarks.Phase.CLEARING);
        });
        assertThat(processors.isRebuilding(GROUP)).isTrue();
    }

    @Test
    void aRebuildThatFailsAfterEmptying_staysFailed_evenWhenTheProcessorMovesOn() {
        tokens.initializeTokenSegments(GROUP, 1, AT_HEAD);
        Optional<ProjectionRebuildMarks.Mark> previous = marks.begin(GROUP, "rebuild-1", "test");
        tokens.fetchToken(GROUP, 0);
        marks.emptyForReplay(GROUP, READ_MODEL);

        marks.abandon(GROUP, "rebuild-1", previous);
        tokens.storeToken(new GlobalSequenceTrackingToken(50), GROUP, 0);

        assertThat(marks.find(GROUP)).get().extracting(ProjectionRebuildMarks.Mark::phase)
                .isEqualTo(ProjectionRebuildMarks.Phase.FAILED);
        assertThat(processors.isRebuilding(GROUP)).isTrue();
    }

    @Test
    void aSuccessfulRebuild_isReplayingUntilEverySegmentReachedTheHeadOfWhenItWasEmptied() {
        tokens.initializeTokenSegments(GROUP, 1, new GlobalSequenceTrackingToken(30));
        Optional<ProjectionRebuildMarks.Mark> previous = marks.begin(GROUP, "rebuild-1", "test");
        assertThat(previous).isEmpty();
        tokens.fetchToken(GROUP, 0);
        marks.emptyForReplay(GROUP, READ_MODEL);
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(30), null);
        tokens.storeToken(replay, GROUP, 0);
        marks.replaying(GROUP, "rebuild-1");

        // Past the reset (30) but not yet at the head when the read model was emptied (41).
        tokens.storeToken(new GlobalSequenceTrackingToken(35), GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).isTrue();

        tokens.storeToken(AT_HEAD, GROUP, 0);
        assertThat(processors.isRebuilding(GROUP)).isFalse();
        assertThat(processors.isUpToDate(GROUP)).isTrue();
    }
}
