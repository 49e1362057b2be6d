package io.sluice.input.cpu;

import io.sluice.api.PluginMetrics;
import io.sluice.support.event.EventBuffer;
import java.io.File;
import java.io.IOException;
import org.slf4j.Logger;

/**
 * One process's usage from {@code /proc/PID/stat} (utime, stime): {@code cpu_p, user_p, system_p}, each divided by
 * N, the number of cores present now in {@code /proc/stat}.
 *
 * <p>When the process's stat cannot be read (it exited), that is logged once and retried every interval without
 * records; when it can be read again (possibly a new process with that PID) that is logged, and the first reading is
 * a new baseline. Counters that went backwards give 0.0 for the interval, like the host sampler.
 */
final class ProcessCpuSampler implements CpuSampler {

    /** utime is the 14th field of /proc/PID/stat; after the comm's closing parenthesis it is the 12th token. */
    private static final int TOKENS_BEFORE_UTIME = 11;

    private final int pid;
    private final ProcFile processStat;
    private final ProcFile hostStat;
    private final ProcTextCursor cursor = new ProcTextCursor();
    private final CpuTimes host = new CpuTimes();
    private final Logger logger;
    private final PluginMetrics.Counter anomalies;
    private final PluginMetrics.Counter unavailable;
    private boolean haveBaseline;
    private boolean missingReported;
    private long user;
    private long system;
    private long previousUser;
    private long previousSystem;

    ProcessCpuSampler(int pid, File procRoot, Logger logger, PluginMetrics.Counter anomalies,
                      PluginMetrics.Counter unavailable) {
        this.pid = pid;
        this.processStat = new ProcFile(new File(new File(procRoot, Integer.toString(pid)), "stat"));
        this.hostStat = new ProcFile(new File(procRoot, "stat"));
        this.logger = logger;
        this.anomalies = anomalies;
        this.unavailable = unavailable;
    }

    @Override
    public boolean sample(EventBuffer out, long epochSecond, int nanos, double seconds) throws IOException {
        try {
            HostCpuSampler.read(host, hostStat, cursor);
        } catch (IOException e) {
            haveBaseline = false;
            throw e;
        }
        try {
            readProcess();
        } catch (IOException e) {
            processStat.close();
            haveBaseline = false;
            unavailable.increment();
            if (!missingReported) {
                missingReported = true;
                logger.error("process {}: cannot read {}; no records until it can, retrying every interval",
                        pid, e.getMessage());
            }
            return false;
        }
        if (missingReported) {
            missingReported = false;
            logger.info("process {}: {} is readable again; records resume after one interval", pid,
                    processStat.path());
        }
        boolean wrote = haveBaseline;
        if (haveBaseline) {
            long dUser = user - previousUser;
            long dSystem = system - previousSystem;
            if (dUser < 0 || dSystem < 0) {
                anomalies.increment();
                logger.warn("CPU counters of process {} went backwards; reporting 0 for this interval", pid);
                dUser = 0;
                dSystem = 0;
            }
            out.beginEvent(epochSecond, nanos);
            out.writeMapHeader(3);
            CpuShare.write(out, CpuKeys.TOTAL, dUser, dSystem, host.cores(), seconds);
            out.endEvent();
        }
        previousUser = user;
        previousSystem = system;
        haveBaseline = true;
        return wrote;
    }

    /** Reads utime and stime into {@link #user} and {@link #system}; the comm may hold spaces and parentheses. */
    private void readProcess() throws IOException {
        processStat.read();
        cursor.reset(processStat.bytes(), processStat.length());
        try {
            int close = cursor.lastIndexOf((byte) ')');
            if (close < 0) {
                throw new IOException("no ')' after the command name");
            }
            cursor.moveTo(close + 1);
            for (int i = 0; i < TOKENS_BEFORE_UTIME; i++) {
                cursor.skipToken();
            }
            user = cursor.nextUnsigned();
            system = cursor.nextUnsigned();
        } catch (IOException e) {
            throw new IOException(processStat.path() + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        processStat.close();
        hostStat.close();
    }
}
