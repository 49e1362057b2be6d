package io.sluice.core.engine;

import io.sluice.api.Input;
import io.sluice.api.Output;
import io.sluice.api.log.RateLimitedLog;
import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.OutputDefinition;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.ServiceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline: inputs emit into chunks per (input, tag), chunks are sealed at about 2 MB or at each {@code Flush}
 * tick, routed to every output whose Match fits, and flushed by each output's workers with retries, back-pressure
 * and a bounded, counted shutdown. One engine thread runs the ticks, retry timers and pause decisions and never
 * blocks on I/O. Lifecycle: {@link #start()} once, then {@link #shutdown()} once, from any thread.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger("engine");
    private static final long STOP_FLUSH_WAIT_MILLIS = 1_000;

    private enum State { NEW, RUNNING, STOPPED }

    private final ServiceSettings service;
    private final ScheduledThreadPoolExecutor engineThread;
    private final Backpressure backpressure;
    private final ChunkRouter router;
    private final RetryTimers timers;
    private final FlushOutcomes outcomes;
    private final List<OutputLane> outputs = new ArrayList<>();
    private final List<InputLane> inputs = new ArrayList<>();
    private final RateLimitedLog tickLog = new RateLimitedLog(LOG, 10_000);
    private State state = State.NEW;
    private ShutdownReport report;

    /** An engine for {@code config} with production timing. */
    public Engine(PipelineConfig config) {
        this(config, EngineTuning.defaults());
    }

    /** An engine for {@code config}; {@code tuning} changes units and sizes (tests use milliseconds). */
    public Engine(PipelineConfig config, EngineTuning tuning) {
        this.service = config.service();
        this.engineThread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "engine");
            t.setDaemon(true);
            return t;
        });
        engineThread.setRemoveOnCancelPolicy(true);
        ChunkArrays arrays = new ChunkArrays(tuning.sealBytes(), ChunkArrays.allowance(config, tuning));
        this.backpressure = new Backpressure(service.memBufLimit(), engineThread);
        this.router = new ChunkRouter(arrays, backpressure);
        this.timers = new RetryTimers(engineThread, tuning.retryUnit());
        this.outcomes = new FlushOutcomes(router, timers, new DeadLetters(deadLetterFolder(service)));
        boolean sole = config.inputs().size() == 1 && config.outputs().size() == 1;
        for (OutputDefinition def : config.outputs()) {
            RetryPolicy retries = new RetryPolicy(service.schedulerBase(), service.schedulerCap(), def.retryLimit(),
                    tuning.random());
            outputs.add(new OutputLane(def, outputs.size(), rule(def, sole), retries));
        }
        for (InputDefinition def : config.inputs()) {
            List<OutputLane> routes = outputs.stream().filter(o -> o.matches(def.tag())).toList();
            InputLane lane = new InputLane(def, routes, tuning.sealBytes(), arrays);
            lane.wire(router, backpressure);
            inputs.add(lane);
        }
        backpressure.inputs(inputs);
    }

    /**
     * Creates and starts every output, then every input, then the flush timer.
     *
     * @throws EngineStartException naming the instance that failed and why; everything started is stopped again
     */
    public synchronized void start() throws EngineStartException {
        if (state != State.NEW) {
            throw new IllegalStateException("engine already " + state.name().toLowerCase());
        }
        state = State.RUNNING;
        try {
            for (OutputLane lane : outputs) {
                startOutput(lane);
            }
            for (InputLane lane : inputs) {
                createInput(lane);
            }
            long tick = Math.max(1_000_000L, Math.round(service.flushSeconds() * 1e9));
            engineThread.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
            for (InputLane lane : inputs) {
                startInput(lane);
            }
        } catch (EngineStartException e) {
            inputs.forEach(InputLane::stop);
            stopPlugins(stopWorkers());
            state = State.STOPPED;
            throw e;
        }
    }

    /**
     * Stops the inputs, seals what they buffered, fires pending retries at once and gives the outputs up to
     * {@code Grace} seconds from this call (−1: until everything is done), then interrupts every output's workers and
     * waits one more second at most, shared by all. Tasks not delivered by then are written as dead letters when
     * configured, counted as dropped and logged, before any plugin is stopped; a flush still running is logged as
     * outcome unknown and its output is not stopped. The last lines summarise every instance's counters. Safe to call
     * more than once.
     */
    public synchronized ShutdownReport shutdown() {
        if (state != State.RUNNING) {
            if (report == null) {
                engineThread.shutdownNow();
                report = new ShutdownReport(0, 0, metrics());
            }
            state = State.STOPPED;
            return report;
        }
        int grace = service.graceSeconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, grace));
        LOG.info("service will shutdown in max {} seconds", grace);
        LOG.info("pausing all inputs..");
        inputs.forEach(InputLane::stop);
        sealAll();
        timers.hurry();
        while (router.pendingTasks() > 0 && (grace < 0 || System.nanoTime() - deadline < 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sealAll();
        }
        sealAll();
        List<OutputLane> idle = stopWorkers();
        timers.drain();
        LeftoverTasks leftover = new LeftoverTasks(outcomes);
        leftover.settle(router.unfinished());
        leftover.logUnknown(LOG);
        stopPlugins(idle);
        long late = lateRecords();
        LOG.info("service has stopped ({} pending tasks)", leftover.pending());
        if (leftover.dropped() > 0) {
            LOG.warn("{} records in {} tasks were not delivered", leftover.droppedRecords(), leftover.dropped());
        }
        report = new ShutdownReport(leftover.pending(), leftover.droppedRecords() + late, metrics());
        new ShutdownSummary(report.metrics()).log(LOG);
        state = State.STOPPED;
        return report;
    }

    /** Every instance's counters now. */
    public MetricsSnapshot metrics() {
        return new MetricsSnapshot(inputs.stream().map(i -> i.metrics().snapshot()).toList(),
                outputs.stream().map(o -> o.metrics().snapshot()).toList());
    }

    /** Bytes appended by all inputs and not yet released by every route: what back-pressure limits. */
    public long bufferedBytes() {
        return backpressure.totalBytes();
    }

    /** (chunk, output) tasks not finished: queued, flushing or waiting for a retry. */
    public int pendingTasks() {
        return router.pendingTasks();
    }

    private void tick() {
        try {
            sealAll();
            backpressure.reconcile();
        } catch (Throwable e) {
            // A repeating task that throws is cancelled for good: timed sealing would stop without a word.
            FatalErrors.rethrowFatal(e);
            tickLog.error("tick", "flush tick failed: {}", e.toString(), e);
        }
    }

    /**
     * Ends the engine thread and every output's workers, giving flushes still running one shared
     * {@code STOP_FLUSH_WAIT_MILLIS} to return after their interrupt; returns the outputs whose workers all ended.
     */
    private List<OutputLane> stopWorkers() {
        // Every lane first, so that a RETRY answered from now on, even one an interrupt of another output lets go,
        // is not rescheduled on an engine thread that is gone.
        outputs.forEach(OutputLane::markStopping);
        outputs.forEach(OutputLane::interruptWorkers);
        engineThread.shutdownNow();
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_FLUSH_WAIT_MILLIS);
        return outputs.stream().filter(o -> o.awaitWorkers(waitUntil)).toList();
    }

    /** Stops the plugins of {@code idle} outputs; the others still run a flush, and stop() must come after it. */
    private void stopPlugins(List<OutputLane> idle) {
        for (OutputLane lane : outputs) {
            if (idle.contains(lane)) {
                lane.stopPlugin();
            } else {
                LOG.warn("output={} still has a flush running after shutdown; not stopping it", lane.name());
            }
        }
    }

    /**
     * Records an input emitted after the last seal (its stop() returned before its thread ended): nothing will send
     * them, so they are logged and counted once per route as undelivered.
     */
    private long lateRecords() {
        long late = 0;
        for (InputLane lane : inputs) {
            Chunk chunk = lane.sealOpen();
            if (chunk != null && !chunk.routes().isEmpty()) {
                LOG.warn("input={} emitted {} records after it was stopped; they were not delivered", lane.name(),
                        chunk.records());
                late += (long) chunk.records() * chunk.routes().size();
            }
        }
        return late;
    }

    private void sealAll() {
        for (InputLane lane : inputs) {
            Chunk chunk = lane.sealOpen();
            if (chunk != null) {
                router.dispatch(chunk);
            }
        }
    }

    private void startOutput(OutputLane lane) throws EngineStartException {
        OutputDefinition def = lane.definition();
        try (var swap = def.plugin().enter()) {
            Output output = def.plugin().factory().create(PluginContexts.output(lane, service));
            lane.attach(output, outcomes);
            output.start();
        } catch (Throwable e) {
            FatalErrors.rethrowFatal(e);
            throw failure("output", lane.name(), def.plugin().name(), e);
        }
        lane.startWorkers();
    }

    private void createInput(InputLane lane) throws EngineStartException {
        InputDefinition def = lane.definition();
        try (var swap = def.plugin().enter()) {
            Input input = def.plugin().factory().create(PluginContexts.input(lane, service));
            lane.attach(input);
        } catch (Throwable e) {
            FatalErrors.rethrowFatal(e);
            throw failure("input", lane.name(), def.plugin().name(), e);
        }
    }

    private void startInput(InputLane lane) throws EngineStartException {
        InputDefinition def = lane.definition();
        try (var swap = def.plugin().enter()) {
            lane.start();
        } catch (Throwable e) {
            FatalErrors.rethrowFatal(e);
            throw failure("input", lane.name(), def.plugin().name(), e);
        }
    }

    /** A failed start naming the instance; {@code e} may be a LinkageError from a plugin jar missing a class. */
    private static EngineStartException failure(String kind, String name, String plugin, Throwable e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        return new EngineStartException(kind + " '" + name + "' (" + plugin + ") failed to start: " + reason, e);
    }

    private static RouteRule rule(OutputDefinition def, boolean sole) {
        if (def.match() == null && def.matchRegex() == null) {
            return sole ? new RouteRule("*", null) : RouteRule.none();
        }
        return new RouteRule(def.match(), def.matchRegex());
    }

    private static java.nio.file.Path deadLetterFolder(ServiceSettings service) {
        if (service.storagePath() == null || !service.storageKeepRejected()) {
            return null;
        }
        String sub = service.storageRejectedPath() == null ? "rejected" : service.storageRejectedPath();
        return service.storagePath().resolve(sub);
    }
}
