package io.sluice.bench.formatters;

import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import io.sluice.api.EventChunk;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatException;
import io.sluice.support.format.FormatOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Thread CPU time per json_lines record of the benchmark's chunk (best of 5 rounds of 300 passes, after 600 passes of
 * warm-up): steadier than JMH's wall-clock scores when other processes share the cores, since time spent waiting for
 * a core is not counted. Argument: {@code perRead} (400 records share a timestamp) or {@code distinct}.
 */
public final class CpuPerRecord {

    private static final int RECORDS = 13_600;

    private CpuPerRecord() {
    }

    public static void main(String[] args) throws FormatException {
        boolean perRead = args.length == 0 || args[0].equals("perRead");
        EventChunk chunk = chunk(perRead);
        EventFormatter formatter = new EventFormatter(FormatOptions.of(Format.JSON_LINES));
        ByteSink out = new ByteSink(8 << 20);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bytes = passes(formatter, chunk, out, 600);
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            bytes += passes(formatter, chunk, out, 300);
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - t0) / (300.0 * RECORDS));
        }
        System.out.printf("%s: best %.1f ns CPU per record (%.3f CPU-s per million; %d bytes written)%n",
                perRead ? "perRead" : "distinct", best, best / 1000, bytes);
    }

    private static long passes(EventFormatter formatter, EventChunk chunk, ByteSink out, int n)
            throws FormatException {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            out.clear();
            formatter.format(chunk, out);
            bytes += out.size();
        }
        return bytes;
    }

    private static EventChunk chunk(boolean perRead) {
        String msg = "x".repeat(90) + "0123456789";
        EventBuffer b = new EventBuffer(2 << 20);
        for (int i = 0; i < RECORDS; i++) {
            if (perRead) {
                b.beginEvent(1700000000L + i / 4000, (i / 400) * 1_000_123);
            } else {
                b.beginEvent(1700000000L + i / 1000, (i % 1000) * 1_000_123);
            }
            b.writeMapHeader(4);
            b.writeString("key 1");
            b.writeLong(123456789);
            b.writeString("key 2");
            b.writeString("abcdefg");
            b.writeString("seq");
            b.writeLong(i);
            b.writeString("msg");
            b.writeString(msg);
            b.endEvent();
        }
        return new EventChunk("bench", "tcp.0", b.toByteArray(), 0, b.size(), b.events());
    }
}
