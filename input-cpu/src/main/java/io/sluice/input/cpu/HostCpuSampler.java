package io.sluice.input.cpu;

import io.sluice.api.PluginMetrics;
import io.sluice.api.RateLimitedLog;
import io.sluice.support.event.EventBuffer;
import java.io.File;
import java.io.IOException;

/**
 * Whole-system usage from {@code /proc/stat}: {@code cpu_p, user_p, system_p}, then per core present now
 * {@code cpuK.p_cpu, cpuK.p_user, cpuK.p_system}. Totals are divided by N, the number of cores present in the current
 * reading; per-core values are not (0–100 each). Nice time counts as user time; idle, iowait, irq, softirq and steal
 * never count as busy.
 *
 * <p>Anomalies never yield negative or NaN values:
 * <ul>
 *   <li>A core that is present now but was absent from the previous reading (it came online) reports 0.0 for this
 *       interval; its reading is the baseline for the next one.</li>
 *   <li>A core present before but absent now (it went offline) is left out of the record, since N counts the cores
 *       present now; keys are named by the kernel's core number, so the others keep their names.</li>
 *   <li>A line whose user, nice or system counter went backwards (a reset or a 32-bit wrap) reports 0.0 for all
 *       three of its values and is counted and logged; this reading is the baseline for the next interval, as every
 *       reading is. A genuine 64-bit wrap is not an anomaly: the difference is computed modulo 2^64.</li>
 * </ul>
 */
final class HostCpuSampler implements CpuSampler {

    private final ProcFile stat;
    private final ProcTextCursor cursor = new ProcTextCursor();
    private final CpuKeys keys = new CpuKeys();
    private final RateLimitedLog log;
    private final PluginMetrics.Counter anomalies;
    private CpuTimes previous = new CpuTimes();
    private CpuTimes current = new CpuTimes();
    private boolean haveBaseline;

    HostCpuSampler(File procStat, RateLimitedLog log, PluginMetrics.Counter anomalies) {
        this.stat = new ProcFile(procStat);
        this.log = log;
        this.anomalies = anomalies;
    }

    @Override
    public boolean sample(EventBuffer out, long epochSecond, int nanos, double seconds) throws IOException {
        try {
            read(current, stat, cursor);
        } catch (IOException e) {
            haveBaseline = false;
            throw e;
        }
        boolean wrote = haveBaseline;
        if (haveBaseline) {
            write(out, epochSecond, nanos, seconds);
        }
        CpuTimes swap = previous;
        previous = current;
        current = swap;
        haveBaseline = true;
        return wrote;
    }

    /** Reads {@code file} into {@code into}; failures name the file. */
    static void read(CpuTimes into, ProcFile file, ProcTextCursor cursor) throws IOException {
        file.read();
        cursor.reset(file.bytes(), file.length());
        try {
            into.parse(cursor);
        } catch (IOException e) {
            throw new IOException(file.path() + " (" + e.getMessage() + ")", e);
        }
    }

    private void write(EventBuffer out, long epochSecond, int nanos, double seconds) {
        int cores = current.cores();
        out.beginEvent(epochSecond, nanos);
        out.writeMapHeader(3 + 3 * cores);
        writeLine(out, CpuKeys.TOTAL, 0, 0, cores, seconds);
        int hint = 1;
        for (int i = 1; i < current.lines(); i++) {
            int coreNumber = current.core(i);
            int before = previous.find(coreNumber, hint);
            if (before >= 0) {
                hint = before + 1;
            }
            writeLine(out, keys.core(coreNumber), i, before, 1, seconds);
        }
        out.endEvent();
    }

    private void writeLine(EventBuffer out, byte[][] lineKeys, int now, int before, int cores, double seconds) {
        long user = 0;
        long system = 0;
        if (before >= 0) {
            long dUser = current.user(now) - previous.user(before);
            long dNice = current.nice(now) - previous.nice(before);
            long dSystem = current.system(now) - previous.system(before);
            if (dUser < 0 || dNice < 0 || dSystem < 0) {
                anomalies.increment();
                String line = current.core(now) < 0 ? "cpu" : "cpu" + current.core(now);
                log.warn("backwards", stat.path(), "CPU counters of '{}' in /proc/stat went backwards; reporting 0 "
                        + "for this interval", line);
            } else {
                user = dUser + dNice;
                system = dSystem;
            }
        }
        CpuShare.write(out, lineKeys, user, system, cores, seconds);
    }

    @Override
    public void close() {
        stat.close();
    }
}
