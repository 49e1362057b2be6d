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
