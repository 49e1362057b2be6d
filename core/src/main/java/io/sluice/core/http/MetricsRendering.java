package io.sluice.core.http;

import io.sluice.core.config.HealthSettings;
import io.sluice.core.engine.InstanceSnapshot;
import io.sluice.core.engine.MetricsSnapshot;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link MetricsSnapshot} as Fluent Bit's {@code /api/v1/metrics} JSON and Prometheus text, and as the
 * v2 forms: cmetrics text ({@code /api/v2/metrics}) and Prometheus text without timestamps
 * ({@code /api/v2/metrics/prometheus}).
 */
final class MetricsRendering {

    private MetricsRendering() {
    }

    /** {@code {"input":{"tcp.0":{"records":8,"bytes":2536}},"filter":{},"output":{…}}}. */
    static String json(MetricsSnapshot snapshot) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"input\":");
        instances(sb, snapshot.inputs());
        sb.append(",\"filter\":");
        instances(sb, snapshot.filters());
        sb.append(",\"output\":");
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
            JsonText.quote(sb, s.name()).append(":{");
            boolean first = true;
            for (Map.Entry<String, Long> c : s.counters().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                JsonText.quote(sb, c.getKey()).append(':').append(c.getValue());
            }
            sb.append('}');
        }
        sb.append('}');
    }

    /**
     * Fluent Bit's v1 Prometheus text: {@code fluentbit_<section>_<counter>_total{name="…"} value timestamp}, sorted,
     * each metric preceded by HELP and TYPE; plugin-defined counters as {@code sluice_<section>_<counter>_total}.
     */
    static String prometheus(MetricsSnapshot snapshot, long nowMillis, long uptimeSeconds, long startEpochSeconds,
                             String version) {
        TreeMap<String, List<String>> byMetric = new TreeMap<>();
        collect(byMetric, "input", snapshot.inputs(), nowMillis);
        collect(byMetric, "filter", snapshot.filters(), nowMillis);
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
            String label = "{name=\"" + labelValue(s.name()) + "\"} ";
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

    // ---- v2 (cmetrics) ----

    /** Fluent Bit's HELP texts of the counters every instance has (flb_input.c, flb_filter.c, flb_output.c). */
    private static final Map<String, String> V2_HELP = Map.ofEntries(
            Map.entry("fluentbit_input_bytes_total", "Number of input bytes."),
            Map.entry("fluentbit_input_records_total", "Number of input records."),
            Map.entry("fluentbit_filter_records_total", "Total number of new records processed."),
            Map.entry("fluentbit_filter_bytes_total", "Total number of new bytes processed."),
            Map.entry("fluentbit_filter_add_records_total", "Total number of new added records."),
            Map.entry("fluentbit_filter_drop_records_total", "Total number of dropped records."),
            Map.entry("fluentbit_filter_drop_bytes_total", "Total number of dropped bytes."),
            Map.entry("fluentbit_output_proc_records_total", "Number of processed output records."),
            Map.entry("fluentbit_output_proc_bytes_total", "Number of processed output bytes."),
            Map.entry("fluentbit_output_errors_total", "Number of output errors."),
            Map.entry("fluentbit_output_retries_total", "Number of output retries."),
            Map.entry("fluentbit_output_retries_failed_total",
                    "Number of abandoned batches because the maximum number of re-tries was reached."),
            Map.entry("fluentbit_output_dropped_records_total", "Number of dropped records."),
            Map.entry("fluentbit_output_retried_records_total", "Number of retried records."));

    private static final DateTimeFormatter RFC3339_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The process-wide values the v2 forms add to the snapshot. */
    record V2Context(long uptimeSeconds, long startEpochSeconds, String version, String hostname, String os) {
    }

    /** One metric family: samples in instance order, each with its label values in {@code labels} order. */
    private record Family(String name, String help, boolean counter, List<String> labels,
                          List<Map.Entry<List<String>, Double>> samples) {
    }

    /**
     * The families in cmetrics' order: counters (uptime, then inputs', filters', outputs' engine counters, then
     * their plugin counters as {@code sluice_<section>_<counter>_total}), then gauges (process start time, build
     * info). Unlike Fluent Bit, {@code fluentbit_build_info} is 1 as Prometheus info metrics are (Fluent Bit puts
     * its start time there); {@code fluentbit_hot_reloaded_times} and Fluent Bit's other gauges and histograms
     * (ingestion paused, upstream connections, latency) are not rendered: the snapshot does not have them.
     */
    private static List<Family> v2Families(MetricsSnapshot snapshot, V2Context ctx) {
        List<Family> all = new ArrayList<>();
        Family uptime = new Family("fluentbit_uptime", "Number of seconds that sluice has been running.", true,
                List.of("hostname"), new ArrayList<>());
        uptime.samples().add(Map.entry(List.of(ctx.hostname()), (double) ctx.uptimeSeconds()));
        all.add(uptime);
        Map<String, Family> engine = new LinkedHashMap<>();
        Map<String, Family> plugin = new LinkedHashMap<>();
        families(engine, plugin, "input", snapshot.inputs());
        families(engine, plugin, "filter", snapshot.filters());
        families(engine, plugin, "output", snapshot.outputs());
        all.addAll(engine.values());
        all.addAll(plugin.values());
        Family start = new Family("fluentbit_process_start_time_seconds",
                "Start time of the process since unix epoch in seconds.", false, List.of("hostname"),
                new ArrayList<>());
        start.samples().add(Map.entry(List.of(ctx.hostname()), (double) ctx.startEpochSeconds()));
        all.add(start);
        Family build = new Family("fluentbit_build_info", "Build version information.", false,
                List.of("hostname", "version", "os"), new ArrayList<>());
        build.samples().add(Map.entry(List.of(ctx.hostname(), ctx.version(), ctx.os()), 1.0));
        all.add(build);
        return all;
    }

    private static void families(Map<String, Family> engine, Map<String, Family> plugin, String section,
                                 List<InstanceSnapshot> instances) {
        for (InstanceSnapshot s : instances) {
            s.counters().forEach((k, v) -> engine.computeIfAbsent("fluentbit_" + section + "_" + k + "_total",
                    name -> new Family(name, V2_HELP.getOrDefault(name, "Number of " + section + " "
                            + k.replace('_', ' ') + "."), true, List.of("name"), new ArrayList<>()))
                    .samples().add(Map.entry(List.of(s.name()), (double) v)));
            s.pluginCounters().forEach((k, v) -> plugin.computeIfAbsent("sluice_" + section + "_" + k + "_total",
                    name -> new Family(name, "Counter " + k + " kept by " + section + " plugins.", true,
                            List.of("name"), new ArrayList<>()))
                    .samples().add(Map.entry(List.of(s.name()), (double) v)));
        }
    }

    /**
     * {@code /api/v2/metrics/prometheus}: Prometheus text 0.0.4 as cmetrics writes it without timestamps; each
     * family once with HELP and TYPE, samples in instance order.
     */
    static String prometheusV2(MetricsSnapshot snapshot, V2Context ctx) {
        StringBuilder sb = new StringBuilder(1024);
        for (Family f : v2Families(snapshot, ctx)) {
            sb.append("# HELP ").append(f.name()).append(' ')
                    .append(f.help().replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            sb.append("# TYPE ").append(f.name()).append(f.counter() ? " counter\n" : " gauge\n");
            for (Map.Entry<List<String>, Double> sample : f.samples()) {
                sb.append(f.name());
                labels(sb, f.labels(), sample.getKey(), true);
                sb.append(' ').append(g17(sample.getValue())).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * {@code /api/v2/metrics}: cmetrics' text form, one line per series,
     * {@code 2026-08-20T12:00:00.123456789Z fluentbit_input_records_total{name="tcp.0"} = 8}: counters first, then
     * gauges; label values as they are (cmetrics does not escape them here).
     */
    static String cmetricsText(MetricsSnapshot snapshot, V2Context ctx, Instant at) {
        String ts = RFC3339_SECONDS.format(at) + "." + String.format("%09d", at.getNano()) + "Z ";
        StringBuilder sb = new StringBuilder(1024);
        for (Family f : v2Families(snapshot, ctx)) {
            for (Map.Entry<List<String>, Double> sample : f.samples()) {
                sb.append(ts).append(f.name());
                labels(sb, f.labels(), sample.getKey(), false);
                sb.append(" = ").append(g17(sample.getValue())).append('\n');
            }
        }
        return sb.toString();
    }

    private static void labels(StringBuilder sb, List<String> names, List<String> values, boolean escape) {
        if (names.isEmpty()) {
            return;
        }
        sb.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = values.get(i);
            if (escape) {
                v = labelValue(v);
            }
            sb.append(names.get(i)).append("=\"").append(v).append('"');
        }
        sb.append('}');
    }

    /** C's {@code printf("%.17g", v)}, which cmetrics uses for every value. */
    static String g17(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e17) {
            return (v == 0 && 1 / v < 0 ? "-" : "") + (long) v;
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(17, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        if (exp < -4 || exp >= 17) {
            String mantissa = r.movePointLeft(exp).stripTrailingZeros().toPlainString();
            int abs = Math.abs(exp);
            return mantissa + "e" + (exp < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
        }
        return r.stripTrailingZeros().toPlainString();
    }

    /** {@code /api/v2/health}'s JSON. */
    static String healthJson(HealthMonitor.State state) {
        HealthSettings s = state.settings();
        return "{\"status\":\"" + (state.healthy() ? "ok" : "error") + "\",\"errors\":" + state.errors()
                + ",\"retries_failed\":" + state.retriesFailed() + ",\"error_limit\":" + s.errorsCount()
                + ",\"retry_failure_limit\":" + s.retryFailureCount() + ",\"period_limit\":" + s.periodSeconds()
                + "}";
    }

    /** A Prometheus label value: backslash, double quote and line feed escaped (JSON bodies use {@link JsonText}). */
    static String labelValue(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
