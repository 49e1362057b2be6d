package io.sluice.input.cpu;

import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.PluginException;
import io.sluice.api.PluginMetrics;
import io.sluice.api.RateLimitedLog;
import io.sluice.support.event.EventBuffer;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A running cpu input: one timer thread samples at fixed ticks {@code start + k × interval}, each scheduled from the
 * start time rather than from the end of the previous sample, so the period does not drift. A tick that runs more
 * than an interval late skips the ticks it missed, and its record covers the whole gap (k − previous k intervals).
 * While paused each tick still reads the counters, so the baseline stays fresh, but emits nothing: no backlog, and
 * the first record after resume covers exactly one interval.
 */
final class CpuInput implements Input {

    private static final long STOP_WAIT_SECONDS = 5;

    private final InputContext context;
    private final CpuSettings settings;
    private final CpuSampler sampler;
    private final EventBuffer buffer = new EventBuffer(1024);
    private final RateLimitedLog log;
    /** {@code /proc/stat}, the file of every read error: a process's stat that cannot be read means it is gone. */
    private final String hostStat;
    private final PluginMetrics.Counter readErrors;
    private volatile boolean paused;
    private ScheduledThreadPoolExecutor timer;
    private volatile Thread timerThread;
    private FixedRateTicks ticks;

    /** An input reading {@code procRoot} ({@code /proc} in production, a fixture folder in tests). */
    CpuInput(InputContext context, CpuSettings settings, File procRoot) {
        this.context = context;
        this.settings = settings;
        this.log = context.rateLimitedLog();
        this.hostStat = new File(procRoot, "stat").getPath();
        PluginMetrics metrics = context.metrics();
        this.readErrors = metrics.counter("read_errors", "samples skipped because /proc could not be read");
        PluginMetrics.Counter anomalies = metrics.counter("counter_anomalies",
                "intervals reported as 0 because a CPU counter went backwards");
        this.sampler = settings.measuresProcess()
                ? new ProcessCpuSampler(settings.pid(), procRoot, context.logger(), anomalies,
                        metrics.counter("process_unavailable", "intervals without a record because the process's "
                                + "stat could not be read"))
                : new HostCpuSampler(new File(hostStat), log, anomalies);
    }

    @Override
    public void start() throws PluginException {
        takeBaseline();
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "input:cpu:" + context.instanceName());
            t.setDaemon(true);
            timerThread = t;
            return t;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long now = System.nanoTime();
        ticks = new FixedRateTicks(now, settings.intervalNanos());
        timer.schedule(this::tick, ticks.delayToNext(now), TimeUnit.NANOSECONDS);
    }

    /** Reads the first counters, which only set the baseline; fails when {@code /proc/stat} cannot be read. */
    void takeBaseline() throws PluginException {
        try {
            sampler.sample(buffer, 0, 0, settings.intervalSeconds());
        } catch (IOException e) {
            sampler.close();
            throw new PluginException("cannot read CPU counters: " + e.getMessage()
                    + "; the cpu input needs Linux's /proc");
        } finally {
            buffer.clear();
        }
    }

    private void tick() {
        sample(ticks.arrive(System.nanoTime()) * settings.intervalSeconds());
        try {
            timer.schedule(this::tick, ticks.delayToNext(System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // stop() shut the timer down: no further ticks
        }
    }

    /** Takes one reading as if one nominal interval passed since the last; emits its record unless paused. */
    void sampleInterval() {
        sample(settings.intervalSeconds());
    }

    private void sample(double seconds) {
        try {
            Instant now = Instant.now();
            if (sampler.sample(buffer, now.getEpochSecond(), now.getNano(), seconds) && !paused) {
                buffer.emitTo(context.emitter());
            }
        } catch (IOException e) {
            readErrors.increment();
            log.error("read", hostStat, "error retrieving overall system CPU stats: {}", e.getMessage());
        } catch (RuntimeException e) {
            readErrors.increment();
            log.error("unexpected", null, "error retrieving overall system CPU stats: {}", e.toString());
        } finally {
            buffer.clear();
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdown();
            try {
                Thread thread = timerThread;
                if (!timer.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    context.logger().warn("sampling thread did not end within {} s", STOP_WAIT_SECONDS);
                } else if (thread != null) {
                    thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sampler.close();
    }
}
