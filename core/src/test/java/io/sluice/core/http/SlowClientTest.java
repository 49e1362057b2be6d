package io.sluice.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.core.config.HealthSettings;
import io.sluice.core.engine.InstanceSnapshot;
import io.sluice.core.engine.MetricsSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Slow, half-open, greedy and broken clients against the monitoring server, over real sockets: none of them may
 * hold up a normal request, grow the threads, or stay connected past its timeout.
 */
class SlowClientTest {

    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String UPTIME = "GET /api/v1/uptime HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    private final List<Socket> sockets = new ArrayList<>();
    private final ExecutorService clients = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-client");
        t.setDaemon(true);
        return t;
    });
    private MonitoringServer server;

    @AfterEach
    void cleanUp() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
        clients.shutdownNow();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private void start(ServerLimits limits) throws IOException {
        start(limits, () -> new MetricsSnapshot(List.of(), List.of(), List.of()));
    }

    private void start(ServerLimits limits, Supplier<MetricsSnapshot> metrics) throws IOException {
        server = MonitoringServer.start("127.0.0.1", 0, metrics, "0.1.0", HealthSettings.defaults(), r -> () -> { },
                limits);
    }

    private Socket open() throws IOException {
        Socket s = RawHttp.connect(server.port());
        sockets.add(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    private CompletableFuture<String> async(String request) {
        return CompletableFuture.supplyAsync(() -> RawHttp.exchange(server.port(), request), clients);
    }

    private static long httpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("http-")).count();
    }

    @Test
    void twoHundredHalfOpenAndSlowlorisClientsDoNotDelayANormalRequestNorAddThreads() throws Exception {
        // timeouts far away: the normal request can only get through by being served independently
        start(ServerLimits.DEFAULTS.withTimeouts(LONG, LONG, LONG));
        assertThat(RawHttp.exchange(server.port(), UPTIME)).startsWith("HTTP/1.1 200 ");
        int threadsBefore = Thread.activeCount();
        for (int i = 0; i < 200; i++) {
            Socket s = open();
            switch (i % 4) {
                case 0 -> { } // connected, says nothing
                case 1 -> send(s, "GET /api/v1/metrics HTTP/1.1\r\n");
                case 2 -> send(s, "GET /api/v1/metrics HTTP/1.1\r\nHost: x\r\nX-Slow: a");
                default -> send(s, "POST /api/v1/metrics HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part");
            }
        }
        await().atMost(DEADLINE).until(() -> server.openConnections() == 200);

        long started = System.nanoTime();
        String response = async(UPTIME).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        long micros = (System.nanoTime() - started) / 1000;
        assertThat(response).startsWith("HTTP/1.1 200 ").contains("\"uptime_sec\":");
        long http = httpThreads();
        int threadsDuring = Thread.activeCount();
        System.out.printf("200 slow clients: normal request in %d us; http-* threads %d; all threads %d -> %d%n",
                micros, http, threadsBefore, threadsDuring);
        assertThat(http).isLessThanOrEqualTo(3); // selector + 2 workers, no health sampler here
        assertThat(threadsDuring - threadsBefore).isLessThan(10);
        assertThat(server.openConnections()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(ServerLimits.DEFAULTS.withTimeouts(Duration.ofMillis(300), LONG, LONG));
        Socket s = open();
        long started = System.nanoTime();
        assertThat(s.getInputStream().read()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        await().atMost(DEADLINE).until(() -> server.openConnections() == 0);
    }

    @Test
    void aKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(ServerLimits.DEFAULTS.withTimeouts(Duration.ofMillis(300), LONG, LONG));
        Socket s = open();
        send(s, "GET /api/v1/uptime HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 ");
        assertThat(s.getInputStream().read()).isEqualTo(-1);
        await().atMost(DEADLINE).until(() -> server.openConnections() == 0);
    }

    @Test
    void aHeadTrickledByteByByteIsCutAtTheRequestTimeoutWith408() throws Exception {
        // the idle timeout is far away and each byte comes well within any per-read timeout:
        // only a deadline for the whole head can end this
        start(ServerLimits.DEFAULTS.withTimeouts(LONG, Duration.ofMillis(500), LONG));
        Socket s = open();
        OutputStream out = s.getOutputStream();
        out.write("GET /api/v1/metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return RawHttp.readToEnd(in);
            } catch (IOException e) {
                return "read failed: " + e;
            }
        }, clients);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            try {
                out.write('a');
                out.flush();
            } catch (IOException e) {
                // the server closed; the answer tells what it said
            }
            return answer.isDone();
        });
        assertThat(answer.get()).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("Connection: close\r\n");
        await().atMost(DEADLINE).until(() -> server.openConnections() == 0);
    }

    @Test
    void aClientThatNeverReadsItsResponseBlocksNobodyAndIsClosedAfterTheWriteTimeout() throws Exception {
        List<InstanceSnapshot> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(new InstanceSnapshot("input-with-a-long-name." + i, "dummy", Map.of("records", 1L, "bytes", 2L),
                    Map.of()));
        }
        MetricsSnapshot big = new MetricsSnapshot(many, List.of(), List.of());
        int fullSize = MetricsRendering.json(big).length();
        start(ServerLimits.DEFAULTS.withTimeouts(LONG, LONG, Duration.ofMillis(500)), () -> big);
        Socket greedy = new Socket();
        sockets.add(greedy);
        greedy.setReceiveBufferSize(4096);
        greedy.setSoTimeout(RawHttp.SO_TIMEOUT_MILLIS);
        greedy.connect(new InetSocketAddress("127.0.0.1", server.port()));
        // megabytes more than any socket buffer, none of them read
        send(greedy, "GET /api/v1/metrics HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(async(UPTIME).get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).startsWith("HTTP/1.1 200 ");
        await().atMost(DEADLINE).until(() -> server.openConnections() == 0);
        // closed before the end of the response: the write timeout, not a finished write, ended it
        assertThat(RawHttp.readToEnd(greedy.getInputStream()).length()).isLessThan(fullSize);
    }

    @Test
    void anOversizedHeadIsRefusedWith431() throws Exception {
        start(ServerLimits.DEFAULTS);
        String response = RawHttp.exchange(server.port(), "GET /api/v1/uptime HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(9000) + "\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n")
                .contains("Connection: close\r\n");
        StringBuilder manyHeaders = new StringBuilder("GET /api/v1/uptime HTTP/1.1\r\n");
        for (int i = 0; i < 100; i++) {
            manyHeaders.append("X-").append(i).append(": 1\r\n");
        }
        assertThat(RawHttp.exchange(server.port(), manyHeaders.append("\r\n").toString()))
                .startsWith("HTTP/1.1 431 ");
        // a head that never ends but keeps coming: refused as soon as it passes the limit, not at a timeout
        Socket s = open();
        send(s, "GET / HTTP/1.1\r\nX-Endless: " + "b".repeat(10_000));
        assertThat(RawHttp.readToEnd(s.getInputStream())).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void malformedRequestsAreRefusedAndTheConnectionClosed() throws Exception {
        start(ServerLimits.DEFAULTS);
        assertThat(RawHttp.exchange(server.port(), "GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(RawHttp.exchange(server.port(), "GET /api/v1/uptime HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
        assertThat(RawHttp.exchange(server.port(), "GET /api/v1/uptime HTTP/1.1\r\n folded: x\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
        assertThat(RawHttp.exchange(server.port(), "GET /api/v1/uptime HTTP/1.1\r\nContent-Length: 1\r\n"
                + "Content-Length: 2\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(RawHttp.exchange(server.port(), "POST /api/v1/uptime HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                + "\r\n0\r\n\r\n")).startsWith("HTTP/1.1 501 ");
        assertThat(RawHttp.exchange(server.port(), "POST /api/v1/uptime HTTP/1.1\r\nContent-Length: 100000000\r\n"
                + "\r\n")).startsWith("HTTP/1.1 413 ");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405WithAllow() throws Exception {
        start(ServerLimits.DEFAULTS);
        String notFound = RawHttp.exchange(server.port(), "GET /api/v1/nope HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(notFound).startsWith("HTTP/1.1 404 Not Found\r\n");
        String wrongMethod = RawHttp.exchange(server.port(), "POST /api/v1/metrics HTTP/1.1\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}");
        assertThat(wrongMethod).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("Allow: GET\r\n");
        assertThat(RawHttp.exchange(server.port(), "HEAD /api/v1/metrics HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405 ");
    }

    @Test
    void keepAliveAndPipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        start(ServerLimits.DEFAULTS);
        Socket s = open();
        send(s, "GET /api/v1/uptime HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 ").contains("uptime_sec");
        send(s, "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /api/v1/metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 ").endsWith("\"flags\":[]}}");
        assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 404 ");
        assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 ")
                .contains("Connection: close\r\n").endsWith("{\"input\":{},\"filter\":{},\"output\":{}}");
        assertThat(s.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() throws Exception {
        start(ServerLimits.DEFAULTS);
        assertThat(RawHttp.exchange(server.port(), "GET /api/v1/uptime HTTP/1.0\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ").contains("Connection: close\r\n");
        Socket s = open();
        send(s, "GET /api/v1/uptime HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(RawHttp.readResponse(s.getInputStream())).contains("Connection: keep-alive\r\n");
        send(s, "GET /api/v1/uptime HTTP/1.0\r\n\r\n");
        assertThat(RawHttp.readResponse(s.getInputStream())).startsWith("HTTP/1.1 200 ");
        assertThat(s.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void beyondTheConnectionCapTheLongestWaitingConnectionsMakeRoom() throws Exception {
        start(ServerLimits.DEFAULTS.withTimeouts(LONG, LONG, LONG).withMaxConnections(8));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket s = open();
            send(s, i % 2 == 0 ? "GET / HTTP/1.1\r\n" : "");
            slow.add(s);
        }
        assertThat(async(UPTIME).get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).startsWith("HTTP/1.1 200 ");
        assertThat(server.openConnections()).isLessThanOrEqualTo(8);
        // the first ones were closed to make room, without an answer
        assertThat(slow.get(0).getInputStream().read()).isEqualTo(-1);
        assertThat(slow.get(1).getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void aFullWorkerQueueAnswers503AtOnceAndRecovers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(2);
        ServerLimits limits = new ServerLimits(64, 8192, 64, 1024, LONG, LONG, LONG, 2, 1, 60_000);
        start(limits, () -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new MetricsSnapshot(List.of(), List.of(), List.of());
        });
        String metrics = "GET /api/v1/metrics HTTP/1.1\r\nConnection: close\r\n\r\n";
        CompletableFuture<String> first = async(metrics);
        CompletableFuture<String> second = async(metrics);
        assertThat(entered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // both workers are stuck: of the next two, one takes the only queue place, the other is refused at once
        CompletableFuture<String> third = async(metrics);
        CompletableFuture<String> fourth = async(metrics);
        await().atMost(DEADLINE).until(() -> third.isDone() || fourth.isDone());
        CompletableFuture<String> refused = third.isDone() ? third : fourth;
        CompletableFuture<String> queued = third.isDone() ? fourth : third;
        assertThat(refused.get()).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("Retry-After: 1\r\n");
        // the selector thread is not blocked by the stuck handlers: it still answers, and says busy
        assertThat(async(UPTIME).get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).startsWith("HTTP/1.1 503 ");
        assertThat(queued).isNotDone();
        release.countDown();
        for (CompletableFuture<String> f : List.of(first, second, queued)) {
            assertThat(f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).startsWith("HTTP/1.1 200 ");
        }
        assertThat(async(UPTIME).get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void refusedClientsAreLoggedOncePerWindow() throws Exception {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger("http_server");
        logger.addAppender(appender);
        try {
            ServerLimits limits = new ServerLimits(256, 8192, 64, 1024, LONG, LONG, LONG, 2, 32, 600_000);
            start(limits);
            for (int i = 0; i < 30; i++) {
                assertThat(RawHttp.exchange(server.port(), "BROKEN\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            }
            List<String> lines;
            synchronized (appender) {
                lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            }
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).matches("127\\.0\\.0\\.1:\\d+: answered 400, malformed request line");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void closeReleasesThePortAndTheThreads() throws Exception {
        start(ServerLimits.DEFAULTS);
        Socket s = open();
        send(s, "GET /api/v1/uptime HTTP/1.1\r\n");
        assertThat(RawHttp.exchange(server.port(), UPTIME)).startsWith("HTTP/1.1 200 ");
        int port = server.port();
        server.close();
        assertThat(s.getInputStream().read()).isEqualTo(-1);
        await().atMost(DEADLINE).until(() -> httpThreads() == 0);
        // the port is free again
        MonitoringServer again = MonitoringServer.start("127.0.0.1", port,
                () -> new MetricsSnapshot(List.of(), List.of(), List.of()), "0.1.0");
        again.close();
    }

    @Test
    void anAddressInUseFailsTheStart() throws Exception {
        start(ServerLimits.DEFAULTS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MonitoringServer.start("127.0.0.1", server.port(),
                () -> new MetricsSnapshot(List.of(), List.of(), List.of()), "0.1.0")).isInstanceOf(IOException.class);
    }
}
