package io.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The assembled layout: what is where, and that plugins bundle nothing that must come from core. */
class DistributionLayoutIT {

    private static final Path DIST = Path.of(System.getProperty("sluice.dist", "target/sluice"));
    /** What core supplies to every plugin: a plugin bundling it would carry a copy that is never used. */
    private static final List<String> CONTRACT = List.of("io/sluice/api/", "org/slf4j/");

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void layoutHasLauncherLibrariesPluginsAndDefaultConfig() throws IOException {
        assertThat(DIST.resolve("bin/sluice")).isExecutable();
        assertThat(DIST.resolve("conf/sluice.conf")).isRegularFile();
        assertThat(DIST.resolve("conf/sluice.yaml")).isRegularFile();
        assertThat(DIST.resolve("conf/sluice.service")).isRegularFile();
        assertThat(DIST.resolve("LICENSE")).isRegularFile();
        assertThat(DIST.resolve("README.md")).isRegularFile();
        assertThat(names(DIST.resolve("lib"))).anyMatch(n -> n.startsWith("sluice-core-"))
                .anyMatch(n -> n.startsWith("sluice-plugin-api-")).anyMatch(n -> n.startsWith("logback-classic-"));
        assertThat(names(DIST.resolve("plugins"))).hasSize(4)
                .anyMatch(n -> n.startsWith("sluice-filter-basic-"))
                .anyMatch(n -> n.startsWith("sluice-input-tcp-"))
                .anyMatch(n -> n.startsWith("sluice-input-cpu-"))
                .anyMatch(n -> n.startsWith("sluice-output-websocket-"));
        assertThat(DIST.resolveSibling("sluice.tar.gz")).isRegularFile();
    }

    /**
     * The systemd unit, installed as its comment says (distribution in /opt/sluice): its commands name files of the
     * distribution, its pre-start check passes on the bundled configuration, and systemd accepts it where systemd's
     * verifier is installed.
     */
    @Test
    void theSystemdUnitRunsTheDistributionAndChecksTheConfigurationFirst() throws Exception {
        String unit = Files.readString(DIST.resolve("conf/sluice.service"));
        assertThat(unit).contains("Type=simple", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure",
                "StateDirectory=sluice", "SuccessExitStatus=143");
        String here = unit.replace("/opt/sluice", DIST.toAbsolutePath().toString());
        String check = here.lines().filter(l -> l.startsWith("ExecStartPre=")).findFirst().orElseThrow()
                .substring("ExecStartPre=".length());
        assertThat(here.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow())
                .contains(DIST.toAbsolutePath().resolve("bin/sluice").toString());
        Process dryRun = new ProcessBuilder(check.split(" ")).redirectErrorStream(true).start();
        String output = new String(dryRun.getInputStream().readAllBytes());
        assertThat(dryRun.waitFor()).as(output).isZero();
        assertThat(output).contains("configuration test is successful");

        Path verifier = Path.of("/usr/bin/systemd-analyze");
        if (Files.isExecutable(verifier)) {
            Path copy = Files.createTempDirectory("unit").resolve("sluice.service");
            Files.writeString(copy, here);
            Process verify = new ProcessBuilder(verifier.toString(), "verify", copy.toString())
                    .redirectErrorStream(true).start();
            String said = new String(verify.getInputStream().readAllBytes());
            assertThat(verify.waitFor()).as(said).isZero();
            assertThat(said).doesNotContain("Unknown key", "Invalid", "Failed");
        }
    }

    @Test
    void javaWebSocketLivesOnlyInsideTheWebsocketPlugin() throws IOException {
        assertThat(names(DIST.resolve("lib"))).noneMatch(n -> n.toLowerCase().contains("websocket"));
        Path plugin = Files.list(DIST.resolve("plugins"))
                .filter(p -> p.getFileName().toString().startsWith("sluice-output-websocket-")).findFirst().orElseThrow();
        try (JarFile jar = new JarFile(plugin.toFile())) {
            assertThat(jar.getEntry("org/java_websocket/client/WebSocketClient.class")).isNotNull();
        }
    }

    @Test
    void noPluginJarBundlesTheContractAndEachBundlesThePluginSupportItUses() throws IOException {
        List<String> offending = new ArrayList<>();
        for (String name : names(DIST.resolve("plugins"))) {
            try (JarFile jar = new JarFile(DIST.resolve("plugins").resolve(name).toFile())) {
                for (var entry : Collections.list(jar.entries())) {
                    if (CONTRACT.stream().anyMatch(entry.getName()::startsWith) && !entry.isDirectory()) {
                        offending.add(name + "!" + entry.getName());
                    }
                }
            }
        }
        assertThat(offending).as("plugin jars must not bundle plugin-api or slf4j").isEmpty();
        for (String name : names(DIST.resolve("plugins"))) {
            try (JarFile jar = new JarFile(DIST.resolve("plugins").resolve(name).toFile())) {
                assertThat(jar.getEntry("io/sluice/support/event/EventBuffer.class")).as(name).isNotNull();
            }
        }
    }

    @Test
    void everyPluginJarDeclaresItsNameVersionAndApiVersion() throws IOException {
        for (String name : names(DIST.resolve("plugins"))) {
            try (JarFile jar = new JarFile(DIST.resolve("plugins").resolve(name).toFile())) {
                var attributes = jar.getManifest().getMainAttributes();
                assertThat(attributes.getValue("Sluice-Plugin-Name")).as(name).isNotBlank();
                assertThat(attributes.getValue("Sluice-Plugin-Version")).as(name).isNotBlank();
                assertThat(attributes.getValue("Sluice-Plugin-Api-Version")).as(name).matches("\\d+\\.\\d+\\.\\d+");
            }
        }
    }
}
