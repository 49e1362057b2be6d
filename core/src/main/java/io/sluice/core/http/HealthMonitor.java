package io.sluice.core.http;

import io.sluice.core.config.HealthSettings;
import io.sluice.core.engine.InstanceSnapshot;
import io.sluice.core.engine.MetricsSnapshot;
import java.util.ArrayDeque;

/**
 * Fluent Bit's health check, so a probe written for it answers the same: each sample is the sum over all outputs of {@code errors} and
 * {@code retries_failed}; the last {@code HC_Period} samples are kept; the measured counts are newest minus oldest
 * kept; unhealthy when errors &gt; {@code HC_Errors_Count} or retries_failed &gt; {@code HC_Retry_Failure_Count}.
 * No samples yet is healthy. Thread-safe.
 */
final class HealthMonitor {

    /** What {@code /api/v2/health} shows. */
    record State(boolean healthy, long errors, long retriesFailed, HealthSettings settings) {
    }

    private final HealthSettings settings;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    HealthMonitor(HealthSettings settings) {
        this.settings = settings;
    }

    /** Takes one sample from {@code snapshot}. */
    void sample(MetricsSnapshot snapshot) {
        long errors = 0;
        long retriesFailed = 0;
        for (InstanceSnapshot output : snapshot.outputs()) {
            errors += output.get("errors");
            retriesFailed += output.get("retries_failed");
        }
        sample(errors, retriesFailed);
    }

    synchronized void sample(long errors, long retriesFailed) {
        while (samples.size() >= settings.periodSeconds()) {
            samples.removeFirst();
        }
        samples.addLast(new long[] {errors, retriesFailed});
    }

    synchronized State state() {
        if (samples.isEmpty()) {
            return new State(true, 0, 0, settings);
        }
        long errors = samples.getLast()[0] - samples.getFirst()[0];
        long retriesFailed = samples.getLast()[1] - samples.getFirst()[1];
        boolean healthy = errors <= settings.errorsCount() && retriesFailed <= settings.retryFailureCount();
        return new State(healthy, errors, retriesFailed, settings);
    }
}
