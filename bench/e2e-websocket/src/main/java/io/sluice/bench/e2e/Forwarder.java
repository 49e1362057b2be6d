package io.sluice.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What the benchmark runs: sluice through its launcher, or another forwarder given by its command line. */
interface Forwarder {

    /** "sluice", or the other forwarder's name. */
    String name();

    /**
     * Starts it for {@code combination}, sending to the receiver at {@code receiverPort}; files go to {@code work},
     * an on-disk storage to a fresh folder there, deleted when the process is closed.
     */
    ForwarderProcess start(Combination combination, int receiverPort, Path work, String runName) throws IOException;

    /** sluice from the distribution at {@code home}, with {@code env} (JAVA_HOME, SLUICE_JVM_CACHE...) added. */
    record Sluice(Path home, Map<String, String> env, boolean priming) implements Forwarder {

        @Override
        public String name() {
            return "sluice";
        }

        @Override
        public ForwarderProcess start(Combination combination, int receiverPort, Path work, String runName)
                throws IOException {
            Path config = work.resolve(runName + ".conf");
            Path log = work.resolve(runName + ".log");
            Files.deleteIfExists(log);
            Path storagePath = combination.storage().freshPath(work, runName);
            Files.writeString(config, priming ? combination.primingConfig(receiverPort, storagePath)
                    : combination.config(receiverPort, storagePath));
            return ForwarderProcess.sluice(home, env, config, log, storagePath);
        }

        /** The same, with the configuration that trains the JVM cache on both formats. */
        Sluice forPriming() {
            return new Sluice(home, env, true);
        }
    }

    /**
     * Any forwarder's command line, with {@code {tcp_port}} (a free port picked for each run), {@code {ws_port}},
     * {@code {format}}, {@code {flush}}, {@code {confirm}} and the storage's placeholders filled in; see
     * {@link Combination#command}.
     */
    record Command(String name, String template) implements Forwarder {

        @Override
        public ForwarderProcess start(Combination combination, int receiverPort, Path work, String runName)
                throws IOException {
            int tcpPort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                tcpPort = probe.getLocalPort();
            }
            Path storagePath = combination.storage().freshPath(work, runName);
            String command = combination.command(template, tcpPort, receiverPort, storagePath);
            Path log = work.resolve(runName + ".log");
            Files.deleteIfExists(log);
            Files.writeString(work.resolve(runName + ".cmd"), command + "\n");
            return ForwarderProcess.command(command, tcpPort, log, storagePath);
        }
    }
}
