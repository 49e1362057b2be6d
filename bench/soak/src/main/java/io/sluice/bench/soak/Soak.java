package io.sluice.bench.soak;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Soak run: the real sluice launcher (tcp → websocket, json_lines, Retry_Limit no_limits) under steady load for a
 * while, its WebSocket server flapping periodically; the process's RSS, threads and fds sampled every 10 s. Ends with
 * sent / received / lost / duplicated counts, a CSV of the samples and a PNG plot of RSS.
 *
 * <p>Settings (environment): DURATION seconds (600), RATE records/s (2000), FLAP_EVERY seconds (30), FLAP_DOWN
 * milliseconds (3000), FLUSH seconds (1), RESULTS folder (results), SAMPLE_EVERY seconds (10).
 */
public final class Soak {

    private static final String PAD = "x".repeat(100);

    private final Path home;
    private final long durationSeconds = env("DURATION", 600);
    private final long rate = env("RATE", 2000);
    private final long flapEvery = env("FLAP_EVERY", 30);
    private final long flapDownMillis = env("FLAP_DOWN", 3000);
    private final long sampleEvery = env("SAMPLE_EVERY", 10);
    private final String flush = System.getenv().getOrDefault("FLUSH", "1");
    private final Path results = Path.of(System.getenv().getOrDefault("RESULTS", "results")).toAbsolutePath();
    private final List<ProcSample> samples = new CopyOnWriteArrayList<>();
    private final List<Long> flaps = new CopyOnWriteArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean sending = true;
    private long startNanos;

    private Soak(Path home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--home")) {
            System.err.println("usage: Soak --home <sluice distribution folder>");
            System.exit(2);
        }
        System.exit(new Soak(Path.of(args[1])).run());
    }

    private int run() throws Exception {
        Files.createDirectories(results);
        int wsPort = freePort();
        int tcpPort = freePort();
        SeqReceiver receiver = new SeqReceiver(wsPort);
        receiver.start();
        Path conf = Files.writeString(results.resolve("soak.conf"), String.join("\n",
                "[SERVICE]", "    Flush " + flush, "    Grace 10", "[INPUT]", "    Name tcp", "    Listen 127.0.0.1",
                "    Port " + tcpPort, "[OUTPUT]", "    Name websocket", "    Match *", "    Host 127.0.0.1",
                "    Port " + wsPort, "    URI /soak", "    Format json_lines", "    Retry_Limit no_limits", ""));
        Path log = results.resolve("sluice.log");
        Process sluice = new ProcessBuilder(home.resolve("bin/sluice").toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        try {
            awaitListening(log, sluice);
            System.out.printf("soak: %d s at %d records/s, server down %d ms every %d s, Flush %s; sluice pid %d%n",
                    durationSeconds, rate, flapDownMillis, flapEvery, flush, sluice.pid());
            startNanos = System.nanoTime();
            Thread sender = new Thread(() -> send(tcpPort), "soak-sender");
            sender.start();
            timers.scheduleAtFixedRate(() -> sample(sluice.pid(), receiver), 0, sampleEvery, TimeUnit.SECONDS);
            timers.scheduleAtFixedRate(() -> flap(receiver), flapEvery, flapEvery, TimeUnit.SECONDS);
            TimeUnit.SECONDS.sleep(durationSeconds);
            timers.shutdown();
            timers.awaitTermination(flapDownMillis + 10_000, TimeUnit.MILLISECONDS);
            sending = false;
            sender.join();
            long total = sent.get();
            long drainStart = System.nanoTime();
            long deadline = drainStart + TimeUnit.SECONDS.toNanos(180);
            while (receiver.distinct() < total && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;
            samples.add(ProcSample.read(sluice.pid(), elapsedSeconds()));
            sluice.toHandle().destroy();
            boolean exited = sluice.waitFor(30, TimeUnit.SECONDS);
            return report(receiver, total, drainMillis, exited ? sluice.exitValue() : -1, log);
        } finally {
            timers.shutdownNow();
            if (sluice.isAlive()) {
                sluice.destroyForcibly();
            }
            receiver.stop();
        }
    }

    private void send(int port) {
        long perTick = Math.max(1, rate / 100);
        long tick = TimeUnit.SECONDS.toNanos(1) * perTick / rate;
        long next = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
            StringBuilder sb = new StringBuilder();
            while (sending) {
                long seq = sent.get();
                sb.setLength(0);
                for (long i = seq; i < seq + perTick; i++) {
                    sb.append("{\"key 1\": 123456789, \"key 2\": \"abcdefg\", \"seq\": ").append(i)
                            .append(", \"msg\": \"").append(PAD).append("\"}\n");
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                sent.addAndGet(perTick);
                next += tick;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        } catch (IOException e) {
            System.err.println("soak: the sender's connection failed: " + e);
        }
    }

    private void sample(long pid, SeqReceiver receiver) {
        try {
            ProcSample s = ProcSample.read(pid, elapsedSeconds());
            samples.add(s);
            System.out.printf("t=%4ds rss=%4d MB threads=%3d fds=%3d sent=%d received=%d duplicates=%d%n",
                    s.seconds(), s.rssKb() / 1024, s.threads(), s.fds(), sent.get(), receiver.distinct(),
                    receiver.duplicates());
        } catch (IOException e) {
            System.err.println("soak: cannot sample /proc/" + pid + ": " + e);
        }
    }

    private void flap(SeqReceiver receiver) {
        try {
            flaps.add(elapsedSeconds());
            receiver.stop();
            TimeUnit.MILLISECONDS.sleep(flapDownMillis);
            receiver.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int report(SeqReceiver receiver, long total, long drainMillis, int exit, Path log) throws IOException {
        long received = receiver.distinct();
        long lost = total - received;
        long peakKb = samples.stream().mapToLong(ProcSample::rssKb).max().orElse(0);
        ProcSample warm = samples.size() > 1 ? samples.get(1) : samples.get(0);
        ProcSample last = samples.get(samples.size() - 1);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        Path csv = results.resolve("soak-" + stamp + ".csv");
        List<String> rows = new ArrayList<>();
        rows.add("seconds,rss_kb,threads,fds");
        samples.forEach(s -> rows.add(s.csv()));
        Files.write(csv, rows);
        Path png = results.resolve("soak-" + stamp + "-rss.png");
        RssPlot.write(samples, flaps, "sluice RSS, " + durationSeconds + " s at " + rate + " rec/s, "
                + flaps.size() + " server flaps of " + flapDownMillis + " ms", png);
        long warnings = Files.lines(log).filter(l -> l.contains("[ warn]")).count();
        long errors = Files.lines(log).filter(l -> l.contains("[error]")).count();
        System.out.println();
        System.out.printf("duration            %d s, %d records/s offered, Flush %s%n", durationSeconds, rate, flush);
        System.out.printf("server flaps        %d (down %d ms each), %d connections accepted%n", flaps.size(),
                flapDownMillis, receiver.connections());
        System.out.printf("records sent        %d%n", total);
        System.out.printf("records received    %d (distinct)%n", received);
        System.out.printf("records lost        %d%n", lost);
        System.out.printf("records duplicated  %d%n", receiver.duplicates());
        System.out.printf("drain after stop    %d ms%n", drainMillis);
        System.out.printf("RSS                 peak %d MB; %d MB at %d s, %d MB at the end%n", peakKb / 1024,
                warm.rssKb() / 1024, warm.seconds(), last.rssKb() / 1024);
        System.out.printf("threads             %d at %d s, %d at the end%n", warm.threads(), warm.seconds(),
                last.threads());
        System.out.printf("fds                 %d at %d s, %d at the end%n", warm.fds(), warm.seconds(), last.fds());
        System.out.printf("log                 %d warn, %d error lines (%s)%n", warnings, errors, log);
        System.out.printf("exit code           %d%n", exit);
        System.out.printf("samples             %s%nplot                %s%n", csv, png);
        return lost == 0 && exit == 0 ? 0 : 1;
    }

    private static void awaitListening(Path log, Process sluice) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!sluice.isAlive()) {
                throw new IllegalStateException("sluice exited: see " + log);
            }
            if (Files.exists(log) && Files.readString(log).contains("listening on")) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("sluice did not listen within 30 s: see " + log);
    }

    private long elapsedSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    private static long env(String name, long def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : Long.parseLong(v.trim());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
