package io.sluice.bench.e2e;

/** One benchmarked setting: output format, Flush interval and confirm_delivery. */
record Combination(String format, String flush, boolean confirm) {

    String label() {
        return format + "-flush" + flush + "-confirm" + (confirm ? "On" : "Off");
    }

    /**
     * Another forwarder's command line for this combination: {@code {tcp_port}}, {@code {ws_port}},
     * {@code {format}}, {@code {flush}} and {@code {confirm}} (on/off) replaced.
     */
    String command(String template, int tcpPort, int receiverPort) {
        return template.replace("{tcp_port}", Integer.toString(tcpPort))
                .replace("{ws_port}", Integer.toString(receiverPort))
                .replace("{format}", format)
                .replace("{flush}", flush)
                .replace("{confirm}", confirm ? "on" : "off");
    }

    /**
     * The configuration of the run that trains the launcher's JVM cache: this one with a second websocket output in
     * the other format, so that both formatters' classes are recorded.
     */
    String primingConfig(int receiverPort) {
        return config(receiverPort)
                + "\n"
                + "[OUTPUT]\n"
                + "    Name             websocket\n"
                + "    Match            bench\n"
                + "    Host             127.0.0.1\n"
                + "    Port             " + receiverPort + "\n"
                + "    URI              /bench\n"
                + "    Format           " + (format.equals("msgpack") ? "json_lines" : "msgpack") + "\n";
    }

    /** The configuration file: tcp on a free port to websocket at the receiver, otherwise defaults. */
    String config(int receiverPort) {
        return "[SERVICE]\n"
                + "    Flush        " + flush + "\n"
                + "    Grace        5\n"
                + "    Log_Level    info\n"
                + "\n"
                + "[INPUT]\n"
                + "    Name         tcp\n"
                + "    Listen       127.0.0.1\n"
                + "    Port         0\n"
                + "    Format       json\n"
                + "    Tag          bench\n"
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
