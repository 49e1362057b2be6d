package io.sluice.core;

import io.sluice.core.cli.CommandLine;
import io.sluice.core.cli.HelpPrinter;
import io.sluice.core.cli.UsageException;
import io.sluice.core.config.ConfigException;
import io.sluice.core.config.FilterDefinition;
import io.sluice.core.config.InputDefinition;
import io.sluice.core.config.OutputDefinition;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineStartException;
import io.sluice.core.http.MonitoringServer;
import io.sluice.core.log.LogConfigurator;
import io.sluice.core.plugin.ApiVersion;
import io.sluice.core.plugin.LoadedPlugin;
import io.sluice.core.plugin.PluginProblem;
import io.sluice.core.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sluice's entry point: command line → plugins → configuration → engine, with Fluent Bit's exit codes
 * (0 after a signal, {@code -h}, {@code -V} or a good {@code --dry-run}; 1 for usage and configuration errors;
 * 255 when a plugin fails to start).
 */
public final class Main {

    static final int OK = 0;
    static final int CONFIG_ERROR = 1;
    static final int START_FAILURE = 255;

    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean started;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs sluice and exits the JVM with its exit code. */
    public static void main(String[] args) {
        Signals signals = Signals.install();
        Main main = new Main(System.out, System.err);
        int status;
        try {
            status = main.run(args, signals);
        } catch (Throwable t) {
            // a plugin's Error (e.g. a missing class) must still end the process with a clear line and 255
            LoggerFactory.getLogger("sluice").error("fatal: {}", t.toString(), t);
            status = main.started ? START_FAILURE : CONFIG_ERROR;
        }
        System.exit(status);
    }

    int run(String[] args, Signals signals) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("sluice: " + e.getMessage() + " (see 'sluice -h')");
            return CONFIG_ERROR;
        }
        if (!commandLine.printChunks().isEmpty()) {
            return io.sluice.core.storage.ChunkFilePrinter.print(commandLine.printChunks(), out, err);
        }
        String level = commandLine.logLevel() == null ? "info" : commandLine.logLevel();
        LogConfigurator.configure(level, null);
        Logger log = LoggerFactory.getLogger("sluice");

        PluginRegistry registry = loadPlugins(commandLine);
        if (commandLine.version()) {
            printVersions(registry);
            return OK;
        }
        if (commandLine.help()) {
            return printHelp(commandLine, registry);
        }

        PipelineConfig config;
        try {
            config = io.sluice.core.config.ConfigLoader.load(commandLine, registry);
            StartupChecks.check(config, commandLine.dryRun(), Runtime.getRuntime().maxMemory(),
                    commandLine.configFile());
        } catch (ConfigException e) {
            Logger plain = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
            plain.error(e.userMessage());
            if (commandLine.configFile() != null
                    && io.sluice.core.config.YamlConfigReader.isYaml(commandLine.configFile())) {
                plain.error("yaml error");
            }
            plain.error(commandLine.configFile() == null ? "the command line contains errors, aborting."
                    : "configuration file contains errors, aborting.");
            return CONFIG_ERROR;
        }
        LogConfigurator.configure(config.service().logLevel(), config.service().logFile());
        applyInstanceLogLevels(config);
        if (commandLine.dryRun()) {
            printPipeline(config);
            err.println("configuration test is successful");
            return OK;
        }
        if (!commandLine.quiet()) {
            printBanner(log, registry, config);
        }
        if (signals.stopping()) {
            LoggerFactory.getLogger("engine").info("stopped before the pipeline started");
            return OK;
        }

        Engine engine = new Engine(config);
        started = true;
        try {
            engine.start();
        } catch (EngineStartException e) {
            log.error(e.getMessage());
            LoggerFactory.getLogger("lib").error("backend failed");
            engine.shutdown();
            return START_FAILURE;
        }
        ReloadController reloads = new ReloadController(args, engine, registry, config, signals);
        MonitoringServer monitoring = null;
        if (config.service().httpServer()) {
            try {
                monitoring = MonitoringServer.start(config.service().httpListen(), config.service().httpPort(),
                        engine::metrics, Versions.CORE, config.service().health(),
                        config.service().storage().metrics() ? engine::storage : null, reloads);
                LoggerFactory.getLogger("http_server").info("listening on {}:{}", config.service().httpListen(),
                        monitoring.port());
            } catch (IOException e) {
                LoggerFactory.getLogger("http_server").error("cannot listen on {}:{}: {}",
                        config.service().httpListen(), config.service().httpPort(), e.getMessage());
                LoggerFactory.getLogger("lib").error("backend failed");
                engine.shutdown();
                return START_FAILURE;
            }
        }
        engine.onFailure(signals::fail);
        signals.hotReload(reloads::enabled);
        signals.onForcedExit(name -> LoggerFactory.getLogger("engine").error("second signal ({}) during the "
                + "graceful stop: exiting now with {} records in {} tasks not delivered", name,
                engine.pendingRecords(), engine.pendingTasks()));
        boolean failed = false;
        while (true) {
            SignalEvent event = signals.next();
            if (event == null || event.kind() == SignalEvent.Kind.STOP) {
                failed = event != null && event.failure();
                if (failed) {
                    LoggerFactory.getLogger("engine").error("stopping: {}", event.reason());
                } else {
                    LoggerFactory.getLogger("engine").info("caught signal ({})", event == null ? "interrupt"
                            : event.reason());
                }
                break;
            }
            reloads.reloadNow(event.reason());
        }
        engine.shutdown();
        if (monitoring != null) {
            monitoring.close();
        }
        return failed ? START_FAILURE : OK;
    }

    /** Loads the plugins (built in, the plugin folders, {@code -e}) and logs each one skipped; also used by a reload. */
    static PluginRegistry loadPlugins(CommandLine commandLine) {
        PluginRegistry registry = PluginRegistry.load(ApiVersion.carried(), Main.class.getClassLoader(),
                pluginDirectories(), commandLine.pluginPaths());
        Logger pluginLog = LoggerFactory.getLogger("plugins");
        for (PluginProblem problem : registry.problems()) {
            pluginLog.error("skipped {}: {}", problem.source(), problem.reason());
        }
        return registry;
    }

    /** The plugin folders: those in {@code SLUICE_PLUGINS} (path-separated), else {@code plugins/} beside bin/. */
    static List<Path> pluginDirectories() {
        List<Path> dirs = new ArrayList<>();
        String fromEnv = System.getenv("SLUICE_PLUGINS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            for (String part : fromEnv.split(java.io.File.pathSeparator)) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part));
                }
            }
        } else {
            String home = System.getProperty("sluice.home");
            if (home != null) {
                dirs.add(Path.of(home, "plugins"));
            }
        }
        return dirs;
    }

    private void printVersions(PluginRegistry registry) {
        out.println("sluice v" + Versions.CORE);
        out.println("plugin-api v" + Versions.PLUGIN_API);
        for (LoadedPlugin<?> p : registry.all()) {
            out.printf("%-6s %-12s v%-8s (plugin-api %s) %s%n", p.kind().label(), p.name(), p.version(),
                    p.apiVersion(), p.origin());
        }
    }

    private int printHelp(CommandLine commandLine, PluginRegistry registry) {
        if (commandLine.helpFor() == null) {
            HelpPrinter.printUsage(out, registry);
            return OK;
        }
        try {
            HelpPrinter.printPluginHelp(out, registry, commandLine.helpFor());
            return OK;
        } catch (UsageException e) {
            err.println("sluice: " + e.getMessage());
            return CONFIG_ERROR;
        }
    }

    static void applyInstanceLogLevels(PipelineConfig config) {
        for (InputDefinition input : config.inputs()) {
            if (input.logLevel() != null) {
                LogConfigurator.setLevel(input.loggerName(), input.logLevel());
            }
        }
        for (FilterDefinition filter : config.filters()) {
            if (filter.logLevel() != null) {
                LogConfigurator.setLevel(filter.loggerName(), filter.logLevel());
            }
        }
        for (OutputDefinition output : config.outputs()) {
            if (output.logLevel() != null) {
                LogConfigurator.setLevel(output.loggerName(), output.logLevel());
            }
        }
    }

    /** What {@code --dry-run} read: the service settings, every instance with the properties set (secrets masked). */
    private void printPipeline(PipelineConfig config) {
        java.util.List<String> service = config.service().describe();
        err.println("[service] " + service.get(0));
        service.subList(1, service.size()).forEach(line -> err.println("    " + line));
        for (InputDefinition input : config.inputs()) {
            err.println("[input]  " + input.instanceName() + " (" + input.plugin().name() + ") tag=" + input.tag()
                    + " storage.type=" + input.storageType().label());
            input.config().describe().forEach(line -> err.println("    " + line));
        }
        for (FilterDefinition filter : config.filters()) {
            err.println("[filter] " + filter.instanceName() + " (" + filter.plugin().name() + ")"
                    + matching(filter.match(), filter.matchRegex()));
            filter.config().describe().forEach(line -> err.println("    " + line));
        }
        for (OutputDefinition output : config.outputs()) {
            err.println("[output] " + output.instanceName() + " (" + output.plugin().name() + ")"
                    + matching(output.match(), output.matchRegex()) + " workers=" + output.workers());
            output.config().describe().forEach(line -> err.println("    " + line));
        }
    }

    /** {@code " match=app*"} and/or {@code " match_regex=…"}, or {@code " (no match: receives nothing)"}. */
    private static String matching(String match, java.util.regex.Pattern regex) {
        if (match == null && regex == null) {
            return " (no match: receives nothing)";
        }
        return (match == null ? "" : " match=" + match) + (regex == null ? "" : " match_regex=" + regex);
    }

    private void printBanner(Logger log, PluginRegistry registry, PipelineConfig config) {
        err.println("sluice v" + Versions.CORE + " (plugin-api v" + Versions.PLUGIN_API + ")");
        err.println("* a Fluent Bit-compatible log and metrics forwarder for the JVM");
        err.println();
        for (String line : registry.table()) {
            LoggerFactory.getLogger("plugins").info(line);
        }
        for (InputDefinition input : config.inputs()) {
            log.info("input  {} ({}) tag={}", input.instanceName(), input.plugin().name(), input.tag());
        }
        for (FilterDefinition filter : config.filters()) {
            log.info("filter {} ({}){}", filter.instanceName(), filter.plugin().name(),
                    matching(filter.match(), filter.matchRegex()));
        }
        for (OutputDefinition output : config.outputs()) {
            log.info("output {} ({}){} workers={}", output.instanceName(), output.plugin().name(),
                    matching(output.match(), output.matchRegex()), output.workers());
        }
    }
}
