package io.sluice.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.core.engine.MetricsSnapshot;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reported bug, through the public API only: a client that sends a request line and never the blank line that
 * ends the head must not hold up anybody else.
 */
class SlowClientReproTest {

    private MonitoringServer server;
    private Socket slow;

    @AfterEach
    void stop() throws Exception {
        if (slow != null) {
            slow.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aHalfSentRequestDoesNotBlockTheNextClient() throws Exception {
        server = MonitoringServer.start("127.0.0.1", 0,
                () -> new MetricsSnapshot(List.of(), List.of(), List.of()), "0.1.0");
        slow = new Socket();
        slow.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        OutputStream out = slow.getOutputStream();
        out.write("GET /api/v1/metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();

        CompletableFuture<String> uptime = CompletableFuture.supplyAsync(() -> RawHttp.exchange(server.port(),
                "GET /api/v1/uptime HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        await().atMost(Duration.ofSeconds(20)).until(uptime::isDone);
        assertThat(uptime.join()).startsWith("HTTP/1.1 200 ").contains("\"uptime_sec\":");
    }
}
