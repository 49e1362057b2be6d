package io.sluice.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.core.engine.MetricsSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The monitoring API of {@code HTTP_Server on}: Fluent Bit's {@code /}, {@code /api/v1/uptime},
 * {@code /api/v1/metrics} and {@code /api/v1/metrics/prometheus}, on the JDK's own HTTP server, one daemon thread.
 */
public final class MonitoringServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<MetricsSnapshot> metrics;
    private final String version;
    private final long startNanos = System.nanoTime();
    private final long startEpochSeconds = System.currentTimeMillis() / 1000;

    private MonitoringServer(HttpServer server, Supplier<MetricsSnapshot> metrics, String version) {
        this.server = server;
        this.metrics = metrics;
        this.version = version;
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "http-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::route);
    }

    /**
     * Binds {@code listen:port} and starts serving.
     *
     * @throws IOException when the address cannot be bound (a start failure, as in Fluent Bit 5.1)
     */
    public static MonitoringServer start(String listen, int port, Supplier<MetricsSnapshot> metrics, String version)
            throws IOException {
        MonitoringServer monitoring = new MonitoringServer(HttpServer.create(new InetSocketAddress(listen, port), 16),
                metrics, version);
        monitoring.server.start();
        return monitoring;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "method not allowed\n");
                return;
            }
            long uptime = (System.nanoTime() - startNanos) / 1_000_000_000L;
            switch (exchange.getRequestURI().getPath()) {
                case "/" -> send(exchange, 200, "application/json",
                        "{\"fluent-bit\":{\"version\":\"" + version + "\",\"edition\":\"sluice\",\"flags\":[]}}");
                case "/api/v1/uptime" -> send(exchange, 200, "application/json",
                        "{\"uptime_sec\":" + uptime + ",\"uptime_hr\":\"" + MetricsRendering.uptimeText(uptime)
                                + "\"}");
                case "/api/v1/metrics" -> send(exchange, 200, "application/json",
                        MetricsRendering.json(metrics.get()));
                case "/api/v1/metrics/prometheus" -> send(exchange, 200, "text/plain; version=0.0.4",
                        MetricsRendering.prometheus(metrics.get(), System.currentTimeMillis(), uptime,
                                startEpochSeconds, version));
                default -> send(exchange, 404, "text/plain", "not found\n");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
