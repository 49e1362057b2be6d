package io.sluice.core;

import io.sluice.core.cli.CommandLine;
import io.sluice.core.cli.UsageException;
import io.sluice.core.config.ConfigException;
import io.sluice.core.config.ConfigLoader;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.ServiceSettings;
import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineStartException;
import io.sluice.core.engine.ReloadReport;
import io.sluice.core.http.JsonText;
import io.sluice.core.http.ReloadApi;
import io.sluice.core.log.LogConfigurator;
import io.sluice.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: reads the same command line and configuration file again, validates them completely (a bad one leaves
 * the running pipeline exactly as it was, and the error goes to the log and to the HTTP caller), rescans the plugin
 * folder, then hands the new pipeline to {@link Engine#reload}, which keeps what did not change running. Reloads run
 * one at a time on the main thread; requests that arrive meanwhile are folded into one more reload afterwards (see
 * {@link Signals#reload}).
 */
final class ReloadController implements ReloadApi {

    private static final Logger LOG = LoggerFactory.getLogger("reload");
    private static final Outcome NOT_ENABLED = new Outcome(400, "{\"reload\":\"not enabled\",\"status\":-1}");

    private final String[] args;
    private final Engine engine;
    private final Signals signals;
    private final List<PluginRegistry> registries = new ArrayList<>();
    private final List<CompletableFuture<Outcome>> waiting = new ArrayList<>();
    /** The configuration running now; read by the HTTP workers and by the signal handler through enabled(). */
    private volatile PipelineConfig current;
    private volatile long count;
    private volatile String last;

    ReloadController(String[] args, Engine engine, PluginRegistry registry, PipelineConfig config, Signals signals) {
        this.args = args.clone();
        this.engine = engine;
        this.registries.add(registry);
        this.current = config;
        this.signals = signals;
    }

    /** Whether hot reload is on in the configuration running now ({@code Hot_Reload} or {@code -Y}). */
    boolean enabled() {
        return current.service().hotReload();
    }

    @Override
    public CompletableFuture<Outcome> reload(boolean wait) {
        if (!enabled()) {
            return CompletableFuture.completedFuture(NOT_ENABLED);
        }
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        synchronized (waiting) {
            if (wait) {
                waiting.add(done);
            }
        }
        signals.reload("HTTP");
        if (!wait) {
            return CompletableFuture.completedFuture(new Outcome(200, "{\"reload\":\"done\",\"status\":0}"));
        }
        return done.orTimeout(5, TimeUnit.MINUTES).exceptionally(e -> new Outcome(500,
                "{\"reload\":\"failed\",\"status\":-2,\"error\":\"" + JsonText.escape(String.valueOf(e)) + "\"}"));
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public String lastJson() {
        return last;
    }

    /** Runs one reload now, on the main thread, and answers every HTTP caller waiting for one. */
    void reloadNow(String trigger) {
        List<CompletableFuture<Outcome>> answered;
        synchronized (waiting) {
            answered = new ArrayList<>(waiting);
            waiting.clear();
        }
        Outcome outcome;
        if (!enabled()) {
            LOG.warn("hot reloading is not enabled ({}); set Hot_Reload on or start with -Y", trigger);
            outcome = NOT_ENABLED;
        } else {
            outcome = reloadOnce(trigger);
        }
        answered.forEach(f -> f.complete(outcome));
    }

    private Outcome reloadOnce(String trigger) {
        LOG.info("reloading instance pid={} ({})", ProcessHandle.current().pid(), trigger);
        try {
            CommandLine commandLine = CommandLine.parse(args);
            PluginRegistry registry = Main.loadPlugins(commandLine);
            PipelineConfig next;
            try {
                next = ConfigLoader.load(commandLine, registry);
                StartupChecks.check(next, true, Runtime.getRuntime().maxMemory(), commandLine.configFile());
            } catch (ConfigException e) {
                registry.close(java.util.Set.of());
                return failed(e.userMessage(), "the new configuration is invalid");
            }
            warnAboutServiceChanges(current.service(), next.service());
            ReloadReport report;
            try {
                report = engine.reload(next);
            } catch (EngineStartException e) {
                registry.close(java.util.Set.of());
                return failed(e.getMessage(), "the new pipeline could not start");
            }
            registries.add(registry);
            LogConfigurator.setLevel(next.service().logLevel());
            Main.applyInstanceLogLevels(next);
            current = next;
            closeUnusedPlugins();
            count++;
            last = "{\"status\":\"ok\",\"time\":" + System.currentTimeMillis() / 1000 + "}";
            LOG.info("successful reload done: {} inputs and {} outputs kept running, {} inputs and {} outputs "
                    + "started, {} inputs and {} outputs stopped", report.keptInputs(), report.keptOutputs(),
                    report.newInputs(), report.newOutputs(), report.stoppedInputs(), report.stoppedOutputs());
            return new Outcome(200, "{\"reload\":\"done\",\"status\":0}");
        } catch (UsageException e) {
            return failed(e.getMessage(), "the command line is invalid");
        } catch (RuntimeException e) {
            LOG.error("reload failed", e);
            return failed(e.toString(), "the reload failed");
        }
    }

    private Outcome failed(String error, String what) {
        LOG.error("{}: {}; the running pipeline is unchanged", what, error);
        last = "{\"status\":\"failed\",\"time\":" + System.currentTimeMillis() / 1000 + ",\"error\":\""
                + JsonText.escape(error) + "\"}";
        return new Outcome(422, "{\"reload\":\"failed\",\"status\":-2,\"error\":\"" + JsonText.escape(firstLine(error))
                + "\"}");
    }

    /** Closes the jars of plugins no running instance uses any more; a registry none uses is forgotten. */
    private void closeUnusedPlugins() {
        java.util.Set<ClassLoader> inUse = engine.loadersInUse();
        for (PluginRegistry r : registries) {
            r.close(inUse);
        }
        registries.removeIf(r -> r != registries.get(registries.size() - 1) && !r.uses(inUse));
    }

    private static void warnAboutServiceChanges(ServiceSettings was, ServiceSettings now) {
        List<String> changed = new ArrayList<>();
        if (was.flushSeconds() != now.flushSeconds()) {
            changed.add("Flush");
        }
        if (was.graceSeconds() != now.graceSeconds()) {
            changed.add("Grace");
        }
        if (!Objects.equals(was.storage(), now.storage())) {
            changed.add("storage.*");
        }
        if (was.httpServer() != now.httpServer() || was.httpPort() != now.httpPort()
                || !Objects.equals(was.httpListen(), now.httpListen()) || !Objects.equals(was.health(), now.health())) {
            changed.add("HTTP_Server/HTTP_Listen/HTTP_Port/Health_Check");
        }
        if (was.memBufLimit() != now.memBufLimit() || was.schedulerBase() != now.schedulerBase()
                || was.schedulerCap() != now.schedulerCap() || !Objects.equals(was.logFile(), now.logFile())) {
            changed.add("Mem_Buf_Limit/scheduler.*/Log_File");
        }
        if (!changed.isEmpty()) {
            LOG.warn("changed [SERVICE] settings take effect at the next restart, not with a reload: {}",
                    String.join(", ", changed));
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
