package io.sluice.core.engine;

/**
 * What shutdown left behind.
 *
 * @param pendingTasks       (chunk, output) tasks not delivered when the engine stopped
 * @param undeliveredRecords records in those tasks, counted once per output
 * @param metrics            every instance's counters after the stop
 */
public record ShutdownReport(int pendingTasks, long undeliveredRecords, MetricsSnapshot metrics) {
}
