package io.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.NumberedSender;
import io.sluice.distribution.support.SluiceProcess;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventDecoder;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole pipelines through the real launcher: tcp and cpu in, stdout and websocket out. */
class PipelineIT {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @TempDir
    Path tmp;

    private CollectingServer server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop(2000);
        }
    }

    @Test
    void recordSentWithNetcatIsPrinted() throws Exception {
        try (SluiceProcess p = SluiceProcess.start("-i", "tcp://127.0.0.1:0", "-o", "stdout", "-f", "0.2")) {
            try (Socket s = new Socket("127.0.0.1", p.tcpPort())) {
                s.getOutputStream().write("{\"key 1\": 123456789, \"key 2\": \"abcdefg\"}\n"
                        .getBytes(StandardCharsets.UTF_8));
            }
            String line = p.awaitStdout(l -> l.contains("{\"key 1\"=>123456789, \"key 2\"=>\"abcdefg\"}"),
                    Duration.ofSeconds(20));
            assertThat(line).matches("\\[0\\] tcp\\.0: \\[\\[\\d+\\.\\d{9}, \\{}], .*");
            p.terminate();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void seedConfigurationDeliversEveryTcpRecordToTheWebSocketServer() throws Exception {
        server = CollectingServer.launch();
        ClassicConfig config = ClassicConfig.empty().service("Flush", 1);
        config.addTcpInput();
        config.addOutput("websocket").set("Match", "*").set("Host", "127.0.0.1").set("Port", server.getPort())
                .set("URI", "/something").set("Format", "json").set("workers", 4).set("net.keepalive", "on")
                .set("net.keepalive_idle_timeout", 30);
        Path conf = config.writeTo(tmp.resolve("seed.conf"));
        int records = 20_000;
        try (SluiceProcess p = SluiceProcess.start("-c", conf.toString())) {
            NumberedSender.send(p.tcpPort(), 0, records);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> server.seqs.size() >= records);
            assertThat(server.seqs).hasSize(records);
            assertThat(server.seqsReceived).as("none twice").hasValue(records);
            assertThat(server.binaryMessages).isEmpty();
            assertThat(server.paths).allMatch("/something"::equals);
            p.terminate();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void seedCommandDeliversCpuRecordsAsBinaryMsgpack() throws Exception {
        server = CollectingServer.launch();
        try (SluiceProcess p = SluiceProcess.start("-i", "cpu", "-t", "cpu", "-o",
                "websocket://127.0.0.1:" + server.getPort() + "/something", "-m", "*")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !server.binaryMessages.isEmpty());
            byte[] first = server.binaryMessages.get(0);
            List<Event> events = EventDecoder.decode(first, 0, first.length);
            assertThat(events).isNotEmpty();
            assertThat(events.get(0).body()).containsKeys("cpu_p", "user_p", "system_p", "cpu0.p_cpu");
            assertThat((Double) events.get(0).body().get("cpu_p")).isBetween(0.0, 101.0);
            p.terminate();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isZero();
        }
    }

    /**
     * A real WebSocket server that keeps every message, the distinct {@code seq} values of JSON ones and how many seqs
     * came in all (more than distinct: something arrived twice).
     */
    static final class CollectingServer extends WebSocketServer {
        final Set<Long> seqs = ConcurrentHashMap.newKeySet();
        final AtomicLong seqsReceived = new AtomicLong();
        final List<byte[]> binaryMessages = new CopyOnWriteArrayList<>();
        final List<String> paths = new CopyOnWriteArrayList<>();

        private CollectingServer() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            setDaemon(true);
        }

        static CollectingServer launch() {
            CollectingServer s = new CollectingServer();
            s.start();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s.getPort() > 0);
            return s;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            paths.add(handshake.getResourceDescriptor());
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            Matcher m = SEQ.matcher(message);
            while (m.find()) {
                seqs.add(Long.parseLong(m.group(1)));
                seqsReceived.incrementAndGet();
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            binaryMessages.add(bytes);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
        }
    }
}
