package io.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.SluiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher, as a user runs it. */
class LauncherIT {

    private static final Duration QUICK = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void versionWorksFromAnotherDirectoryThroughASymlink() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("sluice"), SluiceProcess.DIST.resolve("bin/sluice"));
        Path elsewhere = Files.createDirectories(tmp.resolve("somewhere/else"));

        try (SluiceProcess p = SluiceProcess.start(link, elsewhere, Map.of(), "-V")) {
            assertThat(p.waitForExit(QUICK)).isZero();
            assertThat(p.stdout()).anySatisfy(l -> assertThat(l).startsWith("sluice v"));
            assertThat(p.stdout()).anySatisfy(l -> assertThat(l).startsWith("plugin-api v"));
            assertThat(p.stdout()).anySatisfy(l -> assertThat(l).contains("websocket", "sluice-output-websocket-"));
            assertThat(p.stdout()).anySatisfy(l -> assertThat(l).contains("tcp", "sluice-input-tcp-"));
            assertThat(p.stdout()).anySatisfy(l -> assertThat(l).contains("cpu", "sluice-input-cpu-"));
        }
    }

    @Test
    void removingThePluginJarRemovesThePluginAndPuttingItBackRestoresIt() throws Exception {
        Path copy = copyDistribution();
        Path jar;
        try (Stream<Path> files = Files.list(copy.resolve("plugins"))) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("sluice-output-websocket-"))
                    .findFirst().orElseThrow();
        }
        Path aside = Files.move(jar, tmp.resolve(jar.getFileName()));

        assertThat(outputsListedByHelp(copy)).doesNotContain("websocket");

        Files.move(aside, jar);
        assertThat(outputsListedByHelp(copy)).contains("websocket");
    }

    private static String outputsListedByHelp(Path dist) throws Exception {
        try (SluiceProcess p = SluiceProcess.start(dist.resolve("bin/sluice"), dist, Map.of(), "-h")) {
            assertThat(p.waitForExit(QUICK)).isZero();
            String all = String.join("\n", p.stdout());
            return all.substring(all.indexOf("Outputs"));
        }
    }

    @Test
    void unknownOptionExitsOneWithAOneLineReason() throws Exception {
        try (SluiceProcess p = SluiceProcess.start("--no-such-flag")) {
            assertThat(p.waitForExit(QUICK)).isEqualTo(1);
            assertThat(p.stderr()).hasSize(1).first().asString().contains("--no-such-flag");
        }
    }

    @Test
    void unknownPluginHelpExitsOne() throws Exception {
        try (SluiceProcess p = SluiceProcess.start("-o", "nope", "-h")) {
            assertThat(p.waitForExit(QUICK)).isEqualTo(1);
            assertThat(String.join("\n", p.stderr())).contains("invalid output plugin 'nope'");
        }
    }

    @Test
    void aMissingPluginNamedByUrlIsNamedAloneWithThePluginsFoundAndWhereTheyWereLookedFor() throws Exception {
        try (SluiceProcess p = SluiceProcess.start("-i", "nosuch://127.0.0.1:80", "-o", "null")) {
            assertThat(p.waitForExit(QUICK)).as(p.tail()).isEqualTo(1);
            String err = String.join("\n", p.stderr());
            assertThat(err).contains("'nosuch'").doesNotContain("nosuch://");
            assertThat(err).as("the input plugins found").contains("cpu", "dummy", "tcp");
            assertThat(err).as("where they were looked for")
                    .contains(SluiceProcess.DIST.resolve("plugins").toString());
        }
    }

    @Test
    void aPortAlreadyInUseIsAStartFailureExiting255WithAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ClassicConfig config = ClassicConfig.quick();
            config.addTcpInput().set("Port", port);
            config.addOutput("null").set("Match", "*");
            Path conf = config.writeTo(tmp.resolve("taken.conf"));
            try (SluiceProcess p = SluiceProcess.start("-c", conf.toString())) {
                assertThat(p.waitForExit(QUICK)).as(p.tail()).isEqualTo(255);
                assertThat(p.stderr()).as(p.tail()).anySatisfy(l -> assertThat(l).contains("[error]", "tcp.0",
                        "failed to start", "127.0.0.1:" + port, "Address already in use"));
            }
        }
    }

    @Test
    void pluginHelpListsDeclaredProperties() throws Exception {
        try (SluiceProcess p = SluiceProcess.start("-o", "websocket", "-h")) {
            assertThat(p.waitForExit(QUICK)).isZero();
            String all = String.join("\n", p.stdout());
            assertThat(all).contains("HELP", "websocket output plugin", "DESCRIPTION", "OPTIONS", "header", "format");
        }
    }

    @Test
    void missingJavaIsSaidClearly() throws Exception {
        try (SluiceProcess p = SluiceProcess.start(SluiceProcess.DIST.resolve("bin/sluice"), tmp,
                Map.of("JAVA_HOME", tmp.resolve("no-jdk-here").toString()), "-V")) {
            assertThat(p.waitForExit(QUICK)).isEqualTo(1);
            assertThat(String.join("\n", p.stderr())).contains("JAVA_HOME", "Java 17");
        }
    }

    @Test
    void javaOlderThan17IsRefused() throws Exception {
        Path jdk = Files.createDirectories(tmp.resolve("old-jdk/bin"));
        Path java = Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.2\"' >&2\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Files.writeString(jdk.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");

        try (SluiceProcess p = SluiceProcess.start(SluiceProcess.DIST.resolve("bin/sluice"), tmp,
                Map.of("JAVA_HOME", jdk.getParent().toString()), "-V")) {
            assertThat(p.waitForExit(QUICK)).isEqualTo(1);
            assertThat(String.join("\n", p.stderr())).contains("Java 17 or newer is required", "11.0.2");
        }
    }

    @Test
    void bundledDefaultConfigurationPrintsCpuRecordsAndStopsCleanly() throws Exception {
        try (SluiceProcess p = SluiceProcess.start("-c", "conf/sluice.conf")) {
            p.awaitStdout(l -> l.contains("cpu.local") && l.contains("\"cpu_p\"=>"), Duration.ofSeconds(20));
            p.terminate();
            assertThat(p.waitForExit(QUICK)).isZero();
            assertThat(p.stderr()).anySatisfy(l -> assertThat(l).contains("[engine] service has stopped"));
        }
    }

    @Test
    void dummyToStdoutAsJsonLines() throws Exception {
        try (SluiceProcess p = SluiceProcess.start("-i", "dummy", "-o", "stdout", "-p", "format=json_lines",
                "-f", "0.2")) {
            String line = p.awaitStdout(l -> l.startsWith("{\"date\":"), Duration.ofSeconds(20));
            assertThat(line).endsWith(",\"message\":\"dummy\"}");
            p.terminate();
            assertThat(p.waitForExit(QUICK)).isZero();
        }
    }

    @Test
    void configurationErrorNamesFileLineAndKeyAndExitsOne() throws Exception {
        Path conf = Files.writeString(tmp.resolve("bad.conf"),
                "[INPUT]\n    Name dummy\n\n[OUTPUT]\n    Name stdout\n    Match *\n    Colour red\n");
        try (SluiceProcess p = SluiceProcess.start("-c", conf.toString())) {
            assertThat(p.waitForExit(QUICK)).isEqualTo(1);
            assertThat(String.join("\n", p.stderr())).contains(conf + ":7", "'colour'");
        }
    }

    @Test
    void dryRunValidatesWithoutStarting() throws Exception {
        try (SluiceProcess p = SluiceProcess.start("--dry-run", "-c", "conf/sluice.conf")) {
            assertThat(p.waitForExit(QUICK)).isZero();
            assertThat(p.stderr()).anySatisfy(l -> assertThat(l).contains("configuration test is successful"));
        }
    }

    private Path copyDistribution() throws IOException {
        Path target = tmp.resolve("dist");
        try (Stream<Path> walk = Files.walk(SluiceProcess.DIST)) {
            for (Path source : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path dest = target.resolve(SluiceProcess.DIST.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }
}
