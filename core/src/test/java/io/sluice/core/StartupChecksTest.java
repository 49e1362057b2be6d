package io.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.core.cli.CommandLine;
import io.sluice.core.config.ConfigException;
import io.sluice.core.config.ConfigLoader;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.TestCatalog;
import io.sluice.core.engine.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {

    private static final long HEAP_96M = 96L * 1024 * 1024;

    @TempDir
    Path dir;

    private String file;

    private PipelineConfig load(String text) throws Exception {
        file = Files.writeString(dir.resolve("sluice.conf"), text).toString();
        return new ConfigLoader(Map.of(), "box", w -> { }).read(CommandLine.parse("-c", file), new TestCatalog());
    }

    @Test
    void anInputLimitTooLargeForTheHeapIsAnErrorNamingItsSectionAndTheHeapToAskFor() throws Exception {
        PipelineConfig config = load("[INPUT]\n  Name cpu\n\n[INPUT]\n  Name tcp\n  Mem_Buf_Limit 500M\n"
                + "[OUTPUT]\n  Name stdout\n  Match *\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> StartupChecks.check(config, false, HEAP_96M, file));

        assertThat(e.userMessage()).startsWith("[config] error in " + file + ":4: key 'mem_buf_limit': ")
                .contains("JAVA_OPTS=-Xmx");
    }

    @Test
    void theServiceWideLimitTooLargeForTheHeapNamesTheFile() throws Exception {
        PipelineConfig config = load("[SERVICE]\n  Mem_Buf_Limit 400M\n[INPUT]\n  Name cpu\n"
                + "[OUTPUT]\n  Name stdout\n  Match *\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> StartupChecks.check(config, false, HEAP_96M, file));

        assertThat(e.userMessage()).startsWith("[config] error in " + file + ": key 'mem_buf_limit': ");
    }

    @Test
    void limitsThatFitPassAndAPipelineWithoutOutputIsAnErrorOnlyAtDryRun() throws Exception {
        PipelineConfig config = load("[INPUT]\n  Name tcp\n  Mem_Buf_Limit 20M\n");

        StartupChecks.check(config, false, HEAP_96M, file);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> StartupChecks.check(config, true, HEAP_96M, file));

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file
                + ": the pipeline has no output: nothing would be delivered");
    }

    @Test
    void anInputIsRoutedByTheEnginesOwnRuleAGlobOrAMatchRegexPrefix() throws Exception {
        List<String> warnings = unrouted("[INPUT]\n  Name cpu\n  Tag app.one\n[INPUT]\n  Name cpu\n  Tag db.two\n"
                + "[INPUT]\n  Name cpu\n  Tag web\n[OUTPUT]\n  Name stdout\n  Match app.*\n"
                + "[OUTPUT]\n  Name stdout\n  Match_Regex ^db\n");

        assertThat(warnings).singleElement().asString().contains("tag 'web'");
    }

    @Test
    void oneInputAndOneOutputWithoutMatchAreRoutedAsTheEngineRoutesThem() throws Exception {
        // as -i dummy -o stdout: everything goes to the only output, so no warning that records will be discarded
        assertThat(unrouted("[INPUT]\n  Name cpu\n  Tag web\n[OUTPUT]\n  Name stdout\n")).isEmpty();
        assertThat(unrouted("[INPUT]\n  Name cpu\n  Tag web\n[OUTPUT]\n  Name stdout\n[OUTPUT]\n  Name websocket\n"))
                .hasSize(1);
    }

    /** The "matches no output" warnings the checks log for {@code conf}. */
    private List<String> unrouted(String conf) throws Exception {
        try (LogCapture log = new LogCapture("config")) {
            StartupChecks.check(load(conf), false, 1L << 30, file);
            return log.containing("matches no output");
        }
    }
}
