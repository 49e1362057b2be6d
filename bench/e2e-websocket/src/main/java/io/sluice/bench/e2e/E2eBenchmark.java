package io.sluice.bench.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end benchmark of sluice: records over one TCP connection into the real launcher's {@code tcp} input,
 * out through {@code websocket} to a counting receiver, for json_lines and msgpack, confirm_delivery on and off,
 * Flush 1 and 0.2. Prints the receiver's own ceiling first, then one row per run and the table at the end.
 *
 * <p>Arguments: {@code --home DIR} (the distribution, required), {@code --records N} (1,000,000),
 * {@code --headline-runs N} (3: runs of json_lines/Flush 1/confirm on), {@code --only TEXT} (only combinations
 * whose label contains TEXT), {@code --warmup N} (records sent and received before the measured ones, 0),
 * {@code --no-ceiling}, {@code --ceiling-only}, {@code --work DIR} (configs and logs).
 */
public final class E2eBenchmark {

    private static final String[] FORMATS = {"json_lines", "msgpack"};
    private static final String[] FLUSHES = {"1", "0.2"};
    private static final int CEILING_RECORDS_PER_MESSAGE = 12_000;
    private static final int CEILING_ROUNDS = 3;

    private E2eBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = null;
        int records = 1_000_000;
        int headlineRuns = 3;
        int warmupRecords = 0;
        String only = null;
        boolean ceiling = true;
        boolean ceilingOnly = false;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = Path.of("/tmp", "sluice-e2e-" + stamp);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath();
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--headline-runs" -> headlineRuns = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--warmup" -> warmupRecords = Integer.parseInt(args[++i]);
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
        Files.createDirectories(work);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));

        if (ceiling) {
            printCeiling(records);
        }
        if (ceilingOnly) {
            return;
        }
        System.out.printf("generating %,d records...%n", records);
        byte[] payload = Records.tcpPayload(0, records);
        byte[] warmup = Records.tcpPayload(records, warmupRecords);
        System.out.printf("%,d bytes, %.1f bytes per record; configs and logs in %s%n", payload.length,
                payload.length / (double) records, work);
        if (warmupRecords > 0) {
            System.out.printf("each run first sends %,d warm-up records on the same connection and waits for them;"
                    + " the figures count only the measured records%n", warmupRecords);
        }

        List<Combination> plan = plan(only, headlineRuns);
        EndToEndRun runner = new EndToEndRun(home, work, payload, records, warmup, warmupRecords);
        List<RunResult> results = new ArrayList<>();
        System.out.println(RunResult.header());
        int attempt = 0;
        for (Combination combination : plan) {
            attempt++;
            RunResult result = runner.run(combination, attempt);
            results.add(result);
            System.out.println(result.row());
            System.out.println("    sluice threads: " + result.busiestThreads());
        }
        System.out.println();
        System.out.printf("%,d records of %.0f bytes per run; targets: 0 lost, >= 1,000,000 records/s, <= 0.9 cpu-s/M,"
                + " peak RSS <= 128 MB%n", records, payload.length / (double) records);
        System.out.println(RunResult.header());
        for (RunResult result : results) {
            System.out.println(result.row());
        }
    }

    private static List<Combination> plan(String only, int headlineRuns) {
        List<Combination> plan = new ArrayList<>();
        for (String format : FORMATS) {
            for (String flush : FLUSHES) {
                for (boolean confirm : new boolean[] {true, false}) {
                    Combination combination = new Combination(format, flush, confirm);
                    if (only == null || combination.label().contains(only)) {
                        plan.add(combination);
                    }
                }
            }
        }
        Combination headline = new Combination("json_lines", "1", true);
        if (plan.contains(headline)) {
            for (int i = 1; i < headlineRuns; i++) {
                plan.add(headline);
            }
        }
        return plan;
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
