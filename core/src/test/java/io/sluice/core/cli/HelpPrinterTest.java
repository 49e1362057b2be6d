package io.sluice.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.core.config.TestCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpPrinterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final TestCatalog catalog = new TestCatalog();

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void pluginHelp(String... args) throws Exception {
        HelpPrinter.printPluginHelp(out, catalog, CommandLine.parse(args).helpFor());
    }

    @Test
    void usageListsOptionsThenEveryPluginByKind() {
        HelpPrinter.printUsage(out, catalog);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(lines().get(0)).isEqualTo("Usage: sluice [OPTION]");
        assertThat(text).contains("Available Options", "  -c  --config=FILE       specify an optional configuration",
                "  -e  --plugin=PATH", "  -D  --dry-run");
        assertThat(text).contains("-Y  --enable-hot-reload", "    --print-chunk=FILE").doesNotContain("--help-json");
        assertThat(text.indexOf("\nInputs\n")).isLessThan(text.indexOf("\nOutputs\n"));
        assertThat(lines()).contains("  cpu                 CPU Usage", "  tcp                 TCP",
                "  stdout              Prints events to STDOUT", "  websocket           Websocket");
    }

    @Test
    void pluginHelpListsGroupsInOrderWithDefaultsAndTypes() throws Exception {
        pluginHelp("-o", "websocket://h:1/x", "-h");

        List<String> lines = lines();
        assertThat(lines.subList(0, 5)).containsExactly("HELP", "websocket output plugin", "", "DESCRIPTION",
                "Websocket");
        assertThat(lines).containsSubsequence("GLOBAL_OPTIONS", "OPTIONS", "NETWORKING", "NETWORK_TLS");
        int port = lines.indexOf(lines.stream().filter(l -> l.startsWith("port ")).findFirst().orElseThrow());
        assertThat(lines.get(port)).contains("Port to connect to");
        assertThat(lines.get(port + 1).trim())
                .isEqualTo("> default: 80, type: integer, accepts: a whole number from 1 to 65535");
        assertThat(lines).anySatisfy(l -> assertThat(l.trim()).isEqualTo("> type: string, repeatable, secret"));
        assertThat(lines).anySatisfy(l -> assertThat(l.trim()).isEqualTo("> default: 1, type: string"));
    }

    @Test
    void outputGlobalOptionsShowThePluginsWorkersAtLeastOne() throws Exception {
        assertThat(workersLine("websocket")).isEqualTo("> default: 1, type: integer, accepts: a whole number from 1 "
                + "to 64");
    }

    @Test
    void outputGlobalOptionsShowTheWorkersTheConfigurationWouldUseAtMost64() throws Exception {
        assertThat(workersLine("wide")).startsWith("> default: 64, ");
    }

    /** The line under {@code workers} in {@code -o plugin -h}. */
    private String workersLine(String plugin) throws Exception {
        pluginHelp("-o", plugin, "-h");
        List<String> lines = lines();
        int workers = lines.indexOf(lines.stream().filter(l -> l.startsWith("workers ")).findFirst().orElseThrow());
        return lines.get(workers + 1).trim();
    }

    @Test
    void inputHelpHasNoNetworkingGroupWhenThePluginDeclaresNone() throws Exception {
        pluginHelp("-i", "tcp", "-h");

        assertThat(lines()).contains("tcp input plugin", "GLOBAL_OPTIONS", "OPTIONS", "NETWORK_TLS")
                .doesNotContain("NETWORKING");
        assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("mem_buf_limit"));
    }

    @Test
    void longDescriptionsAreWrappedAtWordBoundaries() {
        assertThat(HelpPrinter.wrap("one two three four", 9)).containsExactly("one two", "three", "four");
        assertThat(HelpPrinter.wrap("unbreakable-word x", 5)).containsExactly("unbreakable-word", "x");
    }

    @Test
    void unknownPluginIsAOneLineUsageError() {
        UsageException e = catchThrowableOfType(UsageException.class, () -> pluginHelp("-o", "nope", "-h"));

        assertThat(e.getMessage()).isEqualTo("invalid output plugin 'nope'");
        assertThat(bytes.size()).isZero();
    }
}
