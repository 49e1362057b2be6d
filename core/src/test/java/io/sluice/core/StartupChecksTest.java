package io.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.core.cli.CommandLine;
import io.sluice.core.config.ConfigException;
import io.sluice.core.config.ConfigLoader;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.config.TestCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
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
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("config");
        log.addAppender(appender);
        try {
            StartupChecks.check(load("[INPUT]\n  Name cpu\n  Tag app.one\n[INPUT]\n  Name cpu\n  Tag db.two\n"
                    + "[INPUT]\n  Name cpu\n  Tag web\n[OUTPUT]\n  Name stdout\n  Match app.*\n"
                    + "[OUTPUT]\n  Name stdout\n  Match_Regex ^db\n"), false, 1L << 30, file);
        } finally {
            log.detachAppender(appender);
        }

        assertThat(appender.list).map(e -> e.getFormattedMessage()).filteredOn(m -> m.contains("matches no output"))
                .singleElement().asString().contains("tag 'web'");
    }
}
