package io.sluice.core.http;

import static io.sluice.core.http.MetricsRendering.labelValue;

import io.sluice.core.engine.StorageSnapshot;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link StorageSnapshot} as Fluent Bit's {@code /api/v1/storage} JSON and as Prometheus gauges. */
final class StorageRendering {

    private StorageRendering() {
    }

    /** Fluent Bit's shape: {@code {"storage_layer":{"chunks":{…}},"input_chunks":{"tcp.0":{…}}}}. */
    static String json(StorageSnapshot s) {
        int total = 0;
        int mem = 0;
        int fs = 0;
        int fsUp = 0;
        int fsDown = 0;
        for (StorageSnapshot.InputStorage in : s.inputs()) {
            total += in.total();
            if (in.type().equals("filesystem") || in.type().equals("backlog")) {
                fs += in.total();
                fsUp += in.up();
                fsDown += in.down();
            } else {
                mem += in.total();
            }
        }
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"storage_layer\":{\"chunks\":{\"total_chunks\":").append(total).append(",\"mem_chunks\":")
                .append(mem).append(",\"fs_chunks\":").append(fs).append(",\"fs_chunks_up\":").append(fsUp)
                .append(",\"fs_chunks_down\":").append(fsDown).append("}},\"input_chunks\":{");
        boolean first = true;
        for (StorageSnapshot.InputStorage in : s.inputs()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            JsonText.quote(sb, in.name()).append(":{\"status\":{\"overlimit\":").append(in.overlimit())
                    .append(",\"mem_size\":\"").append(human(in.memSize())).append("\",\"mem_limit\":\"")
                    .append(human(in.memLimit())).append("\"},\"chunks\":{\"total\":").append(in.total())
                    .append(",\"up\":").append(in.up()).append(",\"down\":").append(in.down()).append(",\"busy\":")
                    .append(in.busy()).append(",\"busy_size\":\"").append(human(in.busySize())).append("\"}}");
        }
        sb.append("}");
        if (s.filesystem()) {
            sb.append(",\"sluice\":{\"disk_bytes\":").append(s.diskBytes()).append(",\"corrupt_chunks\":")
                    .append(s.corruptChunks()).append(",\"orphan_chunks\":").append(s.orphanChunks())
                    .append(",\"write_errors\":").append(s.writeErrors()).append('}');
        }
        return sb.append('}').toString();
    }

    /** The storage gauges, Fluent Bit's names and sluice's additions. */
    static String prometheus(StorageSnapshot s) {
        StringBuilder sb = new StringBuilder(512);
        int total = 0;
        int mem = 0;
        int fs = 0;
        int fsUp = 0;
        int fsDown = 0;
        for (StorageSnapshot.InputStorage in : s.inputs()) {
            total += in.total();
            if (in.type().equals("filesystem") || in.type().equals("backlog")) {
                fs += in.total();
                fsUp += in.up();
                fsDown += in.down();
            } else {
                mem += in.total();
            }
        }
        gauge(sb, "fluentbit_storage_chunks", "Total number of chunks in the storage layer.", total);
        gauge(sb, "fluentbit_storage_mem_chunks", "Total number of memory chunks.", mem);
        gauge(sb, "fluentbit_storage_fs_chunks", "Total number of filesystem chunks.", fs);
        gauge(sb, "fluentbit_storage_fs_chunks_up", "Filesystem chunks in memory.", fsUp);
        gauge(sb, "fluentbit_storage_fs_chunks_down", "Filesystem chunks on disk only.", fsDown);
        perInput(sb, s, "fluentbit_input_storage_overlimit", "Whether the input is over its memory limit.",
                in -> in.overlimit() ? 1 : 0);
        perInput(sb, s, "fluentbit_input_storage_memory_bytes", "Bytes of the input's chunks in memory.",
                StorageSnapshot.InputStorage::memSize);
        perInput(sb, s, "fluentbit_input_storage_chunks", "Chunks of the input.", in -> in.total());
        perInput(sb, s, "fluentbit_input_storage_chunks_up", "Chunks of the input in memory.", in -> in.up());
        perInput(sb, s, "fluentbit_input_storage_chunks_down", "Chunks of the input on disk only.", in -> in.down());
        perInput(sb, s, "fluentbit_input_storage_chunks_busy", "Chunks of the input handed to outputs.",
                in -> in.busy());
        perInput(sb, s, "fluentbit_input_storage_chunks_busy_bytes", "Bytes of those chunks.",
                StorageSnapshot.InputStorage::busySize);
        if (s.filesystem()) {
            gauge(sb, "sluice_storage_disk_bytes", "Bytes of the chunk files under storage.path.", s.diskBytes());
            counter(sb, "sluice_storage_corrupt_chunks_total", "Chunk files found unreadable or with corrupt frames; "
                    + "moved or copied to the quarantine folder.", s.corruptChunks());
            gauge(sb, "sluice_storage_orphan_chunks", "Backlog chunks kept because no output matches their tag.",
                    s.orphanChunks());
            counter(sb, "sluice_storage_write_errors_total", "Chunk writes that failed (a full disk).",
                    s.writeErrors());
            labelled(sb, "sluice_storage_replayed_records_total", "Records replayed from the backlog.",
                    s.replayed());
        }
        labelled(sb, "sluice_storage_evicted_records_total",
                "Records dropped for an output to stay under storage.total_limit_size.", s.evictedRecords());
        String capacity = "fluentbit_output_chunk_available_capacity_percent";
        sb.append("# HELP ").append(capacity).append(" Available chunk capacity (percent)\n# TYPE ")
                .append(capacity).append(" gauge\n");
        s.capacity().forEach((k, v) -> sb.append(capacity).append("{name=\"").append(labelValue(k)).append("\"} ")
                .append(v == Math.rint(v) ? Long.toString(v.longValue()) : String.format(java.util.Locale.ROOT,
                        "%.2f", v)).append('\n'));
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    private static void perInput(StringBuilder sb, StorageSnapshot s, String name, String help,
                                 java.util.function.ToLongFunction<StorageSnapshot.InputStorage> value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" gauge\n");
        for (StorageSnapshot.InputStorage in : s.inputs()) {
            sb.append(name).append("{name=\"").append(labelValue(in.name())).append("\"} ")
                    .append(value.applyAsLong(in)).append('\n');
        }
    }

    private static void labelled(StringBuilder sb, String name, String help, Map<String, Long> values) {
        sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" counter\n");
        values.forEach((k, v) -> sb.append(name).append("{name=\"").append(labelValue(k)).append("\"} ").append(v)
                .append('\n'));
    }

    /** Fluent Bit's human sizes: below 1024 an integer with {@code b}, else one decimal and K, M, G… in 1024s. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "b";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, units[u]);
    }

}
