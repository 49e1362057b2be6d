package io.sluice.bench.filters;

import io.sluice.api.EventBatch;
import io.sluice.support.event.EventDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Thread CPU time per record through the standard chain (best of 5 rounds of 300 passes after 300 of warm-up),
 * steadier than JMH's wall-clock scores when other processes share the cores. Also prints one output record.
 * Argument: {@code chain} (default), {@code grep}, {@code modify} or {@code record_modifier} alone.
 */
public final class CpuPerRecord {

    private CpuPerRecord() {
    }

    public static void main(String[] args) {
        EventBatch[] batches = Chain.batches();
        String which = args.length == 0 ? "chain" : args[0];
        Chain chain = switch (which) {
            case "grep" -> new Chain(java.util.List.of(Chain.grep()));
            case "modify" -> new Chain(java.util.List.of(Chain.modify()));
            case "record_modifier" -> new Chain(java.util.List.of(Chain.recordModifier()));
            default -> Chain.standard();
        };
        byte[] out = Chain.output(Chain.standard(), batches[0]);
        System.out.println("input record: " + (batches[0].length() / Chain.BATCH) + " msgpack bytes; output: "
                + EventDecoder.decode(out, 0, out.length).get(0).body());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long records = passes(chain, batches, 300);
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            records += passes(chain, batches, 300);
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - t0) / (300.0 * Chain.RECORDS));
        }
        System.out.printf(which + ": best %.1f ns CPU per record = %.2f M records/s per core (%d records run)%n",
                best, 1000 / best, records);
    }

    private static long passes(Chain chain, EventBatch[] batches, int n) {
        long records = 0;
        for (int i = 0; i < n; i++) {
            for (EventBatch b : batches) {
                records += chain.run(b);
            }
        }
        return records;
    }
}
