package io.sluice.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.Input;
import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginException;
import io.sluice.core.cli.CommandLine;
import io.sluice.core.config.ConfigLoader;
import io.sluice.core.config.PipelineConfig;
import io.sluice.core.engine.Engine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plugin discovery and isolation against real jars, compiled and packed at test time by {@link FixtureJar} and
 * loaded by core's own scanner and {@link PluginClassLoader}; nothing is mocked.
 */
class PluginRegistryTest {

    private static final ApiVersion API = ApiVersion.parse(FixtureJar.API);

    /** Classes on the test (core's) class path that a plugin must not see. */
    private static final List<String> CORE_ONLY = List.of("io.sluice.core.Main", "ch.qos.logback.classic.Logger",
            "com.fasterxml.jackson.core.JsonFactory", "org.msgpack.core.MessagePack",
            "io.sluice.support.event.EventBuffer");

    @TempDir
    Path plugins;

    @TempDir
    Path elsewhere;

    /** The test thread's context class loader while a test runs: one no plugin loader can be mistaken for. */
    private final ClassLoader callers = new URLClassLoader("callers", new URL[0], getClass().getClassLoader());
    private ClassLoader original;

    @BeforeEach
    void useADistinctContextClassLoader() {
        original = contextLoader();
        Thread.currentThread().setContextClassLoader(callers);
    }

    /** Whatever a test did through core (loading, configuring, running plugins), the caller's loader is back. */
    @AfterEach
    void theCallersContextClassLoaderIsRestored() {
        ClassLoader after = contextLoader();
        Thread.currentThread().setContextClassLoader(original);
        assertThat(after).as("the test thread's context class loader after the test").isSameAs(callers);
    }

    private PluginRegistry load(Path... extra) {
        return PluginRegistry.load(API, getClass().getClassLoader(), List.of(plugins), List.of(extra));
    }

    private static Path goodPlugin(String name, Path target) throws Exception {
        return goodPlugin(name, "2.3.4", target);
    }

    /** An input plugin whose description says which version it is. */
    private static Path goodPlugin(String name, String version, Path target) throws Exception {
        return FixtureJar.plugin(name, version)
                .source("fixture." + name + ".Factory", FixtureJar.inputFactory("fixture." + name, "Factory", name,
                        "\"the " + name + " input v" + version + "\""))
                .service(InputPlugin.class, "fixture." + name + ".Factory")
                .writeTo(target);
    }

    /** Calls the public method {@code method} of a fixture factory, throwing what it threw. */
    private static Object invoke(Object target, String method, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception thrown) {
                        throw thrown;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + method);
    }

    private static ClassLoader contextLoader() {
        return Thread.currentThread().getContextClassLoader();
    }

    // ---------------------------------------------------------------------------------------------- discovery

    @Test
    void theTestsUseThePluginApiVersionCoreCarries() {
        assertThat(ApiVersion.carried()).isEqualTo(API);
        assertThat(API.major()).isEqualTo(2);
    }

    @Test
    void discoversAnExternalPluginJarWithItsManifestVersions() throws Exception {
        Path jar = goodPlugin("alpha", plugins.resolve("alpha.jar"));

        PluginRegistry registry = load();

        LoadedPlugin<InputPlugin> alpha = registry.input("ALPHA").orElseThrow();
        assertThat(alpha.name()).isEqualTo("alpha");
        assertThat(alpha.description()).isEqualTo("the alpha input v2.3.4");
        assertThat(alpha.factory().description()).isEqualTo("the alpha input v2.3.4");
        assertThat(alpha.properties()).extracting(p -> p.name() + "=" + p.defaultValue()).containsExactly("greeting=hi");
        assertThat(alpha.version()).isEqualTo("2.3.4");
        assertThat(alpha.apiVersion()).isEqualTo("2.0.0");
        assertThat(alpha.source()).isEqualTo(jar);
        assertThat(alpha.kind()).isEqualTo(PluginKind.INPUT);
        assertThat(alpha.factory().getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class)
                .isSameAs(alpha.loader());
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.table()).anySatisfy(line -> assertThat(line).contains("input:alpha", "2.3.4", "2.0.0",
                jar.toString()));
    }

    @Test
    void loadsAPluginFolderWithItsLibraries() throws Exception {
        Path folder = Files.createDirectories(plugins.resolve("beta"));
        Path lib = new FixtureJar().source("fixture.lib.Greeting",
                "package fixture.lib; public class Greeting { public static String text() { return \"from lib\"; } }")
                .writeTo(folder.resolve("lib").resolve("greeting.jar"));
        FixtureJar.plugin("beta", "1.0.0").compileAgainst(lib)
                .source("fixture.beta.Factory", FixtureJar.inputFactory("fixture.beta", "Factory", "beta",
                        "fixture.lib.Greeting.text()"))
                .service(InputPlugin.class, "fixture.beta.Factory")
                .writeTo(folder.resolve("beta.jar"));

        PluginRegistry registry = load();

        assertThat(registry.problems()).isEmpty();
        LoadedPlugin<InputPlugin> beta = registry.input("beta").orElseThrow();
        assertThat(beta.factory().description()).isEqualTo("from lib");
        assertThat(beta.source()).isEqualTo(folder);
    }

    @Test
    void twoPluginsSeeTheirOwnVersionOfTheSameLibrary() throws Exception {
        for (String v : List.of("1", "2")) {
            Path folder = Files.createDirectories(plugins.resolve("p" + v));
            Path lib = new FixtureJar().source("fixture.lib.Greeting",
                    "package fixture.lib; public class Greeting { public static String text() { return \"lib v" + v
                            + "\"; } }")
                    .writeTo(folder.resolve("lib").resolve("greeting-" + v + ".jar"));
            FixtureJar.plugin("p" + v, "1.0.0").compileAgainst(lib)
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
            assertThat(p.reason()).contains("broken.jar", "not a readable jar");
        });
    }

    @Test
    void jarWithoutServiceEntryIsSkipped() throws Exception {
        FixtureJar.plugin("gamma", "1.0.0")
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
    void jarWithoutPluginApiVersionIsSkipped() throws Exception {
        new FixtureJar().attribute("Sluice-Plugin-Name", "vague").attribute("Sluice-Plugin-Version", "1.0.0")
                .source("fixture.vague.Factory", FixtureJar.inputFactory("fixture.vague", "Factory", "vague", "\"v\""))
                .service(InputPlugin.class, "fixture.vague.Factory")
                .writeTo(plugins.resolve("vague.jar"));

        PluginRegistry registry = load();

        assertThat(registry.input("vague")).isEmpty();
        assertThat(registry.problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("Sluice-Plugin-Api-Version"));
    }

    // ------------------------------------------------------------------------------------- same name twice

    @ParameterizedTest(name = "newer jar first in path order: {0}")
    @ValueSource(booleans = {true, false})
    void theHigherPluginVersionWinsWhicheverJarComesFirst(boolean newerFirst) throws Exception {
        // 1.10.0 > 1.9.2 only when compared part by part as numbers, not as text.
        Path newer = goodPlugin("alpha", "1.10.0", plugins.resolve(newerFirst ? "a-alpha.jar" : "b-alpha.jar"));
        Path older = goodPlugin("alpha", "1.9.2", plugins.resolve(newerFirst ? "b-alpha.jar" : "a-alpha.jar"));

        PluginRegistry registry = load();

        LoadedPlugin<InputPlugin> alpha = registry.input("alpha").orElseThrow();
        assertThat(alpha.source()).isEqualTo(newer);
        assertThat(alpha.version()).isEqualTo("1.10.0");
        assertThat(alpha.factory().description()).isEqualTo("the alpha input v1.10.0");
        assertThat(registry.all()).filteredOn(p -> p.name().equals("alpha")).hasSize(1);
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(older);
            assertThat(p.reason()).contains("'alpha'", "1.9.2", "1.10.0", newer.toString());
        });
    }

    @Test
    void equalPluginVersionsKeepTheFirstJarInPathOrder() throws Exception {
        Path first = goodPlugin("alpha", "2.3.4", plugins.resolve("a-first.jar"));
        Path second = goodPlugin("alpha", "2.3.4", plugins.resolve("b-second.jar"));

        PluginRegistry registry = load();

        assertThat(registry.input("alpha").orElseThrow().source()).isEqualTo(first);
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(second);
            assertThat(p.reason()).contains("'alpha'", "2.3.4", first.toString());
        });
    }

    @Test
    void aPluginNamedLikeABuiltInIsSkippedWhateverItsVersion() throws Exception {
        Path jar = goodPlugin("dummy", "99.0.0", plugins.resolve("dummy.jar"));

        PluginRegistry registry = load();

        LoadedPlugin<InputPlugin> dummy = registry.input("dummy").orElseThrow();
        assertThat(dummy.source()).isNull();
        assertThat(dummy.origin()).isEqualTo("built-in");
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(jar);
            assertThat(p.reason()).contains("'dummy'", "built into sluice");
        });
    }

    // --------------------------------------------------------------------------------------- api versions

    @Test
    void pluginBuiltAgainstANewerApiIsRefused() throws Exception {
        FixtureJar.plugin("future", "9.0.0", "2.1.0")
                .source("fixture.future.Factory", FixtureJar.inputFactory("fixture.future", "Factory", "future", "\"f\""))
                .service(InputPlugin.class, "fixture.future.Factory")
                .writeTo(plugins.resolve("future.jar"));
        FixtureJar.plugin("nextmajor", "9.0.0", "3.0.0")
                .source("fixture.nm.Factory", FixtureJar.inputFactory("fixture.nm", "Factory", "nextmajor", "\"f\""))
                .service(InputPlugin.class, "fixture.nm.Factory")
                .writeTo(plugins.resolve("nextmajor.jar"));

        PluginRegistry registry = load();

        assertThat(registry.input("future")).isEmpty();
        assertThat(registry.input("nextmajor")).isEmpty();
        assertThat(registry.problems()).hasSize(2)
                .allSatisfy(p -> assertThat(p.reason()).contains("needs plugin-api", "carries 2.0"));
    }

    @Test
    void pluginBuiltForPluginApi1IsSkippedWithAHintToRebuildAgainstApi2() throws Exception {
        // The classes themselves would run: the manifest alone must refuse it, before any class is loaded.
        Path jar = FixtureJar.plugin("old", "1.4.0", "1.0.0")
                .source("fixture.old.Factory", FixtureJar.inputFactory("fixture.old", "Factory", "old", "\"o\""))
                .service(InputPlugin.class, "fixture.old.Factory")
                .writeTo(plugins.resolve("old.jar"));

        PluginRegistry registry = load();

        assertThat(registry.input("old")).isEmpty();
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(jar);
            assertThat(p.reason()).contains("plugin-api 1.0.0", "rebuild it against sluice-plugin-api 2.0");
        });
    }

    @Test
    void failingStaticInitialiserIsReportedWithAHint() throws Exception {
        FixtureJar.plugin("boom", "1.0.0")
                .source("fixture.boom.Factory", "package fixture.boom;\n"
                        + "public class Factory implements io.sluice.api.OutputPlugin {\n"
                        + "  static { if (true) throw new IllegalStateException(\"kaboom\"); }\n"
                        + "  public String name() { return \"boom\"; }\n"
                        + "  public String description() { return \"b\"; }\n"
                        + "  public java.util.List<io.sluice.api.config.Property<?>> properties() {\n"
                        + "    return java.util.List.of();\n"
                        + "  }\n"
                        + "  public io.sluice.api.Output create(io.sluice.api.OutputContext c) { return null; }\n"
                        + "}\n")
                .service(OutputPlugin.class, "fixture.boom.Factory")
                .writeTo(plugins.resolve("boom.jar"));

        PluginRegistry registry = load();

        assertThat(registry.output("boom")).isEmpty();
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source().getFileName().toString()).isEqualTo("boom.jar");
            assertThat(p.reason()).contains("kaboom", "static initialiser");
        });
    }

    @Test
    void extraPathFromTheCommandLineIsLoadedAndAMissingOneReported() throws Exception {
        Path jar = goodPlugin("delta", elsewhere.resolve("delta.jar"));
        Path missing = elsewhere.resolve("missing.jar");

        PluginRegistry registry = load(jar, missing);

        assertThat(registry.input("delta").orElseThrow().source()).isEqualTo(jar);
        assertThat(registry.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(missing);
            assertThat(p.reason()).isEqualTo("does not exist");
        });
    }

    // ------------------------------------------------------------------------------------------ isolation

    @Test
    void aPluginSeesTheJdkTheContractAndSlf4jButNoOtherClassOfCoresClassPath() throws Exception {
        FixtureJar.plugin("peek", "1.0.0")
                .source("fixture.peek.Factory", FixtureJar.inputFactory("fixture.peek", "Factory", "peek", "\"p\"",
                        "  public Class<?> probe(String className) throws ClassNotFoundException {\n"
                                + "    return Class.forName(className, false, getClass().getClassLoader());\n"
                                + "  }\n"))
                .service(InputPlugin.class, "fixture.peek.Factory")
                .writeTo(plugins.resolve("peek.jar"));

        InputPlugin peek = load().input("peek").orElseThrow().factory();

        for (String name : CORE_ONLY) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).as("%s on the test class path", name)
                    .isNotNull();
            assertThatThrownBy(() -> invoke(peek, "probe", name)).as("the plugin loading %s", name)
                    .isInstanceOf(ClassNotFoundException.class);
        }
        for (Class<?> shared : List.of(Input.class, org.slf4j.Logger.class, java.sql.Connection.class,
                io.sluice.api.config.Property.class)) {
            assertThat(invoke(peek, "probe", shared.getName())).as("the plugin loading %s", shared.getName())
                    .isSameAs(shared);
        }
    }

    @Test
    void aPluginSeesNoResourceOfCoresClassPathButItsOwn() throws Exception {
        Path jar = goodPlugin("alpha", plugins.resolve("alpha.jar"));

        ClassLoader loader = load().input("alpha").orElseThrow().loader();

        ClassLoader core = getClass().getClassLoader();
        for (String resource : List.of("io/sluice/core/Main.class", "org/msgpack/core/MessagePack.class",
                "io/sluice/core/sluice.properties")) {
            assertThat(core.getResource(resource)).as("%s on the test class path", resource).isNotNull();
            assertThat(loader.getResource(resource)).as("the plugin finding %s", resource).isNull();
        }
        assertThat(loader.getResource("io/sluice/api/Input.class")).isEqualTo(core.getResource(
                "io/sluice/api/Input.class"));
        // Core's own service files (its built-ins) are not the plugin's.
        List<URL> services = Collections.list(loader.getResources("META-INF/services/" + InputPlugin.class.getName()));
        assertThat(services).singleElement().satisfies(url -> assertThat(url.toString()).contains(jar.getFileName()
                .toString()));
    }

    @Test
    void aPluginBundlingItsOwnCopyOfThePluginApiAndSlf4jStillGetsCoresCopies() throws Exception {
        Path folder = plugins.resolve("shady");
        FixtureJar.copyJarOf(Input.class, folder.resolve("lib"));
        FixtureJar.copyJarOf(org.slf4j.Logger.class, folder.resolve("lib"));
        FixtureJar.plugin("shady", "1.0.0")
                .source("fixture.shady.Factory", FixtureJar.inputFactory("fixture.shady", "Factory", "shady", "\"s\"",
                        "  public Class<?> probe(String className) throws ClassNotFoundException {\n"
                                + "    return Class.forName(className, false, getClass().getClassLoader());\n"
                                + "  }\n"))
                .service(InputPlugin.class, "fixture.shady.Factory")
                .writeTo(folder.resolve("shady.jar"));

        PluginRegistry registry = load();

        assertThat(registry.problems()).isEmpty();
        InputPlugin shady = registry.input("shady").orElseThrow().factory();
        assertThat(invoke(shady, "probe", InputPlugin.class.getName())).isSameAs(InputPlugin.class);
        assertThat(invoke(shady, "probe", org.slf4j.Logger.class.getName())).isSameAs(org.slf4j.Logger.class);
    }

    @Test
    void aPluginFolderBundlingMsgpackUsesItsOwnCopyNotCores() throws Exception {
        Path folder = plugins.resolve("packer");
        Path msgpack = FixtureJar.copyJarOf(org.msgpack.core.MessagePack.class, folder.resolve("lib"));
        assertThat(msgpack.getFileName().toString()).startsWith("msgpack-core-").endsWith(".jar");
        FixtureJar.plugin("packer", "1.0.0").compileAgainst(msgpack)
                .source("fixture.packer.Factory", FixtureJar.inputFactory("fixture.packer", "Factory", "packer",
                        "roundTrip(\"hello\")",
                        "  static String roundTrip(String text) {\n"
                                + "    try (org.msgpack.core.MessageBufferPacker p ="
                                + " org.msgpack.core.MessagePack.newDefaultBufferPacker()) {\n"
                                + "      p.packString(text);\n"
                                + "      byte[] bytes = p.toByteArray();\n"
                                + "      try (org.msgpack.core.MessageUnpacker u ="
                                + " org.msgpack.core.MessagePack.newDefaultUnpacker(bytes)) {\n"
                                + "        return u.unpackString() + \" in \" + bytes.length + \" bytes\";\n"
                                + "      }\n"
                                + "    } catch (java.io.IOException e) {\n"
                                + "      throw new java.io.UncheckedIOException(e);\n"
                                + "    }\n"
                                + "  }\n"
                                + "  public Class<?> messagePack() { return org.msgpack.core.MessagePack.class; }\n"))
                .service(InputPlugin.class, "fixture.packer.Factory")
                .writeTo(folder.resolve("packer.jar"));

        PluginRegistry registry = load();

        assertThat(registry.problems()).isEmpty();
        LoadedPlugin<InputPlugin> packer = registry.input("packer").orElseThrow();
        assertThat(packer.description()).isEqualTo("hello in 6 bytes");
        Class<?> seen = (Class<?>) invoke(packer.factory(), "messagePack");
        assertThat(seen).isNotSameAs(org.msgpack.core.MessagePack.class);
        assertThat(seen.getClassLoader()).isSameAs(packer.loader()).isInstanceOf(PluginClassLoader.class);
        assertThat(seen.getProtectionDomain().getCodeSource().getLocation().toURI()).isEqualTo(msgpack.toUri());
    }

    @Test
    void twoPluginsBundlingDifferentSupportLibrariesEachSeeTheirOwn() throws Exception {
        for (String v : List.of("1.0", "1.1")) {
            String name = "support" + v.replace(".", "");
            Path folder = plugins.resolve(name);
            Path lib = new FixtureJar().source("io.sluice.support.Version", "package io.sluice.support;\n"
                            + "public final class Version { public static String get() { return \"" + v + "\"; } }\n")
                    .writeTo(folder.resolve("lib").resolve("sluice-plugin-support-" + v + ".jar"));
            // Both plugins use the same factory class name too: nothing is shared but the contract.
            FixtureJar.plugin(name, "1.0.0").compileAgainst(lib)
                    .source("fixture.support.Factory", FixtureJar.inputFactory("fixture.support", "Factory", name,
                            "\"sees support \" + io.sluice.support.Version.get()",
                            "  public Class<?> versionClass() { return io.sluice.support.Version.class; }\n"))
                    .service(InputPlugin.class, "fixture.support.Factory")
                    .writeTo(folder.resolve(name + ".jar"));
        }

        PluginRegistry registry = load();

        assertThat(registry.problems()).isEmpty();
        LoadedPlugin<InputPlugin> old = registry.input("support10").orElseThrow();
        LoadedPlugin<InputPlugin> current = registry.input("support11").orElseThrow();
        assertThat(old.description()).isEqualTo("sees support 1.0");
        assertThat(current.description()).isEqualTo("sees support 1.1");
        Class<?> oldVersion = (Class<?>) invoke(old.factory(), "versionClass");
        Class<?> currentVersion = (Class<?>) invoke(current.factory(), "versionClass");
        assertThat(oldVersion.getClassLoader()).isSameAs(old.loader());
        assertThat(currentVersion.getClassLoader()).isSameAs(current.loader());
        assertThat(oldVersion).isNotSameAs(currentVersion);
        assertThat(old.factory().getClass()).isNotSameAs(current.factory().getClass());
    }

    @Test
    void everyCallCoreMakesIntoAPluginRunsWithThePluginsLoaderAsContextClassLoader() throws Exception {
        FixtureJar.plugin("witness", "1.0.0")
                .source("fixture.witness.Factory", "package fixture.witness;\n"
                        + "import io.sluice.api.config.Property;\n"
                        + "import java.util.*;\n"
                        + "public class Factory implements io.sluice.api.InputPlugin {\n"
                        + "  public static final List<Map.Entry<String, ClassLoader>> SEEN =\n"
                        + "      Collections.synchronizedList(new ArrayList<>());\n"
                        + "  static final Property<String> GREETING =\n"
                        + "      Property.string(\"greeting\", \"what to say\").withDefault(\"hi\");\n"
                        + "  static void seen(String call) {\n"
                        + "    SEEN.add(new AbstractMap.SimpleEntry<>(call, Thread.currentThread().getContextClassLoader()));\n"
                        + "  }\n"
                        + "  public List<Map.Entry<String, ClassLoader>> seen() {\n"
                        + "    synchronized (SEEN) { return new ArrayList<>(SEEN); }\n"
                        + "  }\n"
                        + "  public String name() { seen(\"name\"); return \"witness\"; }\n"
                        + "  public String description() { seen(\"description\"); return \"records loaders\"; }\n"
                        + "  public String version() { seen(\"version\"); return \"1.0.0\"; }\n"
                        + "  public List<Property<?>> properties() { seen(\"properties\"); return List.of(GREETING); }\n"
                        + "  public void validate(io.sluice.api.config.PluginConfig config) { seen(\"validate\"); }\n"
                        + "  public io.sluice.api.Input create(io.sluice.api.InputContext context) {\n"
                        + "    seen(\"create\");\n"
                        + "    return new io.sluice.api.Input() {\n"
                        + "      public void start() { seen(\"start\"); }\n"
                        + "      public void pause() { seen(\"pause\"); }\n"
                        + "      public void resume() { seen(\"resume\"); }\n"
                        + "      public void stop() { seen(\"stop\"); }\n"
                        + "    };\n"
                        + "  }\n"
                        + "}\n")
                .service(InputPlugin.class, "fixture.witness.Factory")
                .writeTo(plugins.resolve("witness.jar"));

        PluginRegistry registry = load();
        assertThat(contextLoader()).as("after loading").isSameAs(callers);
        LoadedPlugin<InputPlugin> witness = registry.input("witness").orElseThrow();
        ClassLoader own = witness.factory().getClass().getClassLoader();
        assertThat(own).isInstanceOf(PluginClassLoader.class).isSameAs(witness.loader()).isNotSameAs(callers);

        // The way core runs it: configuration read and validated, then the engine creates, starts and stops it.
        PipelineConfig config = new ConfigLoader(Map.of(), "test-host", warning -> { })
                .read(CommandLine.parse("-i", "witness", "-p", "greeting=hello", "-o", "null"), registry);
        assertThat(contextLoader()).as("after reading the configuration").isSameAs(callers);
        Engine engine = new Engine(config);
        try {
            engine.start();
            assertThat(contextLoader()).as("after starting the engine").isSameAs(callers);
        } finally {
            engine.shutdown();
        }
        assertThat(contextLoader()).as("after shutting the engine down").isSameAs(callers);

        @SuppressWarnings("unchecked")
        List<Map.Entry<String, ClassLoader>> seen = (List<Map.Entry<String, ClassLoader>>) invoke(witness.factory(),
                "seen");
        assertThat(seen).extracting(Map.Entry::getKey)
                .contains("name", "description", "properties", "validate", "create", "start", "stop");
        assertThat(seen).allSatisfy(call -> assertThat(call.getValue())
                .as("context class loader in %s()", call.getKey()).isSameAs(own));
    }

    @Test
    void aPluginThatForgetsToBundleALibraryFailsWithAPluginFailureInsteadOfBorrowingCoresCopy() throws Exception {
        FixtureJar.plugin("forgetful", "1.0.0")
                .source("fixture.forgetful.Factory", "package fixture.forgetful;\n"
                        + "public class Factory implements io.sluice.api.InputPlugin {\n"
                        + "  public String name() { return \"forgetful\"; }\n"
                        + "  public String description() { return \"uses msgpack without bundling it\"; }\n"
                        + "  public java.util.List<io.sluice.api.config.Property<?>> properties() {\n"
                        + "    return java.util.List.of();\n"
                        + "  }\n"
                        + "  public io.sluice.api.Input create(io.sluice.api.InputContext c) {\n"
                        + "    org.msgpack.core.MessagePack.newDefaultBufferPacker();\n"
                        + "    return null;\n"
                        + "  }\n"
                        + "}\n")
                .service(InputPlugin.class, "fixture.forgetful.Factory")
                .writeTo(plugins.resolve("forgetful.jar"));
        LoadedPlugin<InputPlugin> forgetful = load().input("forgetful").orElseThrow();

        assertThatThrownBy(() -> forgetful.call(() -> forgetful.factory().create(null)))
                .isInstanceOf(PluginFailure.class)
                .hasMessageContaining("org/msgpack/core/MessagePack")
                .hasMessageContaining("a class is missing from the plugin jar")
                .cause().isInstanceOf(NoClassDefFoundError.class);
        assertThat(contextLoader()).isSameAs(callers);
    }

    @Test
    void aPluginExceptionComesBackAsPluginFailureInThePluginsOwnWords() throws Exception {
        FixtureJar.plugin("refuser", "1.0.0")
                .source("fixture.refuser.Factory", FixtureJar.inputFactory("fixture.refuser", "Factory", "refuser",
                        "\"r\"",
                        "  public io.sluice.api.Input refuse() throws io.sluice.api.PluginException {\n"
                                + "    throw new io.sluice.api.PluginException(\"port 5170 is in use: set Port\");\n"
                                + "  }\n"))
                .service(InputPlugin.class, "fixture.refuser.Factory")
                .writeTo(plugins.resolve("refuser.jar"));
        LoadedPlugin<InputPlugin> refuser = load().input("refuser").orElseThrow();

        assertThatThrownBy(() -> refuser.call(() -> invoke(refuser.factory(), "refuse")))
                .isInstanceOf(PluginFailure.class)
                .hasMessage("port 5170 is in use: set Port")
                .cause().isInstanceOf(PluginException.class);
        assertThatThrownBy(() -> refuser.call(() -> refuser.factory().create(null)))
                .isInstanceOf(PluginFailure.class)
                .hasMessageContaining("IllegalStateException")
                .cause().isInstanceOf(IllegalStateException.class);
        assertThat(contextLoader()).isSameAs(callers);
    }

    @Test
    void theContractAndLoggingComeFromCoreTheJdkFromTheJdkEverythingElseFromThePlugin() {
        assertThat(PluginClassLoader.isContract("io.sluice.api.Input")).isTrue();
        assertThat(PluginClassLoader.isContract("io.sluice.api.config.Property")).isTrue();
        assertThat(PluginClassLoader.isContract("org.slf4j.Logger")).isTrue();
        assertThat(PluginClassLoader.isContract("org.msgpack.core.MessagePack")).isFalse();
        assertThat(PluginClassLoader.isContract("io.sluice.support.event.EventBuffer")).isFalse();
        assertThat(PluginClassLoader.isContract("io.sluice.core.Main")).isFalse();
        assertThat(PluginClassLoader.isJdk("java.util.List")).isTrue();
        assertThat(PluginClassLoader.isJdk("javax.net.ssl.SSLContext")).isTrue();
        assertThat(PluginClassLoader.isJdk("javax.servlet.Servlet")).isFalse();
        assertThat(PluginClassLoader.isJdk("com.fasterxml.jackson.core.JsonParser")).isFalse();
    }
}
