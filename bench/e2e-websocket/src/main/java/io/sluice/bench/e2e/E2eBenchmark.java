package io.sluice.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * End-to-end benchmark of sluice: records over one TCP connection into the real launcher's {@code tcp} input,
 * out through {@code websocket} to a counting receiver, for json_lines and msgpack, confirm_delivery on and off,
 * Flush 1 and 0.2, and the input's storage in memory or on disk. Prints the receiver's own ceiling first, then
 * start-up figures, one row per run, and at the end the table with medians, each on-disk storage against memory,
 * and, given another forwarder's command line ({@code --sut}, run after sluice in every round with the same
 * receiver), the ratios.
 *
 * <p>Arguments: {@code --home DIR} (the distribution, required), {@code --records N} (1,000,000),
 * {@code --runs N} (runs of each combination, 1), {@code --headline-runs N} (3: runs of json_lines/Flush 1/confirm
 * on when it is planned), {@code --only TEXT} (only combinations whose label contains TEXT), {@code --warmup N}
 * (records sent and received before the measured ones, 0), {@code --storage memory,normal,full} (the tcp input's
 * storage: memory, or {@code storage.type filesystem} with {@code storage.sync normal} or {@code full} in a fresh
 * storage.path per run; one or more, run in turn within each combination; memory), {@code --startup N}
 * (start-ups without traffic per forwarder, 5), {@code --java-home DIR} (JAVA_HOME for sluice),
 * {@code --jvm-cache ready|off|as-is} (ready: make sure the launcher's JVM cache is ready before measuring,
 * priming it if needed, on disk when any run is; off: SLUICE_JVM_CACHE=off),
 * {@code --sut 'COMMAND'} and {@code --sut-name NAME} (another forwarder, see {@link Forwarder.Command}),
 * {@code --no-ceiling}, {@code --ceiling-only}, {@code --work DIR} (configs and logs).
 */
public final class E2eBenchmark {

    private static final String[] FORMATS = {"json_lines", "msgpack"};
    private static final String[] FLUSHES = {"1", "0.2"};
    private static final int CEILING_RECORDS_PER_MESSAGE = 12_000;
    private static final int CEILING_ROUNDS = 3;
    private static final int PRIMING_RECORDS = 200_000;

    private E2eBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = null;
        int records = 1_000_000;
        int runs = 1;
        int headlineRuns = 3;
        int warmupRecords = 0;
        int startups = 5;
        String only = null;
        List<Storage> storages = List.of(Storage.MEMORY);
        boolean ceiling = true;
        boolean ceilingOnly = false;
        String javaHome = null;
        String jvmCache = "ready";
        String sut = null;
        String sutName = null;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = Path.of("/tmp", "sluice-e2e-" + stamp);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath();
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--headline-runs" -> headlineRuns = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--storage" -> storages = Arrays.stream(args[++i].split(",")).map(Storage::parse).toList();
                case "--warmup" -> warmupRecords = Integer.parseInt(args[++i]);
                case "--startup" -> startups = Integer.parseInt(args[++i]);
                case "--java-home" -> javaHome = args[++i];
                case "--jvm-cache" -> jvmCache = args[++i];
                case "--sut" -> sut = args[++i];
                case "--sut-name" -> sutName = args[++i];
                case "--no-ceiling" -> ceiling = false;
                case "--ceiling-only" -> ceilingOnly = true;
                case "--work" -> work = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (home == null || !Files.isExecutable(home.resolve("bin/sluice"))) {
            throw new IllegalArgumentException("--home must name the sluice distribution (with bin/sluice), got "
                    + home);
        }
        if (!List.of("ready", "off", "as-is").contains(jvmCache)) {
            throw new IllegalArgumentException("--jvm-cache takes ready, off or as-is, not " + jvmCache);
        }
        Files.createDirectories(work);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));

        if (ceiling) {
            printCeiling(records);
        }
        if (ceilingOnly) {
            return;
        }
        Map<String, String> env = new HashMap<>();
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome);
        }
        if (jvmCache.equals("off")) {
            env.put("SLUICE_JVM_CACHE", "off");
        }
        Forwarder.Sluice sluice = new Forwarder.Sluice(home, Map.copyOf(env), false);
        List<Forwarder> forwarders = new ArrayList<>(List.of(sluice));
        if (sut != null) {
            forwarders.add(new Forwarder.Command(sutName != null ? sutName : sut.trim().split("\\s+")[0]
                    .replaceAll(".*/", ""), sut));
        }
        System.out.println("sluice runs on: " + javaVersion(javaHome) + "; JVM options: the launcher's"
                + (System.getenv("SLUICE_OPTS") != null ? " + SLUICE_OPTS=" + System.getenv("SLUICE_OPTS") : "")
                + (System.getenv("JAVA_OPTS") != null ? " + JAVA_OPTS=" + System.getenv("JAVA_OPTS") : ""));

        System.out.printf("generating %,d records...%n", records);
        byte[] payload = Records.tcpPayload(0, records);
        byte[] warmup = Records.tcpPayload(records, warmupRecords);
        System.out.printf("%,d bytes, %.1f bytes per record; configs and logs in %s%n", payload.length,
                payload.length / (double) records, work);
        if (warmupRecords > 0) {
            System.out.printf("each run first sends %,d warm-up records on the same connection and waits for them;"
                    + " the figures count only the measured records (run-cpu counts everything)%n", warmupRecords);
        }

        List<Combination> plan = plan(only, runs, headlineRuns, storages);
        EndToEndRun runner = new EndToEndRun(work, payload, records, warmup, warmupRecords);
        if (!plan.isEmpty()) {
            // Primed on disk when any run is, so that the storage's classes are in the cache too.
            prepareJvmCache(jvmCache, sluice, env, runner, plan.stream().filter(c -> c.storage().onDisk())
                    .findFirst().orElse(plan.get(0)));
        }
        if (startups > 0 && !plan.isEmpty()) {
            printStartups(forwarders, runner, plan.get(0), startups);
        }
        List<RunResult> results = new ArrayList<>();
        System.out.println(RunResult.header());
        int attempt = 0;
        for (Combination combination : plan) {
            attempt++;
            for (Forwarder forwarder : forwarders) {
                RunResult result = runner.run(forwarder, combination, attempt);
                results.add(result);
                System.out.println(result.row());
                System.out.println("    " + forwarder.name() + " threads: " + result.busiestThreads());
            }
        }
        System.out.println();
        System.out.printf("%,d records of %.0f bytes per run%s; targets (issue): 0 lost and 0 duplicated;"
                        + " json_lines >= 1,000,000 records/s and <= 1.15 run-cpu s (warm <= 0.6 cpu-s/M); msgpack"
                        + " >= 1,500,000 records/s and <= 0.65 run-cpu s (warm <= 0.4); peak RSS <= 128 MB%n",
                records, payload.length / (double) records,
                warmupRecords > 0 ? String.format(" after %,d warm-up records", warmupRecords) : "");
        System.out.println(RunResult.header());
        for (RunResult result : results) {
            System.out.println(result.row());
        }
        printMedians(results, forwarders);
    }

    /** Every combination in turn, the storages innermost, so that a sweep interleaves what it compares. */
    private static List<Combination> plan(String only, int runs, int headlineRuns, List<Storage> storages) {
        List<Combination> plan = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            for (String format : FORMATS) {
                for (String flush : FLUSHES) {
                    for (boolean confirm : new boolean[] {true, false}) {
                        for (Storage storage : storages) {
                            Combination combination = new Combination(format, flush, confirm, storage);
                            if (only == null || combination.label().contains(only)) {
                                plan.add(combination);
                            }
                        }
                    }
                }
            }
        }
        // each headline combination planned at all runs headlineRuns times, whichever storages --only kept; the
        // extra runs go round the storages, so that they interleave
        List<Combination> headlines = storages.stream()
                .map(storage -> new Combination("json_lines", "1", true, storage)).toList();
        long[] planned = headlines.stream().mapToLong(h -> plan.stream().filter(h::equals).count()).toArray();
        for (int round = 1; round < headlineRuns; round++) {
            for (int h = 0; h < headlines.size(); h++) {
                if (planned[h] > 0 && planned[h] <= round) {
                    plan.add(headlines.get(h));
                }
            }
        }
        return plan;
    }

    /** Makes sure the launcher's JVM cache is in the asked state before anything is measured. */
    private static void prepareJvmCache(String mode, Forwarder.Sluice sluice, Map<String, String> env,
                                        EndToEndRun runner, Combination combination) throws Exception {
        String state = cacheState(sluice.home(), env);
        if (mode.equals("ready") && !state.startsWith("ready")) {
            System.out.println("JVM cache: " + state + "; priming it with a " + String.format("%,d", PRIMING_RECORDS)
                    + "-record run through both formats, then a start that has it checked...");
            if (!state.startsWith("pending") && !state.startsWith("recording")) {
                runner.prime(sluice, combination, PRIMING_RECORDS);
            }
            runner.startOnly(sluice, combination, 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(state = cacheState(sluice.home(), env)).startsWith("ready") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        System.out.println("JVM cache (" + mode + "): " + state);
    }

    private static String cacheState(Path home, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/sluice").toString(), "--jvm-cache");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return out;
    }

    private static String javaVersion(String javaHome) {
        try {
            String java = javaHome != null ? javaHome + "/bin/java"
                    : System.getenv("JAVA_HOME") != null ? System.getenv("JAVA_HOME") + "/bin/java" : "java";
            Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            String[] lines = out.split("\n");
            return lines.length > 1 ? lines[1].trim() : out.trim();
        } catch (IOException | InterruptedException e) {
            return "unknown java (" + e + ")";
        }
    }

    private static void printStartups(List<Forwarder> forwarders, EndToEndRun runner, Combination combination,
                                      int count) throws Exception {
        Map<String, List<ForwarderProcess.Ready>> all = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            for (Forwarder forwarder : forwarders) {
                all.computeIfAbsent(forwarder.name(), k -> new ArrayList<>())
                        .add(runner.startOnly(forwarder, combination, i));
            }
        }
        for (Map.Entry<String, List<ForwarderProcess.Ready>> e : all.entrySet()) {
            List<ForwarderProcess.Ready> readies = e.getValue();
            System.out.printf("start-up of %s (exec -> ready, %d starts without traffic, load %.2f): median %.0f ms"
                            + " (%s), RSS then median %.1f MB (%s)%n", e.getKey(), readies.size(), ProcStats.load(),
                    median(readies, ForwarderProcess.Ready::startMillis),
                    list(readies, ForwarderProcess.Ready::startMillis, "%.0f"),
                    median(readies, ForwarderProcess.Ready::rssMb), list(readies, ForwarderProcess.Ready::rssMb, "%.1f"));
        }
    }

    private static void printMedians(List<RunResult> results, List<Forwarder> forwarders) {
        Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : results) {
            groups.computeIfAbsent(r.system() + " " + r.combination().label(), k -> new ArrayList<>()).add(r);
        }
        System.out.println();
        System.out.println("medians (runs):");
        System.out.printf("%-8s %-40s %4s %11s %8s %8s %8s %8s %8s %6s %4s%n", "system", "combination", "runs",
                "records/s", "run-cpu", "cpu-s/M", "start-ms", "startRSS", "peakRSS", "lost", "dup");
        for (List<RunResult> group : groups.values()) {
            RunResult first = group.get(0);
            System.out.printf("%-8s %-40s %4d %,11.0f %7.2fs %8.2f %8.0f %6.1fMB %6.1fMB %6d %4d%n", first.system(),
                    first.combination().label(), group.size(), median(group, RunResult::recordsPerSecond),
                    median(group, RunResult::runCpuSeconds), median(group, RunResult::cpuSecondsPerMillion),
                    median(group, RunResult::startMillis), median(group, RunResult::startRssMb),
                    median(group, RunResult::peakRssMb), group.stream().mapToLong(RunResult::lost).sum(),
                    group.stream().mapToLong(RunResult::duplicates).sum());
        }
        printStorageRatios(groups);
        if (forwarders.size() > 1) {
            String other = forwarders.get(1).name();
            System.out.println();
            System.out.println("sluice against " + other + " (medians; > 1 means sluice is better):");
            for (Map.Entry<String, List<RunResult>> e : groups.entrySet()) {
                if (!e.getKey().startsWith("sluice ")) {
                    continue;
                }
                String label = e.getKey().substring("sluice ".length());
                List<RunResult> theirs = groups.get(other + " " + label);
                if (theirs == null) {
                    continue;
                }
                List<RunResult> ours = e.getValue();
                System.out.printf("  %-40s records/s x%.2f   run-cpu x%.2f   cpu per million x%.2f   start-up x%.2f"
                                + "   peak RSS x%.2f%n", label,
                        median(ours, RunResult::recordsPerSecond) / median(theirs, RunResult::recordsPerSecond),
                        median(theirs, RunResult::runCpuSeconds) / median(ours, RunResult::runCpuSeconds),
                        median(theirs, RunResult::cpuSecondsPerMillion) / median(ours, RunResult::cpuSecondsPerMillion),
                        median(theirs, RunResult::startMillis) / median(ours, RunResult::startMillis),
                        median(theirs, RunResult::peakRssMb) / median(ours, RunResult::peakRssMb));
            }
        }
    }

    /** Each on-disk combination against the same one in memory: what the storage costs. */
    private static void printStorageRatios(Map<String, List<RunResult>> groups) {
        boolean header = false;
        for (List<RunResult> group : groups.values()) {
            Combination combination = group.get(0).combination();
            if (!combination.storage().onDisk()) {
                continue;
            }
            Combination inMemory = new Combination(combination.format(), combination.flush(), combination.confirm(),
                    Storage.MEMORY);
            List<RunResult> memory = groups.get(group.get(0).system() + " " + inMemory.label());
            if (memory == null) {
                continue;
            }
            if (!header) {
                System.out.println();
                System.out.println("on disk against memory (medians; records/s: share of memory's, the rest:"
                        + " on disk minus memory):");
                header = true;
            }
            System.out.printf("  %-8s %-40s records/s %5.1f %%   run-cpu %+.2f s   cpu-s/M %+.2f   peak RSS %+.1f MB"
                            + " (%.1f MB)%n", group.get(0).system(), combination.label(),
                    100 * median(group, RunResult::recordsPerSecond) / median(memory, RunResult::recordsPerSecond),
                    median(group, RunResult::runCpuSeconds) - median(memory, RunResult::runCpuSeconds),
                    median(group, RunResult::cpuSecondsPerMillion) - median(memory, RunResult::cpuSecondsPerMillion),
                    median(group, RunResult::peakRssMb) - median(memory, RunResult::peakRssMb),
                    median(group, RunResult::peakRssMb));
        }
    }

    private static <T> double median(List<T> items, ToDoubleFunction<T> value) {
        double[] values = items.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static <T> String list(List<T> items, ToDoubleFunction<T> value, String format) {
        return String.join(", ", items.stream().mapToDouble(value).mapToObj(v -> String.format(format, v))
                .toArray(String[]::new));
    }

    private static void printCeiling(int records) throws Exception {
        List<String> json = Records.jsonLinesMessages(records, CEILING_RECORDS_PER_MESSAGE);
        double jsonRate = bestOf(json, records);
        json = null;
        List<byte[]> msgpack = Records.msgpackMessages(records, CEILING_RECORDS_PER_MESSAGE);
        double msgpackRate = bestOf(msgpack, records);
        System.out.printf("receiver ceiling (pre-masked frames over one local socket, %,d records per message, "
                + "best of %d): json_lines %,.0f records/s, msgpack %,.0f records/s (load %.2f)%n",
                CEILING_RECORDS_PER_MESSAGE, CEILING_ROUNDS, jsonRate, msgpackRate, ProcStats.load());
    }

    /** The best of a few rounds: the first ones also warm the receiver's code up for the real runs. */
    private static double bestOf(List<?> messages, int records) throws Exception {
        double best = 0;
        for (int round = 0; round < CEILING_ROUNDS; round++) {
            best = Math.max(best, ReceiverCeiling.measure(messages, records));
        }
        return best;
    }
}
