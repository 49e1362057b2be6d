package io.sluice.bench.e2e;

import java.nio.file.Path;

/** One benchmarked setting: output format, Flush interval, confirm_delivery and the tcp input's storage. */
record Combination(String format, String flush, boolean confirm, Storage storage) {

    String label() {
        return format + "-flush" + flush + "-confirm" + (confirm ? "On" : "Off") + "-" + storage.label();
    }

    /**
     * Another forwarder's command line for this combination: {@code {tcp_port}}, {@code {ws_port}},
     * {@code {format}}, {@code {flush}}, {@code {confirm}} (on/off), {@code {storage_type}} (memory/filesystem),
     * {@code {storage_sync}} (normal/full) and {@code {storage_path}} (the run's fresh folder; empty in memory)
     * replaced.
     */
    String command(String template, int tcpPort, int receiverPort, Path storagePath) {
        return template.replace("{tcp_port}", Integer.toString(tcpPort))
                .replace("{ws_port}", Integer.toString(receiverPort))
                .replace("{format}", format)
                .replace("{flush}", flush)
                .replace("{confirm}", confirm ? "on" : "off")
                .replace("{storage_type}", storage.type())
                .replace("{storage_sync}", storage.sync())
                .replace("{storage_path}", storagePath == null ? "" : storagePath.toString());
    }

    /**
     * The configuration of the run that trains the launcher's JVM cache: this one with a second websocket output in
     * the other format, so that both formatters' classes are recorded.
     */
    String primingConfig(int receiverPort, Path storagePath) {
        return config(receiverPort, storagePath)
                + "\n"
                + "[OUTPUT]\n"
                + "    Name             websocket\n"
                + "    Match            bench\n"
                + "    Host             127.0.0.1\n"
                + "    Port             " + receiverPort + "\n"
                + "    URI              /bench\n"
                + "    Format           " + (format.equals("msgpack") ? "json_lines" : "msgpack") + "\n";
    }

    /**
     * The configuration file: tcp on a free port to websocket at the receiver, with the storage's keys
     * ({@code storagePath}: the run's fresh storage.path, null in memory), otherwise defaults.
     */
    String config(int receiverPort, Path storagePath) {
        return "[SERVICE]\n"
                + "    Flush        " + flush + "\n"
                + "    Grace        5\n"
                + "    Log_Level    info\n"
                + storage.serviceLines(storagePath)
                + "\n"
                + "[INPUT]\n"
                + "    Name         tcp\n"
                + "    Listen       127.0.0.1\n"
                + "    Port         0\n"
                + "    Format       json\n"
                + "    Tag          bench\n"
                + storage.inputLines()
                + "\n"
                + "[OUTPUT]\n"
                + "    Name             websocket\n"
                + "    Match            bench\n"
                + "    Host             127.0.0.1\n"
                + "    Port             " + receiverPort + "\n"
                + "    URI              /bench\n"
                + "    Format           " + format + "\n"
                + "    confirm_delivery " + (confirm ? "on" : "off") + "\n";
    }
}
