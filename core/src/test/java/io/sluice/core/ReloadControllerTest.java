package io.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.cli.CommandLine;
import io.sluice.core.config.ConfigLoader;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.engine.Engine;
import io.sluice.core.engine.LogCapture;
import io.sluice.core.http.ReloadApi;
import io.sluice.core.plugin.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads as Main runs them: the command line and file read again, the running engine handed the new pipeline. */
class ReloadControllerTest {

    private static final String PIPELINE = "[INPUT]\n  Name dummy\n  Tag app\n[OUTPUT]\n  Name null\n  Match *\n";

    @TempDir
    Path dir;

    private Engine engine;
    private final Signals signals = new Signals();

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
    }

    private ReloadController start(String... args) throws Exception {
        CommandLine commandLine = CommandLine.parse(args);
        PluginRegistry registry = Main.loadPlugins(commandLine);
        PipelineConfig config = ConfigLoader.load(commandLine, registry);
        engine = new Engine(config);
        engine.start();
        ReloadController reloads = new ReloadController(args, engine, registry, config, signals);
        signals.hotReload(reloads::enabled);
        return reloads;
    }

    @Test
    void aReloadThatTurnsHotReloadOffMakesTheNextSighupStop() throws Exception {
        Path conf = Files.writeString(dir.resolve("sluice.conf"), "[SERVICE]\n  Hot_Reload on\n" + PIPELINE);
        ReloadController reloads = start("-c", conf.toString());

        signals.onSignal("SIGHUP", 1);
        SignalEvent first = signals.next();
        assertThat(first).isEqualTo(SignalEvent.reload("SIGHUP"));
        Files.writeString(conf, "[SERVICE]\n  Hot_Reload off\n" + PIPELINE);
        reloads.reloadNow(first.reason());

        assertThat(reloads.count()).isEqualTo(1);
        assertThat(reloads.enabled()).isFalse();
        signals.onSignal("SIGHUP", 1);
        assertThat(signals.next()).isEqualTo(SignalEvent.stop("SIGHUP"));
    }

    @Test
    void withHotReloadOffTheHttpRequestIsRefusedAsBefore() throws Exception {
        Path conf = Files.writeString(dir.resolve("sluice.conf"), PIPELINE);
        ReloadController reloads = start("-c", conf.toString());

        ReloadApi.Outcome outcome = reloads.reload(false).join();

        assertThat(outcome).isEqualTo(new ReloadApi.Outcome(400, "{\"reload\":\"not enabled\",\"status\":-1}"));
        assertThat(reloads.count()).isZero();
    }

    @Test
    void aReloadLogsThePluginsItSkipsAsStartUpDoes() throws Exception {
        Path conf = Files.writeString(dir.resolve("sluice.conf"), "[SERVICE]\n  Hot_Reload on\n" + PIPELINE);
        Path broken = Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5});
        ReloadController reloads = start("-c", conf.toString(), "-e", broken.toString());
        List<String> lines;
        try (LogCapture log = new LogCapture("plugins")) {
            reloads.reloadNow("SIGHUP");
            lines = log.lines();
        }

        assertThat(reloads.count()).isEqualTo(1);
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("[A-Z]+ skipped .*").contains("broken.jar"));
    }
}
