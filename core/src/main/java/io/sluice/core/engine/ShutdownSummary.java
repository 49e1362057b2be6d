package io.sluice.core.engine;

import java.util.Map;
import org.slf4j.Logger;

/** The last log lines of a run: one per instance with its counters, e.g. {@code output=stdout.0 proc_records=5 …}. */
final class ShutdownSummary {

    private final MetricsSnapshot metrics;

    ShutdownSummary(MetricsSnapshot metrics) {
        this.metrics = metrics;
    }

    void log(Logger log) {
        for (InstanceSnapshot s : metrics.inputs()) {
            log.info("summary input={} {}", s.name(), line(s));
        }
        for (InstanceSnapshot s : metrics.filters()) {
            log.info("summary filter={} {}", s.name(), line(s));
        }
        for (InstanceSnapshot s : metrics.outputs()) {
            log.info("summary output={} {}", s.name(), line(s));
        }
    }

    static String line(InstanceSnapshot s) {
        StringBuilder sb = new StringBuilder();
        append(sb, s.counters());
        append(sb, s.pluginCounters());
        return sb.toString();
    }

    private static void append(StringBuilder sb, Map<String, Long> counters) {
        counters.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(k).append('=').append(v);
        });
    }
}
