package io.sluice.bench;

import io.sluice.api.Emitter;
import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.InputPlugin;
import io.sluice.api.PluginMetrics;
import io.sluice.api.RateLimitedLog;
import io.sluice.api.config.PluginConfig;
import io.sluice.testkit.TestConfigs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends N records of about 166 bytes over C connections into the tcp input (found by ServiceLoader, as core finds
 * it) with a counting emitter, and prints records/s, MB/s, CPU-seconds per million records and peak RSS.
 * The senders run in this JVM, on the same 2 cores, so the CPU figures include them; the input threads' own CPU
 * time and the bytes they allocate are printed separately. {@code -Dtcp.settings=workers=2,chunk_size=64} adds
 * settings to the input's {@code listen} and {@code port}.
 */
public final class TcpIngestBench {

    private static final int BLOCK_RECORDS = 10_000;
    private static final int ROUNDS = Integer.getInteger("rounds", 3);

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        List<Integer> connectionCounts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            connectionCounts.add(Integer.parseInt(args[i]));
        }
        if (connectionCounts.isEmpty()) {
            connectionCounts = List.of(1, 64);
        }
        byte[] block = block();
        System.out.printf("record size %.1f bytes, %d records per run%n", block.length / (double) BLOCK_RECORDS,
                records);
        String external = System.getProperty("external");
        for (int connections : connectionCounts) {
            if (external != null) {
                runExternal(block, records, connections, external);
                continue;
            }
            run(block, 300_000, connections, false);
            for (int round = 0; round < ROUNDS; round++) {
                run(block, records, connections, true);
            }
        }
    }

    private static void run(byte[] block, long records, int connections, boolean print) throws Exception {
        CountingEmitter emitter = new CountingEmitter();
        int port = freePort();
        InputPlugin plugin = ServiceLoader.load(InputPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("tcp")).findFirst().orElseThrow();
        Input input = plugin.create(new BenchContext(plugin, port, emitter));
        input.start();
        // the selector thread(s): sluice-tcp.0, and sluice-tcp.0-wN for further workers
        long[] inputThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sluice-tcp.0") || t.getName().startsWith("sluice-tcp.0-"))
                .mapToLong(Thread::getId).toArray();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        long perConnection = records / connections;
        long total = perConnection * connections;
        long bytes = 0;
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            senders.add(new Thread(() -> send(ch, block, perConnection), "sender-" + c));
            bytes += bytesFor(block, perConnection);
        }
        long cpu0 = os.getProcessCpuTime();
        long inputCpu0 = sum(threads.getThreadCpuTime(inputThreads));
        long inputAlloc0 = sum(threads.getThreadAllocatedBytes(inputThreads));
        long t0 = System.nanoTime();
        senders.forEach(Thread::start);
        while (emitter.records.sum() < total) {
            Thread.sleep(1);
        }
        long elapsed = System.nanoTime() - t0;
        long inputCpu = sum(threads.getThreadCpuTime(inputThreads)) - inputCpu0;
        long inputAlloc = sum(threads.getThreadAllocatedBytes(inputThreads)) - inputAlloc0;
        long cpu = os.getProcessCpuTime() - cpu0;
        for (Thread t : senders) {
            t.join();
        }
        input.stop();
        if (print) {
            double secs = elapsed / 1e9;
            double millions = total / 1e6;
            System.out.printf("%2d connection(s): %,d records in %.2f s = %,.0f records/s, %.1f MB/s; "
                            + "CPU %.2f s per million records (input threads [%d] %.2f s); "
                            + "input threads allocated %.1f B per record; %,d emits; peak RSS %d MB%n",
                    connections, total, secs, total / secs, bytes / secs / 1e6, cpu / 1e9 / millions,
                    inputThreads.length, inputCpu / 1e9 / millions, inputAlloc / (double) total,
                    emitter.emits.sum(), peakRssKb() / 1024);
        }
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += Math.max(0, v);
        }
        return s;
    }

    /**
     * Sends to a running {@code sluice -i tcp -o null} ({@code -Dexternal=PORT:PID}). Its end is when every write has
     * been accepted and the process has gone idle (its CPU time stops growing), so the figures include the engine.
     */
    private static void runExternal(byte[] block, long records, int connections, String external) throws Exception {
        String[] portPid = external.split(":");
        int port = Integer.parseInt(portPid[0]);
        long pid = Long.parseLong(portPid[1]);
        long perConnection = records / connections;
        long total = perConnection * connections;
        long bytes = bytesFor(block, perConnection) * connections;
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            senders.add(new Thread(() -> send(ch, block, perConnection), "sender-" + c));
        }
        long cpu0 = processCpuNanos(pid);
        long t0 = System.nanoTime();
        senders.forEach(Thread::start);
        for (Thread t : senders) {
            t.join();
        }
        long cpu = processCpuNanos(pid);
        long end = System.nanoTime();
        // CPU time moves in 10 ms ticks: idle means no tick for 100 ms; the end is the last time it moved
        while (true) {
            Thread.sleep(100);
            long now = processCpuNanos(pid);
            if (now == cpu) {
                break;
            }
            cpu = now;
            end = System.nanoTime();
        }
        double secs = (end - t0) / 1e9;
        System.out.printf("%2d connection(s) into pid %d: %,d records in %.2f s = %,.0f records/s, %.1f MB/s; "
                        + "sluice CPU %.2f s per million records; sluice peak RSS %d MB%n",
                connections, pid, total, secs, total / secs, bytes / secs / 1e6, (cpu - cpu0) / 1e9 / (total / 1e6),
                statusKb(Path.of("/proc/" + pid + "/status"), "VmHWM:") / 1024);
    }

    /** utime + stime of a process, in nanoseconds (assuming the usual 100 clock ticks per second). */
    private static long processCpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static void send(SocketChannel ch, byte[] block, long records) {
        try (ch) {
            long left = records;
            while (left > 0) {
                int n = (int) Math.min(left, BLOCK_RECORDS);
                ByteBuffer buf = ByteBuffer.wrap(block, 0, n == BLOCK_RECORDS ? block.length : prefix(block, n));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                left -= n;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** BLOCK_RECORDS newline-terminated records of about 166 bytes each. */
    private static byte[] block() {
        String text = "The quick brown fox jumps over the lazy dog while the sluice ingests records at a steady rate.";
        String msg = (text + " " + text).substring(0, 100);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BLOCK_RECORDS; i++) {
            sb.append("{\"key 1\": 123456789, \"key 2\": \"abcdefg\", \"seq\": ").append(1000 + i % 9000)
                    .append(", \"msg\": \"").append(msg).append("\"}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int prefix(byte[] block, int records) {
        int seen = 0;
        for (int i = 0; i < block.length; i++) {
            if (block[i] == '\n' && ++seen == records) {
                return i + 1;
            }
        }
        return block.length;
    }

    private static long bytesFor(byte[] block, long records) {
        return records / BLOCK_RECORDS * block.length + prefix(block, (int) (records % BLOCK_RECORDS))
                * (records % BLOCK_RECORDS == 0 ? 0 : 1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long peakRssKb() throws IOException {
        return statusKb(Path.of("/proc/self/status"), "VmHWM:");
    }

    private static long statusKb(Path status, String key) throws IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Counts what the input emits, as the engine's cheapest consumer would; any number of threads may emit. */
    private static final class CountingEmitter implements Emitter {
        final LongAdder records = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder emits = new LongAdder();

        @Override
        public void emit(byte[] data, int offset, int length, int n) {
            records.add(n);
            bytes.add(length);
            emits.increment();
        }

        @Override
        public void emit(String tag, byte[] data, int offset, int length, int n) {
            emit(data, offset, length, n);
        }
    }

    /** Core's part, reduced to what the input needs: its validated configuration, a logger, counters. */
    private static final class BenchContext implements InputContext {
        private final PluginConfig config;
        private final Emitter emitter;
        private final Logger logger = LoggerFactory.getLogger("input:tcp:tcp.0");

        BenchContext(InputPlugin plugin, int port, Emitter emitter) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("listen", "127.0.0.1");
            settings.put("port", "" + port);
            String extra = System.getProperty("tcp.settings", "");
            for (String kv : extra.split(",")) {
                if (!kv.isBlank()) {
                    String[] p = kv.split("=", 2);
                    settings.put(p[0].trim(), p[1].trim());
                }
            }
            this.config = TestConfigs.of(plugin, settings);
            this.emitter = emitter;
        }

        @Override
        public String tag() {
            return "tcp.0";
        }

        @Override
        public Emitter emitter() {
            return emitter;
        }

        @Override
        public void reportFailure(String reason, Throwable cause) {
            logger.error("input failed: {}", reason, cause);
        }

        @Override
        public String instanceName() {
            return "tcp.0";
        }

        @Override
        public PluginConfig config() {
            return config;
        }

        @Override
        public Logger logger() {
            return logger;
        }

        @Override
        public RateLimitedLog rateLimitedLog() {
            return new RateLimitedLog() {
                @Override
                public void warn(String kind, String subject, String format, Object... args) {
                    logger.warn(format, args);
                }

                @Override
                public void error(String kind, String subject, String format, Object... args) {
                    logger.error(format, args);
                }
            };
        }

        @Override
        public Optional<String> serviceSetting(String key) {
            return Optional.empty();
        }

        @Override
        public PluginMetrics metrics() {
            return (name, help) -> new PluginMetrics.Counter() {
                private final AtomicLong value = new AtomicLong();

                @Override
                public void add(long n) {
                    value.addAndGet(n);
                }

                @Override
                public long get() {
                    return value.get();
                }
            };
        }
    }
}
