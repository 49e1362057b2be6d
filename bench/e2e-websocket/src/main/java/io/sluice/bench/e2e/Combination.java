package io.sluice.bench.e2e;

/** One benchmarked setting: output format, Flush interval and confirm_delivery. */
record Combination(String format, String flush, boolean confirm) {

    String label() {
        return format + "-flush" + flush + "-confirm" + (confirm ? "On" : "Off");
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
