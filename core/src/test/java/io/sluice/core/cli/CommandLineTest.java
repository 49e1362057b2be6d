package io.sluice.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.core.config.ConfigEntry;
import io.sluice.core.config.ConfigSection;
import io.sluice.core.config.Origin;
import io.sluice.core.config.SectionKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    private static ConfigEntry cli(String key, String value) {
        return new ConfigEntry(key, value, Origin.COMMAND_LINE);
    }

    private static String usageError(String... args) {
        return catchThrowableOfType(UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }

    @Test
    void seedCommandDeclaresAnInputAndAnOutputWithTheirOptions() throws Exception {
        CommandLine line = CommandLine.parse("-i", "cpu", "-t", "cpu", "-o", "websocket://127.0.0.1:8080/something",
                "-m", "*");

        assertThat(line.sections()).containsExactly(
                new ConfigSection(SectionKind.INPUT, List.of(cli("name", "cpu"), cli("tag", "cpu")),
                        Origin.COMMAND_LINE),
                new ConfigSection(SectionKind.OUTPUT, List.of(cli("name", "websocket://127.0.0.1:8080/something"),
                        cli("match", "*")), Origin.COMMAND_LINE));
    }

    @Test
    void propertiesApplyToTheMostRecentPlugin() throws Exception {
        CommandLine line = CommandLine.parse("-i", "cpu", "-p", "interval_sec=2", "-o", "stdout",
                "-p", " Format = json_lines ", "-p", "header=X-A 1=2");

        assertThat(line.sections().get(0).entries()).containsExactly(cli("name", "cpu"), cli("interval_sec", "2"));
        assertThat(line.sections().get(1).entries())
                .containsExactly(cli("name", "stdout"), cli("format", "json_lines"), cli("header", "X-A 1=2"));
    }

    @Test
    void propertyWithoutEqualsIsIgnoredWithAWarning() throws Exception {
        CommandLine line = CommandLine.parse("-o", "stdout", "-p", "format");

        assertThat(line.sections().get(0).entries()).containsExactly(cli("name", "stdout"));
        assertThat(line.warnings()).singleElement().asString().contains("'format' has no '='");
    }

    @ParameterizedTest
    @CsvSource({"-p,tag=x", "-t,x", "-m,*"})
    void pluginOptionBeforeAnyPluginIsAUsageError(String option, String value) {
        assertThat(usageError(option, value, "-i", "cpu"))
                .isEqualTo(option + " must follow the -i, -F or -o it applies to");
    }

    @Test
    void tagAfterAnOutputIsSetOnTheOutput() throws Exception {
        CommandLine line = CommandLine.parse("-i", "cpu", "-o", "stdout", "-t", "x");

        assertThat(line.sections().get(1).entries()).contains(cli("tag", "x"));
    }

    @Test
    void matchOnAnInputIsIgnoredWithAWarning() throws Exception {
        CommandLine line = CommandLine.parse("-i", "cpu", "-m", "x*");

        assertThat(line.sections().get(0).entries()).containsExactly(cli("name", "cpu"));
        assertThat(line.warnings()).singleElement().asString().contains("-m 'x*' ignored");
    }

    @Test
    void filtersAreDeclaredAndTakeMatches() throws Exception {
        CommandLine line = CommandLine.parse("-F", "grep", "-m", "*");

        assertThat(line.sections()).containsExactly(new ConfigSection(SectionKind.FILTER,
                List.of(cli("name", "grep"), cli("match", "*")), Origin.COMMAND_LINE));
    }

    @ParameterizedTest
    @CsvSource({"-v,debug", "-vv,trace", "-vvvv,trace", "-q,error", "-qv,warn"})
    void verbosityFlagsAreCountedLeftToRight(String flags, String level) throws Exception {
        assertThat(CommandLine.parse(flags).logLevel()).isEqualTo(level);
    }

    @Test
    void withoutVerbosityFlagsTheLogLevelIsLeftToTheConfiguration() throws Exception {
        assertThat(CommandLine.parse("-i", "cpu").logLevel()).isNull();
    }

    @Test
    void separateVerboseFlagsAddUp() throws Exception {
        CommandLine line = CommandLine.parse("-v", "--verbose");

        assertThat(line.logLevel()).isEqualTo("trace");
        assertThat(line.quiet()).isFalse();
    }

    @Test
    void argumentsMayBeAttachedSeparateOrAfterEquals() throws Exception {
        assertThat(CommandLine.parse("-cmain.conf").configFile()).isEqualTo("main.conf");
        assertThat(CommandLine.parse("-c", "main.conf").configFile()).isEqualTo("main.conf");
        assertThat(CommandLine.parse("--config=main.conf").configFile()).isEqualTo("main.conf");
        assertThat(CommandLine.parse("--config", "main.conf").configFile()).isEqualTo("main.conf");
    }

    @Test
    void bundledFlagsMayEndWithAnOptionTakingTheNextArgument() throws Exception {
        CommandLine line = CommandLine.parse("-vDc", "main.conf");

        assertThat(line.logLevel()).isEqualTo("debug");
        assertThat(line.dryRun()).isTrue();
        assertThat(line.configFile()).isEqualTo("main.conf");
    }

    @Test
    void uniqueLongPrefixesAreAccepted() throws Exception {
        assertThat(CommandLine.parse("--conf=a.conf").configFile()).isEqualTo("a.conf");
        assertThat(CommandLine.parse("--http").serviceEntries()).containsExactly(cli("http_server", "on"));
    }

    @Test
    void ambiguousLongPrefixIsAnError() {
        assertThat(usageError("--http_")).isEqualTo("option '--http_' is ambiguous");
    }

    @Test
    void serviceOptionsBecomeServiceEntriesInOrder() throws Exception {
        CommandLine line = CommandLine.parse("-f", "0.5", "-H", "-P", "2021", "-L", "127.0.0.1", "-l", "out.log",
                "-b", "/tmp/buf", "--http_port=2022");

        assertThat(line.serviceEntries()).containsExactly(cli("flush", "0.5"), cli("http_server", "on"),
                cli("http_port", "2021"), cli("http_listen", "127.0.0.1"), cli("log_file", "out.log"),
                cli("storage.path", "/tmp/buf"), cli("http_port", "2022"));
    }

    @Test
    void pluginPathsRepeat(@TempDir Path dir) throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createDirectories(dir.resolve("plugins/b"));
        CommandLine line = CommandLine.parse("-e", a.toString(), "--plugin", b.toString());

        assertThat(line.pluginPaths()).containsExactly(a, b);
    }

    @Test
    void helpAloneAsksForTheGeneralHelp() throws Exception {
        CommandLine line = CommandLine.parse("-h");

        assertThat(line.help()).isTrue();
        assertThat(line.helpFor()).isNull();
    }

    @Test
    void helpAfterAPluginAsksForThatPluginsHelpAndStopsParsing() throws Exception {
        CommandLine line = CommandLine.parse("-i", "cpu", "-o", "websocket", "-h", "--no-such-option");

        assertThat(line.helpFor().kind()).isEqualTo(SectionKind.OUTPUT);
        assertThat(line.helpFor().first("name").orElseThrow().value()).isEqualTo("websocket");
    }

    @Test
    void versionStopsParsing() throws Exception {
        assertThat(CommandLine.parse("-V", "-x").version()).isTrue();
    }

    @Test
    void unknownShortOptionIsAUsageError() {
        assertThat(usageError("-i", "cpu", "-x")).isEqualTo("invalid option -- 'x'");
    }

    @Test
    void unknownLongOptionIsAUsageError() {
        assertThat(usageError("--nope")).isEqualTo("unrecognized option '--nope'");
    }

    @Test
    void missingArgumentIsAUsageError() {
        assertThat(usageError("-i")).isEqualTo("option requires an argument -- 'i'");
        assertThat(usageError("--output")).isEqualTo("option '--output' requires an argument");
    }

    @Test
    void flagGivenAValueIsAUsageError() {
        assertThat(usageError("--help=yes")).isEqualTo("option '--help' doesn't allow an argument");
    }

    @Test
    void strayArgumentIsAUsageError() {
        assertThat(usageError("-i", "cpu", "stdout")).isEqualTo("unexpected argument 'stdout'");
    }

    @Test
    void helpJsonIsRejectedClearly() {
        assertThat(usageError("-J")).contains("-J (--help-json) is not supported");
    }

    @ParameterizedTest
    @CsvSource({"-Z,-Z (--enable-chunk-trace)", "-S,-S (--sosreport)", "-T x,-T (--trace)"})
    void outOfScopeOptionsAreRejectedClearly(String option, String named) {
        assertThat(usageError(option.split(" "))).isEqualTo("option " + named + " is not supported by sluice");
    }

    @Test
    void hotReloadFlagsSetTheServiceKeyAndTheThreadSafetyFlagIsAccepted() throws Exception {
        CommandLine line = CommandLine.parse("-Y", "--disable-thread-safety-on-hot-reloading", "-W");

        assertThat(line.serviceEntries()).containsExactly(new io.sluice.core.config.ConfigEntry("hot_reload", "on",
                Origin.COMMAND_LINE));
        assertThat(line.warnings()).hasSize(2);
    }

    @Test
    void printChunkTakesOneOrMoreFiles() throws Exception {
        assertThat(CommandLine.parse("--print-chunk", "a.chunk", "b.chunk").printChunks())
                .containsExactly(Path.of("a.chunk"), Path.of("b.chunk"));
    }

    @Test
    void aMissingWorkdirOrPluginPathIsAUsageError() {
        assertThat(usageError("-w", "/no/such/dir")).isEqualTo("working directory '/no/such/dir' (-w) does not exist");
        assertThat(usageError("-e", "/no/such.jar")).isEqualTo("plugin jar or folder '/no/such.jar' (-e) does not "
                + "exist");
    }

    @Test
    void parserFileMustExist(@TempDir Path dir) throws Exception {
        Path parsers = Files.writeString(dir.resolve("parsers.conf"), "[PARSER]\n  Name x\n");

        assertThat(CommandLine.parse("-R", parsers.toString()).parserFiles()).containsExactly(parsers);
        assertThat(usageError("-R", dir.resolve("missing.conf").toString())).contains("does not exist");
    }

    @Test
    void workdirIsKept(@TempDir Path dir) throws Exception {
        assertThat(CommandLine.parse("-w", dir.toString()).workdir()).isEqualTo(dir);
    }
}
