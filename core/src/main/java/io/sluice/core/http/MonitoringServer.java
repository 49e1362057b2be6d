package io.sluice.core.http;

import io.sluice.core.config.HealthSettings;
import io.sluice.core.engine.MetricsSnapshot;
import io.sluice.core.engine.StorageSnapshot;
import io.sluice.core.log.SuppressingLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The monitoring API of {@code HTTP_Server on}, with Fluent Bit's paths and shapes so its dashboards and probes work:
 * {@code /}, {@code /api/v1/uptime}, {@code /api/v1/metrics}, {@code /api/v1/metrics/prometheus},
 * {@code /api/v1/health} (only with {@code Health_Check on}), {@code /api/v2/health}, {@code /api/v2/metrics} and
 * {@code /api/v2/metrics/prometheus}. Metrics are rendered from a fresh snapshot on each request.
 *
 * <p>It runs on {@link NioHttpServer}, our own small non-blocking server, not on the JDK's
 * {@code com.sun.net.httpserver}: that one hands a connection to its executor at the first byte and then reads the
 * request head with blocking I/O on that thread, so each slow or half-open client holds a thread; with a bounded
 * pool a handful of such clients stall every other request, and without one the threads grow with the clients. Its
 * only remedies, {@code sun.net.httpserver.maxReqTime} and friends, are JVM-wide system properties read once when
 * the JDK's server classes load, and they close queued healthy requests along with the slow ones. Here one selector
 * thread does all the socket work, handlers run on two workers, and the sampler of the health check on one more:
 * at most four threads, whatever the clients do. The limits and timeouts are {@link ServerLimits#DEFAULTS}.
 *
 * <p>Deliberate differences from Fluent Bit: the v1 and v2 metric endpoints answer from the first request on
 * (Fluent Bit says 404 until its first one-second snapshot); the health check's first sample is taken at start,
 * not one second later.
 */
public final class MonitoringServer implements AutoCloseable {

    private final NioHttpServer server;
    private final Supplier<MetricsSnapshot> metrics;
    private final String version;
    private final HealthMonitor health;
    private final AutoCloseable sampler;
    private final String hostname = hostname();
    private final long startNanos = System.nanoTime();
    private final long startEpochSeconds = System.currentTimeMillis() / 1000;

    private MonitoringServer(String listen, int port, Supplier<MetricsSnapshot> metrics, String version,
                             HealthSettings healthCheck, SampleClock clock, ServerLimits limits,
                             Supplier<StorageSnapshot> storage, ReloadApi reload) throws IOException {
        this.metrics = metrics;
        this.version = version;
        this.health = new HealthMonitor(healthCheck);
        List<NioHttpServer.Route> routes = new ArrayList<>();
        routes.add(get("/", r -> json("{\"fluent-bit\":{\"version\":\"" + version
                + "\",\"edition\":\"sluice\",\"flags\":[]}}")));
        routes.add(get("/api/v1/uptime", r -> {
            long uptime = uptimeSeconds();
            return json("{\"uptime_sec\":" + uptime + ",\"uptime_hr\":\"" + MetricsRendering.uptimeText(uptime)
                    + "\"}");
        }));
        routes.add(get("/api/v1/metrics", r -> json(MetricsRendering.json(metrics.get()))));
        routes.add(get("/api/v1/metrics/prometheus", r -> NioHttpServer.Response.of(200,
                "text/plain; version=0.0.4", MetricsRendering.prometheus(metrics.get(), System.currentTimeMillis(),
                        uptimeSeconds(), startEpochSeconds, version)
                        + (storage == null ? "" : StorageRendering.prometheus(storage.get())))));
        if (storage != null) {
            routes.add(get("/api/v1/storage", r -> json(StorageRendering.json(storage.get()))));
        }
        if (reload != null) {
            routes.add(new NioHttpServer.Route("/api/v2/reload", List.of("GET", "POST", "PUT"), r -> {
                if (r.method().equals("GET")) {
                    String last = reload.lastJson();
                    return CompletableFuture.completedFuture(json("{\"hot_reload_count\":" + reload.count()
                            + (last == null ? "" : ",\"last_reload\":" + last) + "}"));
                }
                // ?wait=true answers when the reload is over, without holding one of the few worker threads
                return reload.reload(r.query() != null && r.query().contains("wait=true")).thenApply(outcome ->
                        NioHttpServer.Response.of(outcome.status(), "application/json", outcome.body()));
            }));
        }
        if (healthCheck.enabled()) {
            routes.add(get("/api/v1/health", r -> health.state().healthy()
                    ? NioHttpServer.Response.of(200, null, "ok\n")
                    : NioHttpServer.Response.of(500, null, "error\n")));
        }
        routes.add(get("/api/v2/health", r -> {
            HealthMonitor.State state = health.state();
            return NioHttpServer.Response.of(state.healthy() ? 200 : 500, "application/json",
                    MetricsRendering.healthJson(state));
        }));
        routes.add(get("/api/v2/metrics", r -> NioHttpServer.Response.of(200, null,
                MetricsRendering.cmetricsText(metrics.get(), v2Context(), Instant.now()))));
        routes.add(get("/api/v2/metrics/prometheus", r -> NioHttpServer.Response.of(200,
                "text/plain; version=0.0.4", MetricsRendering.prometheusV2(metrics.get(), v2Context())
                        + (storage == null ? "" : StorageRendering.prometheus(storage.get())))));
        server = new NioHttpServer(new InetSocketAddress(listen, port), routes, limits);
        try {
            if (healthCheck.enabled()) {
                SuppressingLog failures = new SuppressingLog(LoggerFactory.getLogger("http_server"), 10_000);
                sampler = clock.start(() -> {
                    try {
                        health.sample(metrics.get());
                    } catch (RuntimeException e) {
                        failures.warn("health sample", null, "health check: cannot read the metrics: {}",
                                e.toString());
                    }
                });
            } else {
                sampler = () -> { };
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        server.start();
    }

    /** {@link #start(String, int, Supplier, String, HealthSettings)} with the health check off. */
    public static MonitoringServer start(String listen, int port, Supplier<MetricsSnapshot> metrics, String version)
            throws IOException {
        return start(listen, port, metrics, version, HealthSettings.defaults());
    }

    /**
     * Binds {@code listen:port} and starts serving; with {@code healthCheck.enabled()} also samples the outputs'
     * counters once a second for the health endpoints.
     *
     * @param metrics a snapshot of every instance's counters; called from the server's worker threads and the
     *                health sampler, so it must be thread-safe
     * @throws IOException when the address cannot be bound (a start failure, as in Fluent Bit 5.1)
     */
    public static MonitoringServer start(String listen, int port, Supplier<MetricsSnapshot> metrics, String version,
                                         HealthSettings healthCheck) throws IOException {
        return start(listen, port, metrics, version, healthCheck, SampleClock.EVERY_SECOND, ServerLimits.DEFAULTS);
    }

    /**
     * As {@link #start(String, int, Supplier, String, HealthSettings)}, with {@code /api/v1/storage} and the storage
     * gauges when {@code storage} is not null, and {@code /api/v2/reload} when {@code reload} is not null.
     */
    public static MonitoringServer start(String listen, int port, Supplier<MetricsSnapshot> metrics, String version,
                                         HealthSettings healthCheck, Supplier<StorageSnapshot> storage,
                                         ReloadApi reload) throws IOException {
        return new MonitoringServer(listen, port, metrics, version, healthCheck, SampleClock.EVERY_SECOND,
                ServerLimits.DEFAULTS, storage, reload);
    }

    /** For tests: a health clock stepped by hand, other limits. */
    static MonitoringServer start(String listen, int port, Supplier<MetricsSnapshot> metrics, String version,
                                  HealthSettings healthCheck, SampleClock clock, ServerLimits limits)
            throws IOException {
        return new MonitoringServer(listen, port, metrics, version, healthCheck, clock, limits, null, null);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.port();
    }

    /** Connections open right now. */
    int openConnections() {
        return server.openConnections();
    }

    /** Stops the health sampler, closes every connection and the port; returns when they are closed. */
    @Override
    public void close() {
        try {
            sampler.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        server.close();
    }

    private long uptimeSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    private MetricsRendering.V2Context v2Context() {
        return new MetricsRendering.V2Context(uptimeSeconds(), startEpochSeconds, version, hostname, os());
    }

    private static NioHttpServer.Route get(String path, NioHttpServer.Handler handler) {
        return NioHttpServer.Route.of(path, List.of("GET"), handler);
    }

    private static NioHttpServer.Response json(String body) {
        return NioHttpServer.Response.of(200, "application/json", body);
    }

    /** The host name as gethostname(2) gives it, without a DNS lookup where the kernel tells it. */
    private static String hostname() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel, StandardCharsets.UTF_8).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env.trim();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Fluent Bit's {@code os} label of {@code fluentbit_build_info}. */
    private static String os() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.contains("linux")) {
            return "linux";
        } else if (name.contains("mac") || name.contains("darwin")) {
            return "macos";
        } else if (name.contains("windows")) {
            return System.getProperty("os.arch", "").contains("64") ? "win64" : "win32";
        } else if (name.contains("freebsd")) {
            return "freebsd";
        }
        return "unix";
    }
}
