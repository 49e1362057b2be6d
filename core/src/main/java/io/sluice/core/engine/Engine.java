package io.sluice.core.engine;

import io.sluice.api.Filter;
import io.sluice.api.Input;
import io.sluice.api.Output;
import io.sluice.core.config.FilterDefinition;
import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.OutputDefinition;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.ServiceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import io.sluice.core.log.SuppressingLog;
import io.sluice.core.plugin.PluginFailure;
import io.sluice.core.storage.ChunkFiles;
import java.io.IOException;
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
    private final EngineLoop loop = new EngineLoop();
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "storage");
        t.setDaemon(true);
        return t;
    });
    private final Backpressure backpressure;
    private final ChunkRouter router;
    private final RetryTimers timers;
    private final FlushOutcomes outcomes;
    private final List<OutputLane> outputs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<InputLane> inputs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<FilterLane> filters = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final EngineTuning tuning;
    private final ChunkArrays arrays;
    private int nextOutputId;
    private final SuppressingLog tickLog = new SuppressingLog(LOG, 10_000);
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile Consumer<String> failureListener = reason -> { };
    private final DiskStore disk;
    private final IOException storageProblem;
    private final BacklogReader backlog;
    private final InstanceMetrics backlogMetrics;
    private State state = State.NEW;
    private ShutdownReport report;

    /** An engine for {@code config} with production timing. */
    public Engine(PipelineConfig config) {
        this(config, EngineTuning.defaults());
    }

    /** An engine for {@code config}; {@code tuning} changes units and sizes (tests use milliseconds). */
    public Engine(PipelineConfig config, EngineTuning tuning) {
        this(config, tuning, ChunkFiles.system());
    }

    /** An engine whose chunk files go through {@code files} (tests inject write failures there). */
    Engine(PipelineConfig config, EngineTuning tuning, ChunkFiles files) {
        this.service = config.service();
        this.tuning = tuning;
        ChunkArrays arrays = new ChunkArrays(tuning.sealBytes(), ChunkArrays.allowance(config, tuning));
        this.arrays = arrays;
        this.backpressure = new Backpressure(service.memBufLimit(), loop::execute);
        this.router = new ChunkRouter(arrays, backpressure);
        this.timers = new RetryTimers(loop, tuning.retryUnit());
        this.outcomes = new FlushOutcomes(router, timers, new DeadLetters(deadLetterFolder(service),
                service.storage().rejectedLimit()), io,
                () -> outputs);
        for (OutputDefinition def : config.outputs()) {
            RetryPolicy retries = new RetryPolicy(service.schedulerBase(), service.schedulerCap(), def.retryLimit(),
                    tuning.random());
            outputs.add(new OutputLane(def, nextOutputId++, RouteRule.of(def, config), retries));
        }
        for (FilterDefinition def : config.filters()) {
            filters.add(new FilterLane(def));
        }
        FilterChain chain = new FilterChain(filters);
        DiskStore store = null;
        IOException problem = null;
        if (service.storagePath() != null) {
            try {
                store = DiskStore.open(service.storage(), files, io);
            } catch (IOException e) {
                problem = e;
            }
        }
        this.disk = store;
        this.storageProblem = problem;
        long engineCap = service.memBufLimit() > 0 ? service.memBufLimit() : ServiceSettings.DEFAULT_MEM_BUF_LIMIT;
        router.storage(store, timers, new Evictions(router, outcomes, backpressure), engineCap,
                service.storage().maxChunksUp());
        for (InputDefinition def : config.inputs()) {
            InputLane lane = new InputLane(def, tuning.sealBytes(), arrays);
            lane.wire(router, backpressure, outputs, chain, loop, store);
            inputs.add(lane);
        }
        backpressure.inputs(inputs);
        if (store != null) {
            backlogMetrics = InstanceMetrics.forInput("storage_backlog." + inputs.size(), "storage_backlog");
            backlog = new BacklogReader(store, outputs, router, loop, backlogMetrics,
                    HeapBudget.backlogLimit(config, Runtime.getRuntime().maxMemory()));
            router.backlog(backlog);
        } else {
            backlogMetrics = null;
            backlog = null;
        }
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
            if (storageProblem != null) {
                throw new EngineStartException("storage: cannot use storage.path " + service.storagePath() + ": "
                        + storageProblem.getMessage(), storageProblem);
            }
            if (backlog != null) {
                backlog.prepare();
            }
            for (OutputLane lane : outputs) {
                startOutput(lane);
            }
            for (FilterLane lane : filters) {
                startFilter(lane);
            }
            for (InputLane lane : inputs) {
                createInput(lane);
            }
            long tick = Math.max(1_000_000L, Math.round(service.flushSeconds() * 1e9));
            loop.every(this::tick, tick, TimeUnit.NANOSECONDS);
            for (InputLane lane : inputs) {
                startInput(lane);
            }
            if (backlog != null) {
                backlog.start();
            }
        } catch (EngineStartException e) {
            inputs.forEach(InputLane::stop);
            filters.forEach(FilterLane::stop);
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
                loop.stopNow();
                io.shutdownNow();
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
        if (backlog != null && !service.storage().flushBacklogOnShutdown()) {
            backlog.stop();
        }
        loop.run(() -> {
            sealAll();
            timers.hurry();
        });
        while (router.pendingTasks() > 0 && (grace < 0 || System.nanoTime() - deadline < 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            loop.run(this::sealAll);
        }
        loop.run(this::sealAll);
        if (backlog != null) {
            backlog.stop();
        }
        List<OutputLane> idle = stopWorkers();
        // From here this thread owns the engine's state: the loop has run what it was handed and ended.
        timers.drain();
        LeftoverTasks leftover = new LeftoverTasks(outcomes);
        leftover.settle(router.unfinished());
        leftover.logUnknown(LOG);
        drainIo();
        filters.forEach(FilterLane::stop);
        stopPlugins(idle);
        long late = lateRecords();
        io.shutdown();
        awaitIo();
        LOG.info("service has stopped ({} pending tasks)", leftover.pending());
        if (leftover.dropped() > 0) {
            LOG.warn("{} records in {} tasks were not delivered", leftover.droppedRecords(), leftover.dropped());
        }
        if (leftover.kept() > 0) {
            LOG.info("{} records in {} tasks kept on disk under {} for the next start", leftover.keptRecords(),
                    leftover.kept(), service.storagePath());
        }
        report = new ShutdownReport(leftover.pending(), leftover.droppedRecords() + late, metrics());
        new ShutdownSummary(report.metrics()).log(LOG);
        state = State.STOPPED;
        return report;
    }

    /** Every instance's counters now. */
    public MetricsSnapshot metrics() {
        List<InstanceSnapshot> in = new ArrayList<>(inputs.stream().map(i -> i.metrics().snapshot()).toList());
        if (backlogMetrics != null) {
            in.add(backlogMetrics.snapshot());
        }
        return new MetricsSnapshot(in,
                filters.stream().map(f -> f.metrics().snapshot()).toList(),
                outputs.stream().map(o -> o.metrics().snapshot()).toList());
    }

    /**
     * Applies {@code next} to the running pipeline (a hot reload), all or nothing. Everything the new configuration
     * adds or changes is started first: outputs, filters, new inputs, then each changed input (its old instance is
     * stopped just before, as it may hold the port the new one needs). If any of them fails, all that started is
     * stopped again, every replaced input runs again as it was, and the failure is thrown. Otherwise, on the engine
     * thread, the new outputs and filters take over: inputs and outputs whose definition did not change keep running
     * (a tcp input keeps its socket and connections), tasks of outputs that leave move to the new outputs whose Match
     * fits, and chunks sealed from now on are routed by the new Match rules. Removed inputs are stopped (their chunks
     * go to the new outputs); outputs that left are stopped once their flushes in progress are done.
     *
     * @return what happened
     * @throws EngineStartException when part of the new pipeline could not start: the running one is unchanged
     *                              (a changed input that had to make way was restarted with its old settings)
     */
    public synchronized ReloadReport reload(PipelineConfig next) throws EngineStartException {
        if (state != State.RUNNING) {
            throw new IllegalStateException("engine is " + state.name().toLowerCase());
        }
        List<OutputLane> oldOutputs = List.copyOf(outputs);
        List<OutputLane> nextOutputs = new ArrayList<>();
        List<OutputLane> created = new ArrayList<>();
        java.util.Map<OutputLane, RouteRule> rules = new java.util.HashMap<>();
        for (OutputDefinition def : next.outputs()) {
            OutputLane old = oldOutputs.stream().filter(o -> o.name().equals(def.instanceName())).findFirst()
                    .orElse(null);
            if (old != null && PipelineDiff.same(old.definition(), def)) {
                nextOutputs.add(old);
                rules.put(old, RouteRule.of(def, next));
            } else {
                RetryPolicy retries = new RetryPolicy(service.schedulerBase(), service.schedulerCap(),
                        def.retryLimit(), tuning.random());
                OutputLane lane = new OutputLane(def, nextOutputId++, RouteRule.of(def, next), retries);
                nextOutputs.add(lane);
                created.add(lane);
            }
        }
        List<FilterLane> newFilters = next.filters().stream().map(FilterLane::new).toList();
        List<InputLane> oldInputs = List.copyOf(inputs);
        List<InputLane> nextInputs = new ArrayList<>();
        List<InputLane> createdInputs = new ArrayList<>();
        java.util.Map<InputLane, InputLane> replacing = new java.util.HashMap<>();
        List<InputLane> replaced = new ArrayList<>();
        try {
            for (OutputLane lane : created) {
                startOutput(lane);
            }
            for (FilterLane lane : newFilters) {
                startFilter(lane);
            }
            FilterChain chain = new FilterChain(newFilters);
            for (InputDefinition def : next.inputs()) {
                InputLane old = oldInputs.stream().filter(i -> i.name().equals(def.instanceName())).findFirst()
                        .orElse(null);
                if (old != null && PipelineDiff.same(old.definition(), def)) {
                    nextInputs.add(old);
                } else {
                    InputLane lane = new InputLane(def, tuning.sealBytes(), arrays);
                    lane.wire(router, backpressure, nextOutputs, chain, loop, disk);
                    createInput(lane);
                    nextInputs.add(lane);
                    createdInputs.add(lane);
                    if (old != null) {
                        replacing.put(lane, old);
                    }
                }
            }
            // new inputs first: they take nothing a running one holds
            for (InputLane lane : createdInputs) {
                if (!replacing.containsKey(lane)) {
                    startInput(lane);
                }
            }
            // a changed input can start only once its old instance let go of what it holds (a port)
            for (InputLane lane : createdInputs) {
                InputLane old = replacing.get(lane);
                if (old != null) {
                    stopAndDispatch(old);
                    replaced.add(old);
                    startInput(lane);
                }
            }
            List<InputLane> retiredInputs = oldInputs.stream().filter(i -> !nextInputs.contains(i)).toList();
            List<OutputLane> retiredOutputs = oldOutputs.stream().filter(o -> !nextOutputs.contains(o)).toList();
            List<FilterLane> oldFilters = List.copyOf(filters);
            loop.run(() -> {
                rules.forEach(OutputLane::rule);
                outputs.clear();
                outputs.addAll(nextOutputs);
                filters.clear();
                filters.addAll(newFilters);
                for (InputLane lane : nextInputs) {
                    if (!createdInputs.contains(lane)) {
                        lane.rewire(nextOutputs, chain);
                    }
                }
                for (OutputLane gone : retiredOutputs) {
                    gone.retire();
                    for (RouteTask task : router.unfinished()) {
                        if (task.output() == gone && !task.isSettled() && task.cancelIfIdle()) {
                            router.reroute(task, nextOutputs);
                        }
                    }
                }
                if (backlog != null) {
                    backlog.outputs(nextOutputs);
                }
            });
            for (InputLane gone : retiredInputs) {
                if (!replaced.contains(gone)) {
                    stopAndDispatch(gone);
                }
            }
            inputs.clear();
            inputs.addAll(nextInputs);
            backpressure.inputs(inputs);
            oldFilters.forEach(FilterLane::stop);
            retireLater(retiredOutputs);
            return new ReloadReport(nextInputs.size() - createdInputs.size(), createdInputs.size(),
                    nextOutputs.size() - created.size(), created.size(), retiredInputs.size(),
                    retiredOutputs.size());
        } catch (EngineStartException e) {
            // nothing of the new configuration stays: what started is stopped (what it accepted is delivered by
            // the running outputs) and every input it replaced runs again as it was
            createdInputs.forEach(this::stopAndDispatch);
            newFilters.forEach(FilterLane::stop);
            for (OutputLane lane : created) {
                lane.markStopping();
                lane.interruptWorkers();
            }
            created.forEach(OutputLane::stopPlugin);
            for (InputLane old : replaced) {
                InputLane again = restore(old);
                int at = inputs.indexOf(old);
                if (again != null) {
                    inputs.set(at, again);
                } else {
                    inputs.remove(at);
                }
            }
            backpressure.inputs(inputs);
            throw e;
        }
    }

    /** Stops an input and hands its open chunks to the outputs. */
    private void stopAndDispatch(InputLane lane) {
        lane.stop();
        loop.run(() -> lane.sealOpen().forEach(router::dispatch));
    }

    /**
     * A reload failed after {@code old} was stopped to make way for its changed instance: it is created again from its
     * definition, wired to the running outputs and filters, and started; null when it fails to start again.
     */
    private InputLane restore(InputLane old) {
        InputLane again = new InputLane(old.definition(), tuning.sealBytes(), arrays);
        again.wire(router, backpressure, List.copyOf(outputs), new FilterChain(List.copyOf(filters)), loop, disk);
        try {
            createInput(again);
            startInput(again);
            LOG.warn("reload: input {} runs again as before the reload", old.name());
            return again;
        } catch (EngineStartException e) {
            LOG.error("reload: input {} could not be started again: {}", old.name(), e.getMessage());
            return null;
        }
    }

    /** Stops outputs that left with a reload once none of their tasks is still being flushed (30 s at most). */
    private void retireLater(List<OutputLane> retired) {
        if (retired.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() - deadline < 0) {
                int[] busy = {0};
                if (!loop.run(() -> busy[0] = (int) router.unfinished().stream()
                        .filter(t2 -> retired.contains(t2.output())).count())) {
                    break;
                }
                if (busy[0] == 0) {
                    break;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            for (OutputLane lane : retired) {
                lane.markStopping();
                lane.interruptWorkers();
            }
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            for (OutputLane lane : retired) {
                if (lane.awaitWorkers(waitUntil)) {
                    lane.stopPlugin();
                }
                LOG.info("reload: output {} stopped", lane.name());
            }
        }, "reload-retire");
        t.setDaemon(true);
        t.start();
    }

    /** The class loaders of the plugins running now: a reload closes the others' jars. */
    public java.util.Set<ClassLoader> loadersInUse() {
        java.util.Set<ClassLoader> inUse = new java.util.HashSet<>();
        inputs.forEach(i -> inUse.add(i.definition().plugin().loader()));
        filters.forEach(f -> inUse.add(f.definition().plugin().loader()));
        outputs.forEach(o -> inUse.add(o.definition().plugin().loader()));
        return inUse;
    }

    /** The buffers now, computed on the engine thread (or, once it has stopped, on the caller's). */
    public StorageSnapshot storage() {
        StorageSnapshot[] result = new StorageSnapshot[1];
        if (!loop.run(() -> result[0] = storageNow())) {
            result[0] = storageNow();
        }
        return result[0];
    }

    private StorageSnapshot storageNow() {
        // a chunk has one task per route: a set per input counts it once without a scan per task
        java.util.Map<String, java.util.Set<Chunk>> byInput = new java.util.LinkedHashMap<>();
        java.util.Set<Chunk> busy = new java.util.HashSet<>();
        for (RouteTask task : router.unfinished()) {
            byInput.computeIfAbsent(task.chunk().inputName(), k -> new java.util.LinkedHashSet<>()).add(task.chunk());
            if (task.isFlushing()) {
                busy.add(task.chunk());
            }
        }
        List<StorageSnapshot.InputStorage> rows = new ArrayList<>();
        for (InputLane lane : inputs) {
            java.util.Collection<Chunk> sealed = byInput.getOrDefault(lane.name(), java.util.Set.of());
            int open = lane.openChunks();
            rows.add(row(lane.name(), lane.definition().storageType().label(), lane.memBufLimit(), lane.buffered(),
                    sealed, open, busy));
        }
        if (backlog != null) {
            rows.add(row(backlogMetrics.name(), "backlog", 0, backlog.inFlight(),
                    byInput.entrySet().stream().filter(e -> inputs.stream().noneMatch(i -> i.name().equals(e.getKey())))
                            .flatMap(e -> e.getValue().stream()).toList(), 0, busy));
        }
        java.util.Map<String, Long> evicted = new java.util.LinkedHashMap<>();
        java.util.Map<String, Double> capacity = new java.util.LinkedHashMap<>();
        for (OutputLane o : outputs) {
            evicted.put(o.name(), o.evictedRecords());
            long limit = o.definition().totalLimitSize();
            capacity.put(o.name(), limit <= 0 ? 100.0 : Math.max(0, 100.0 * (1 - (double) o.diskBytes() / limit)));
        }
        return new StorageSnapshot(rows, disk == null ? 0 : disk.diskBytes(), disk == null ? 0 : disk.corruptChunks(),
                backlog == null ? 0 : backlog.orphans(), disk == null ? 0 : disk.writeErrors(), evicted,
                backlog == null ? java.util.Map.of() : backlog.replayedRecords(), disk != null, capacity);
    }

    private static StorageSnapshot.InputStorage row(String name, String type, long limit, long buffered,
                                                    java.util.Collection<Chunk> sealed, int open,
                                                    java.util.Set<Chunk> busy) {
        int up = open;
        int down = 0;
        int busyCount = 0;
        long busySize = 0;
        long memSize = 0;
        for (Chunk c : sealed) {
            if (c.isDown()) {
                down++;
            } else {
                up++;
                memSize += c.size();
            }
            if (busy.contains(c)) {
                busyCount++;
                busySize += c.size();
            }
        }
        long mem = type.equals("memory") || type.equals("memrb") ? buffered : memSize;
        return new StorageSnapshot.InputStorage(name, type, limit > 0 && mem >= limit, mem, limit,
                sealed.size() + open, up, down, busyCount, busySize);
    }

    /**
     * Sets what to call, once, when an input reports that it failed for good: Main stops the service with a
     * non-zero exit.
     */
    public void onFailure(Consumer<String> listener) {
        failureListener = listener;
    }

    private void inputFailed(InputLane lane, String reason, Throwable cause) {
        String why = reason == null ? String.valueOf(cause) : reason;
        LOG.error("input {} failed: {}{}", lane.name(), why, cause == null ? "" : " (" + cause + ")");
        if (failed.compareAndSet(false, true)) {
            failureListener.accept("input " + lane.name() + " failed: " + why);
        }
    }

    /** Bytes appended by all inputs and not yet released by every route: what back-pressure limits. */
    public long bufferedBytes() {
        return backpressure.totalBytes();
    }

    /** Records of the (chunk, output) tasks not finished yet, counted once per route. */
    public long pendingRecords() {
        return router.pendingRecords();
    }

    /** (chunk, output) tasks not finished: queued, flushing or waiting for a retry. */
    public int pendingTasks() {
        return router.pendingTasks();
    }

    /** Waits a little for the disk work handed to the I/O thread so far (dead letters, done marks) to be done. */
    private void drainIo() {
        try {
            io.submit(() -> { }).get(STOP_FLUSH_WAIT_MILLIS * 5, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("disk work still running at shutdown: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits a little for dead letters and other disk work handed to the I/O thread. */
    private void awaitIo() {
        try {
            if (!io.awaitTermination(STOP_FLUSH_WAIT_MILLIS * 5, TimeUnit.MILLISECONDS)) {
                LOG.warn("disk work still running at exit; it may not have completed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            sealAll();
            backpressure.reconcile();
        } catch (Throwable e) {
            // A repeating task that throws is cancelled for good: timed sealing would stop without a word.
            FatalErrors.rethrowFatal(e);
            tickLog.error("tick", null, "flush tick failed: {}", e.toString(), e);
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
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_FLUSH_WAIT_MILLIS);
        List<OutputLane> idle = outputs.stream().filter(o -> o.awaitWorkers(waitUntil)).toList();
        if (!loop.stop(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitUntil - System.nanoTime())))) {
            LOG.warn("the engine thread did not end in time");
            loop.stopNow();
        }
        return idle;
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
            for (Chunk chunk : lane.sealOpen()) {
                if (chunk.stored() != null) {
                    disk.close(chunk.stored());
                    LOG.info("input={} stored {} records after it was stopped; they stay on disk for the next start",
                            lane.name(), chunk.records());
                    continue;
                }
                if (!chunk.routes().isEmpty()) {
                    LOG.warn("input={} emitted {} records after it was stopped; they were not delivered",
                            lane.name(), chunk.records());
                    late += (long) chunk.records() * chunk.routes().size();
                }
            }
        }
        return late;
    }

    private void sealAll() {
        for (InputLane lane : inputs) {
            for (Chunk chunk : lane.sealOpen()) {
                router.dispatch(chunk);
            }
        }
    }

    private void startOutput(OutputLane lane) throws EngineStartException {
        OutputDefinition def = lane.definition();
        try {
            Output output = def.plugin().call(() -> def.plugin().factory().create(
                    PluginContexts.output(lane, service)));
            lane.attach(output, outcomes, loop);
            lane.startPlugin();
        } catch (PluginFailure e) {
            throw failure("output", lane.name(), def.plugin().name(), e);
        }
        lane.startWorkers();
    }

    private void startFilter(FilterLane lane) throws EngineStartException {
        FilterDefinition def = lane.definition();
        try {
            Filter filter = def.plugin().call(() -> def.plugin().factory().create(
                    PluginContexts.filter(lane, service)));
            lane.attach(filter);
            lane.start();
        } catch (PluginFailure e) {
            throw failure("filter", lane.name(), def.plugin().name(), e);
        }
    }

    private void createInput(InputLane lane) throws EngineStartException {
        InputDefinition def = lane.definition();
        try {
            Input input = def.plugin().call(() -> def.plugin().factory().create(
                    PluginContexts.input(lane, service, (reason, cause) -> inputFailed(lane, reason, cause))));
            lane.attach(input);
        } catch (PluginFailure e) {
            throw failure("input", lane.name(), def.plugin().name(), e);
        }
    }

    private void startInput(InputLane lane) throws EngineStartException {
        try {
            lane.start();
        } catch (PluginFailure e) {
            throw failure("input", lane.name(), lane.definition().plugin().name(), e);
        }
    }

    /** A failed start naming the instance; {@code e} may be a LinkageError from a plugin jar missing a class. */
    private static EngineStartException failure(String kind, String name, String plugin, PluginFailure e) {
        return new EngineStartException(kind + " '" + name + "' (" + plugin + ") failed to start: " + e.getMessage(),
                e.getCause());
    }

    private static java.nio.file.Path deadLetterFolder(ServiceSettings service) {
        return service.storage().deadLetterFolder();
    }
}
