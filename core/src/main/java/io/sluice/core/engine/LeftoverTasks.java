package io.sluice.core.engine;

import io.sluice.api.FlushResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Settles the tasks a shutdown leaves behind. A task no worker holds is dropped: dead-lettered when configured,
 * counted and logged. A task whose flush still runs may yet be delivered, so its outcome is unknown: it is logged
 * and counted apart, never dead-lettered (a replay would duplicate it), and its chunk array is not recycled while the
 * output may still read it.
 */
final class LeftoverTasks {

    private final FlushOutcomes outcomes;
    private final Map<OutputLane, long[]> unknown = new LinkedHashMap<>();
    private int pending;
    private int kept;
    private long keptRecords;
    private int dropped;
    private long droppedRecords;

    LeftoverTasks(FlushOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** Settles every task in {@code tasks} that no late result settled first. */
    void settle(List<RouteTask> tasks) {
        for (RouteTask task : tasks) {
            if (task.lateResult() == FlushResult.OK) {
                outcomes.apply(task, FlushResult.OK);
                continue;
            }
            if (!task.settle()) {
                continue;
            }
            pending++;
            if (task.chunk().stored() != null) {
                // its file stays: the next start delivers it to every output not marked done in it
                kept++;
                keptRecords += task.chunk().records();
            } else if (task.isFlushing()) {
                long[] n = unknown.computeIfAbsent(task.output(), o -> new long[2]);
                n[0]++;
                n[1] += task.chunk().records();
            } else {
                dropped++;
                droppedRecords += task.chunk().records();
                outcomes.abandon(task);
            }
        }
    }

    /** Tasks of stored chunks left on disk for the next start. */
    int kept() {
        return kept;
    }

    long keptRecords() {
        return keptRecords;
    }

    /** One line per output with flushes still running. */
    void logUnknown(Logger log) {
        unknown.forEach((lane, n) -> log.warn("output={}: {} records in {} tasks still flushing at shutdown, "
                + "outcome unknown", lane.name(), n[1], n[0]));
    }

    /** Tasks settled here, dropped or of unknown outcome. */
    int pending() {
        return pending;
    }

    int dropped() {
        return dropped;
    }

    long droppedRecords() {
        return droppedRecords;
    }
}
