package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.cli.CommandLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random bytes as a classic configuration file, through the whole loader as {@code sluice -c FILE} runs it: reading
 * the file, includes, {@code @SET} and {@code ${}} variables, sections, plugin lookup and property validation. The
 * file loads, or the loader fails with a {@link ConfigException} whose user message is one line; nothing else
 * escapes. ({@link ClassicParserPropertyTest} covers the parser alone, on text.)
 */
class RandomConfigFilePropertyTest {

    @Property(tries = 300)
    void randomBytesAsTheConfigFileLoadOrFailWithAOneLineConfigException(@ForAll("bytes") byte[] file)
            throws Exception {
        assertLoadsOrFailsWithOneLine(file);
    }

    @Property(tries = 1000)
    void randomMixesOfConfigLinesAndBytesLoadOrFailWithAOneLineConfigException(@ForAll("configLike") byte[] file)
            throws Exception {
        assertLoadsOrFailsWithOneLine(file);
    }

    private static void assertLoadsOrFailsWithOneLine(byte[] file) throws Exception {
        Path dir = Files.createTempDirectory("random-config");
        try {
            Path conf = Files.write(dir.resolve("random.conf"), file);
            Files.writeString(dir.resolve("other.conf"), "[OUTPUT]\n    Name stdout\n    Match *\n");
            ConfigLoader loader = new ConfigLoader(Map.of("HOME", "/home/me", "PORT", "5170"), "box", w -> { });
            try {
                loader.read(CommandLine.parse("-c", conf.toString()), new TestCatalog());
                Statistics.collect("loaded");
            } catch (ConfigException e) {
                Statistics.collect("ConfigException");
                assertThat(e.userMessage()).doesNotContain("\n").doesNotContain("\r").startsWith("[config] error in");
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    }

    /** Lines glued from pieces of real configuration, broken UTF-8 and control bytes. */
    @Provide
    Arbitrary<byte[]> configLike() {
        Arbitrary<byte[]> piece = Arbitraries.oneOf(
                Arbitraries.of("[SERVICE]", "[INPUT]", "[OUTPUT]", "[FILTER]", "[PARSER]", "[", "]", "[INPUT",
                        "    Name tcp", "    Name stdout", "    Name websocket", "    Name cpu", "    Name nope",
                        "Name", "    Match *", "    Match_Regex (", "    Port ${PORT}", "    Port 99999", "    Port -1",
                        "    Buffer_Size 1x", "    Format json_lines", "    Format nope", "    tls maybe",
                        "    Header X-A b", "    Idle_Interval 5q", "    Ratio NaN", "    Alias a", "    Tag t",
                        "    Retry_Limit no_limits", "    Flush 0", "    Flush 1e400", "    Grace -5",
                        "    Log_Level nope", "    HTTP_Port 70000", "    HTTP_Server maybe", "    storage.path ",
                        "@INCLUDE other.conf", "@INCLUDE random.conf", "@INCLUDE *", "@INCLUDE missing.conf",
                        "@INCLUDE .", "@INCLUDE \u0000", "@SET A=${A}", "@SET B=${B}${B}", "@SET =x", "@SET",
                        "${HOME}", "${", "}", "$", "=", "#", " ", "\t", "\r", "\u00e9", "\ud83d\ude00")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(6));
        return piece.list().ofMaxSize(4).list().ofMaxSize(16).map(RandomConfigFilePropertyTest::joinLines);
    }

    private static byte[] joinLines(List<List<byte[]>> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (List<byte[]> line : lines) {
            line.forEach(out::writeBytes);
            out.write('\n');
        }
        return out.toByteArray();
    }
}
