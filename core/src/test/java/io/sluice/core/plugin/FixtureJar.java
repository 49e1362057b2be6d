package io.sluice.core.plugin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real jars at test time: compiles Java sources with javac against the test class path (plus any
 * {@link #compileAgainst} jars) and packs them with a manifest and resources. The class path is only what the
 * sources compile against; what a plugin sees at run time is decided by core's {@link PluginClassLoader}.
 */
final class FixtureJar {

    /** The plugin-api version the core under test carries. */
    static final String API = "2.0.0";

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final Manifest manifest = new Manifest();
    private final List<Path> extraClassPath = new ArrayList<>();

    FixtureJar() {
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    }

    /** A plugin jar's manifest as the plugin parent writes it. */
    static FixtureJar plugin(String name, String version, String apiVersion) {
        return new FixtureJar().attribute("Sluice-Plugin-Name", name).attribute("Sluice-Plugin-Version", version)
                .attribute("Sluice-Plugin-Api-Version", apiVersion).attribute("Implementation-Version", version);
    }

    /** A plugin jar for the plugin-api under test. */
    static FixtureJar plugin(String name, String version) {
        return plugin(name, version, API);
    }

    FixtureJar attribute(String key, String value) {
        manifest.getMainAttributes().putValue(key, value);
        return this;
    }

    FixtureJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    FixtureJar resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    FixtureJar service(Class<?> service, String implementation) {
        return resource("META-INF/services/" + service.getName(), implementation + "\n");
    }

    /** Compiles against these jars too (a library the plugin uses, bundled or not). */
    FixtureJar compileAgainst(Path jar) {
        extraClassPath.add(jar);
        return this;
    }

    /** Writes the jar to {@code target} (creating its folder) and returns it. */
    Path writeTo(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path work = Files.createTempDirectory("sluice-fixture");
        try {
            Path src = Files.createDirectories(work.resolve("src"));
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                files.add(file.toString());
            }
            if (!files.isEmpty()) {
                compile(classes, files);
            }
            try (OutputStream out = Files.newOutputStream(target);
                 JarOutputStream jar = new JarOutputStream(out, manifest)) {
                addTree(jar, classes);
                for (Map.Entry<String, String> e : resources.entrySet()) {
                    jar.putNextEntry(new JarEntry(e.getKey()));
                    jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    jar.closeEntry();
                }
            }
        } finally {
            deleteTree(work);
        }
        return target;
    }

    private void compile(Path classes, List<String> files) {
        // Extra jars first: a library class the fixture is built against must not be shadowed by the test class path.
        StringBuilder cp = new StringBuilder();
        extraClassPath.forEach(p -> cp.append(p).append(java.io.File.pathSeparator));
        cp.append(System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", cp.toString(),
                "--release", "17", "-nowarn", "-proc:none"));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        if (javac.run(null, messages, messages, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("fixture sources did not compile:\n"
                    + messages.toString(StandardCharsets.UTF_8));
        }
    }

    private static void addTree(JarOutputStream jar, Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(p));
                jar.closeEntry();
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Copies the jar {@code type} was loaded from (on the test class path) into {@code folder}, keeping its file name;
     * when it came from a classes folder (a reactor build), packs that folder into a jar instead.
     */
    static Path copyJarOf(Class<?> type, Path folder) throws IOException {
        Path location;
        try {
            location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Files.createDirectories(folder);
        if (Files.isRegularFile(location)) {
            return Files.copy(location, folder.resolve(location.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path target = folder.resolve(type.getSimpleName() + "-classes.jar");
        Manifest plain = new Manifest();
        plain.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(out, plain)) {
            addTree(jar, location);
        }
        return target;
    }

    /** Java source of an input plugin factory called {@code name} whose description is {@code descriptionExpr}. */
    static String inputFactory(String pkg, String className, String name, String descriptionExpr) {
        return inputFactory(pkg, className, name, descriptionExpr, "");
    }

    /** The same, with {@code members} (methods, fields) added to the class. */
    static String inputFactory(String pkg, String className, String name, String descriptionExpr, String members) {
        return "package " + pkg + ";\n"
                + "public class " + className + " implements io.sluice.api.InputPlugin {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String description() { return " + descriptionExpr + "; }\n"
                + "  public java.util.List<io.sluice.api.config.Property<?>> properties() {\n"
                + "    return java.util.List.of(io.sluice.api.config.Property.string(\"greeting\", \"what to say\")"
                + ".withDefault(\"hi\"));\n"
                + "  }\n"
                + "  public io.sluice.api.Input create(io.sluice.api.InputContext c) { throw new IllegalStateException(); }\n"
                + members
                + "}\n";
    }
}
