package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-over between an output worker and the engine thread that decides whether a task may be moved. */
class RouteTaskTest {

    private final RouteTask task = new RouteTask(null, null);

    @Test
    void aWorkerThatClaimedATaskKeepsItUntilTheEngineAppliedTheOutcome() {
        assertThat(task.claim()).isTrue();

        // the flush returned, its outcome is on its way to the engine thread: the task must not be moved now
        assertThat(task.cancelIfIdle()).isFalse();
        assertThat(task.isFlushing()).isTrue();

        task.flushEnded();
        assertThat(task.isFlushing()).isFalse();
        assertThat(task.cancelIfIdle()).isTrue();
        assertThat(task.claim()).as("cancelled: a worker that takes it skips it").isFalse();
    }

    @Test
    void aTaskCancelledWhileQueuedIsNeverClaimed() {
        assertThat(task.cancelIfIdle()).isTrue();

        assertThat(task.claim()).isFalse();
        assertThat(task.cancelIfIdle()).as("cancelled once only").isFalse();
    }

    @Test
    void aRetriedTaskCanBeClaimedAgain() {
        assertThat(task.claim()).isTrue();
        task.flushEnded();

        assertThat(task.claim()).isTrue();
    }

    @Test
    void aReplayedChunksTaskNamesTheInputThatWroteIt() {
        OutputLane lane = TestPipeline.lane("out.0");
        // a backlog chunk has no input lane, only the name of the input that wrote its file
        Chunk replayed = Chunk.fromBacklog(1, "tail.0", "t", List.of(lane), new byte[0], 0, 0, null);

        assertThat(new RouteTask(replayed, lane)).hasToString("input=tail.0 > output=out.0");
    }
}
