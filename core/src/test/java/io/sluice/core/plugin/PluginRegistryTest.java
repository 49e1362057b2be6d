package io.sluice.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    private static final ApiVersion API = ApiVersion.parse("1.0.0");

    @TempDir
    Path plugins;

    private PluginRegistry load(Path... extra) {
        return PluginRegistry.load(API, getClass().getClassLoader(), List.of(plugins), List.of(extra));
    }

    private Path goodPlugin(String name, Path target) throws Exception {
        return FixtureJar.plugin(name, "2.3.4", "1.0.0")
                .source("fixture." + name + ".Factory", FixtureJar.inputFactory("fixture." + name, "Factory", name,
                        "\"the " + name + " input\""))
                .service(InputPlugin.class, "fixture." + name + ".Factory")
                .writeTo(target);
    }

    @Test
    void discoversAnExternalPluginJarWithItsManifestVersions() throws Exception {
        Path jar = goodPlugin("alpha", plugins.resolve("alpha.jar"));

        PluginRegistry registry = load();

        LoadedPlugin<InputPlugin> alpha = registry.input("ALPHA").orElseThrow();
        assertThat(alpha.factory().description()).isEqualTo("the alpha input");
        assertThat(alpha.version()).isEqualTo("2.3.4");
        assertThat(alpha.apiVersion()).isEqualTo("1.0.0");
        assertThat(alpha.source()).isEqualTo(jar);
        assertThat(alpha.factory().getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.table()).anySatisfy(line -> assertThat(line).contains("input:alpha", "2.3.4", jar.toString()));
    }

    @Test
    void loadsAPluginFolderWithItsLibraries() throws Exception {
        Path folder = Files.createDirectories(plugins.resolve("beta"));
        Path lib = new FixtureJar().source("fixture.lib.Greeting",
                "package fixture.lib; public class Greeting { public static String text() { return \"from lib\"; } }")
                .writeTo(Files.createDirectories(folder.resolve("lib")).resolve("greeting.jar"));
        FixtureJar.plugin("beta", "1.0.0", "1.0.0").compileAgainst(lib)
                .source("fixture.beta.Factory", FixtureJar.inputFactory("fixture.beta", "Factory", "beta",
                        "fixture.lib.Greeting.text()"))
                .service(InputPlugin.class, "fixture.beta.Factory")
                .writeTo(folder.resolve("beta.jar"));

        PluginRegistry registry = load();

        assertThat(registry.problems()).isEmpty();
        assertThat(registry.input("beta").orElseThrow().factory().description()).isEqualTo("from lib");
    }

    @Test
    void twoPluginsSeeTheirOwnVersionOfTheSameLibrary() throws Exception {
        for (String v : List.of("1", "2")) {
            Path folder = Files.createDirectories(plugins.resolve("p" + v));
            Path lib = new FixtureJar().source("fixture.lib.Greeting",
                    "package fixture.lib; public class Greeting { public static String text() { return \"lib v" + v
                            + "\"; } }")
                    .writeTo(Files.createDirectories(folder.resolve("lib")).resolve("greeting-" + v + ".jar"));
            FixtureJar.plugin("p" + v, "1.0.0", "1.0.0").compileAgainst(lib)
                    .source("fixture.p" + v + ".Factory", FixtureJar.inputFactory("fixture.p" + v, "Factory", "p" + v,
                            "fixture.lib.Greeting.text()"))
                    .service(InputPlugin.class, "fixture.p" + v + ".Factory")
                    .writeTo(folder.resolve("p" + v + ".jar"));
        }

        PluginRegistry registry = load();

        assertThat(registry.input("p1").orElseThrow().factory().description()).isEqualTo("lib v1");
        assertThat(registry.input("p2").orElseThrow().factory().description()).isEqualTo("lib v2");
    }

    @Test
    void corruptJarIsReportedByNameAndTheRestStillLoad() throws Exception {
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5});
        goodPlugin("alpha", plugins.resolve("alpha.jar"));

        PluginRegistry registry = load();

        assertThat(registry.input("alpha")).isPresent();
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source().getFileName().toString()).isEqualTo("broken.jar");
            assertThat(p.reason()).contains("not a readable jar");
        });
    }

    @Test
    void jarWithoutServiceEntryIsSkipped() throws Exception {
        FixtureJar.plugin("gamma", "1.0.0", "1.0.0")
                .source("fixture.gamma.Factory", FixtureJar.inputFactory("fixture.gamma", "Factory", "gamma", "\"g\""))
                .writeTo(plugins.resolve("gamma.jar"));

        PluginRegistry registry = load();

        assertThat(registry.input("gamma")).isEmpty();
        assertThat(registry.problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("declares no plugin", "META-INF/services"));
    }

    @Test
    void jarWithoutPluginManifestIsSkipped() throws Exception {
        new FixtureJar().source("fixture.plain.Thing", "package fixture.plain; public class Thing {}")
                .writeTo(plugins.resolve("plain.jar"));

        assertThat(load().problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("Sluice-Plugin-Name"));
    }

    @Test
    void duplicatePluginNameIsReportedWithBothPaths() throws Exception {
        Path first = goodPlugin("alpha", plugins.resolve("a-first.jar"));
        Path second = goodPlugin("alpha", plugins.resolve("b-second.jar"));

        PluginRegistry registry = load();

        assertThat(registry.input("alpha").orElseThrow().source()).isEqualTo(first);
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(second);
            assertThat(p.reason()).contains("duplicate", "'alpha'", first.toString());
        });
    }

    @Test
    void pluginBuiltAgainstANewerApiIsRefused() throws Exception {
        FixtureJar.plugin("future", "9.0.0", "1.7.0")
                .source("fixture.future.Factory", FixtureJar.inputFactory("fixture.future", "Factory", "future", "\"f\""))
                .service(InputPlugin.class, "fixture.future.Factory")
                .writeTo(plugins.resolve("future.jar"));
        FixtureJar.plugin("nextmajor", "9.0.0", "2.0.0")
                .source("fixture.nm.Factory", FixtureJar.inputFactory("fixture.nm", "Factory", "nextmajor", "\"f\""))
                .service(InputPlugin.class, "fixture.nm.Factory")
                .writeTo(plugins.resolve("nextmajor.jar"));

        PluginRegistry registry = load();

        assertThat(registry.input("future")).isEmpty();
        assertThat(registry.input("nextmajor")).isEmpty();
        assertThat(registry.problems()).hasSize(2)
                .allSatisfy(p -> assertThat(p.reason()).contains("needs plugin-api", "carries 1.0"));
    }

    @Test
    void failingStaticInitialiserIsReportedWithAHint() throws Exception {
        FixtureJar.plugin("boom", "1.0.0", "1.0.0")
                .source("fixture.boom.Factory", "package fixture.boom;\n"
                        + "public class Factory implements io.sluice.api.OutputPlugin {\n"
                        + "  static { if (true) throw new IllegalStateException(\"kaboom\"); }\n"
                        + "  public String name() { return \"boom\"; }\n"
                        + "  public String description() { return \"b\"; }\n"
                        + "  public java.util.List<io.sluice.api.config.PropertySpec> properties() { return java.util.List.of(); }\n"
                        + "  public io.sluice.api.Output create(io.sluice.api.OutputContext c) { return null; }\n"
                        + "}\n")
                .service(OutputPlugin.class, "fixture.boom.Factory")
                .writeTo(plugins.resolve("boom.jar"));

        PluginRegistry registry = load();

        assertThat(registry.output("boom")).isEmpty();
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source().getFileName().toString()).isEqualTo("boom.jar");
            assertThat(p.reason()).contains("kaboom");
        });
    }

    @Test
    void extraPathFromTheCommandLineIsLoadedAndAMissingOneReported() throws Exception {
        Path elsewhere = Files.createTempDirectory(plugins.getParent(), "elsewhere");
        Path jar = goodPlugin("delta", elsewhere.resolve("delta.jar"));

        PluginRegistry registry = load(jar, elsewhere.resolve("missing.jar"));

        assertThat(registry.input("delta")).isPresent();
        assertThat(registry.problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("does not exist"));
    }

    @Test
    void apiAndLoggingPackagesComeFromTheParentEverythingElseFromThePlugin() {
        assertThat(PluginClassLoader.isParentFirst("io.sluice.api.Input")).isTrue();
        assertThat(PluginClassLoader.isParentFirst("org/slf4j/Logger.class")).isTrue();
        assertThat(PluginClassLoader.isParentFirst("org.msgpack.core.MessagePack")).isTrue();
        assertThat(PluginClassLoader.isParentFirst("com.fasterxml.jackson.core.JsonParser")).isFalse();
        assertThat(PluginClassLoader.isParentFirst("org.java_websocket.client.WebSocketClient")).isFalse();
        assertThat(PluginClassLoader.isParentFirst("io.sluice.core.Main")).isFalse();
    }
}
