package io.sluice.core.http;

import io.sluice.core.engine.InstanceSnapshot;
import io.sluice.core.engine.MetricsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders a {@link MetricsSnapshot} as Fluent Bit's {@code /api/v1/metrics} JSON and Prometheus text. */
final class MetricsRendering {

    private MetricsRendering() {
    }

    /** {@code {"input":{"tcp.0":{"records":8,"bytes":2536}},"filter":{},"output":{…}}}. */
    static String json(MetricsSnapshot snapshot) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"input\":");
        instances(sb, snapshot.inputs());
        sb.append(",\"filter\":{},\"output\":");
        instances(sb, snapshot.outputs());
        return sb.append('}').toString();
    }

    private static void instances(StringBuilder sb, List<InstanceSnapshot> list) {
        sb.append('{');
        for (int i = 0; i < list.size(); i++) {
            InstanceSnapshot s = list.get(i);
            if (i > 0) {
                sb.append(',');
            }
            string(sb, s.name()).append(":{");
            boolean first = true;
            for (Map.Entry<String, Long> c : s.counters().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, c.getKey()).append(':').append(c.getValue());
            }
            sb.append('}');
        }
        sb.append('}');
    }

    private static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"');
    }

    /**
     * Fluent Bit's v1 Prometheus text: {@code fluentbit_<section>_<counter>_total{name="…"} value timestamp}, sorted,
     * each metric preceded by HELP and TYPE; plugin-defined counters as {@code sluice_<section>_<counter>_total}.
     */
    static String prometheus(MetricsSnapshot snapshot, long nowMillis, long uptimeSeconds, long startEpochSeconds,
                             String version) {
        TreeMap<String, List<String>> byMetric = new TreeMap<>();
        collect(byMetric, "input", snapshot.inputs(), nowMillis);
        collect(byMetric, "output", snapshot.outputs(), nowMillis);
        StringBuilder sb = new StringBuilder(1024);
        for (Map.Entry<String, List<String>> metric : byMetric.entrySet()) {
            sb.append("# HELP ").append(metric.getKey()).append(' ').append(help(metric.getKey())).append('\n');
            sb.append("# TYPE ").append(metric.getKey()).append(" counter\n");
            metric.getValue().stream().sorted().forEach(line -> sb.append(line).append('\n'));
        }
        sb.append("# HELP fluentbit_uptime Number of seconds that sluice has been running.\n")
                .append("# TYPE fluentbit_uptime counter\n")
                .append("fluentbit_uptime ").append(uptimeSeconds).append('\n');
        sb.append("# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n")
                .append("# TYPE process_start_time_seconds gauge\n")
                .append("process_start_time_seconds ").append(startEpochSeconds).append('\n');
        sb.append("# HELP fluentbit_build_info Build version information.\n")
                .append("# TYPE fluentbit_build_info gauge\n")
                .append("fluentbit_build_info{version=\"").append(version).append("\",edition=\"sluice\"} 1\n");
        return sb.toString();
    }

    private static void collect(Map<String, List<String>> byMetric, String section, List<InstanceSnapshot> list,
                                long nowMillis) {
        for (InstanceSnapshot s : list) {
            String label = "{name=\"" + s.name().replace("\\", "\\\\").replace("\"", "\\\"") + "\"} ";
            s.counters().forEach((k, v) -> byMetric.computeIfAbsent("fluentbit_" + section + "_" + k + "_total",
                    m -> new ArrayList<>()).add("fluentbit_" + section + "_" + k + "_total" + label + v + " "
                    + nowMillis));
            s.pluginCounters().forEach((k, v) -> byMetric.computeIfAbsent("sluice_" + section + "_" + k + "_total",
                    m -> new ArrayList<>()).add("sluice_" + section + "_" + k + "_total" + label + v + " "
                    + nowMillis));
        }
    }

    private static String help(String metric) {
        return metric.startsWith("sluice_") ? "Plugin counter " + metric + "."
                : "Number of " + metric.replace("fluentbit_", "").replace("_total", "").replace('_', ' ') + ".";
    }

    /** {@code Fluent Bit has been running:  D day, H hours, M minute and S seconds}, with its plural rule. */
    static String uptimeText(long seconds) {
        long d = seconds / 86400;
        long h = seconds % 86400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return "sluice has been running:  " + d + " day" + plural(d) + ", " + h + " hour" + plural(h) + ", " + m
                + " minute" + plural(m) + " and " + s + " second" + plural(s);
    }

    private static String plural(long n) {
        return n > 1 ? "s" : "";
    }
}
