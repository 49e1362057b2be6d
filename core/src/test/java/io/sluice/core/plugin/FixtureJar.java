package io.sluice.core.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Builds real jars at test time: compiles Java sources against the test class path and packs them. */
final class FixtureJar {

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

    /** Compiles against these jars too (a library the plugin uses but does not bundle). */
    FixtureJar compileAgainst(Path jar) {
        extraClassPath.add(jar);
        return this;
    }

    /** Writes the jar to {@code target} and returns it. */
    Path writeTo(Path target) throws IOException {
        Path work = Files.createTempDirectory("sluice-fixture");
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
            StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
            extraClassPath.forEach(p -> cp.append(java.io.File.pathSeparator).append(p));
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", cp.toString(),
                    "--release", "17", "-nowarn"));
            args.addAll(files);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int rc = javac.run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("fixture sources did not compile");
            }
        }
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(p));
                    jar.closeEntry();
                }
            }
            for (Map.Entry<String, String> e : resources.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        deleteTree(work);
        return target;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Java source of an input plugin factory called {@code name} whose description is {@code descriptionExpr}. */
    static String inputFactory(String pkg, String className, String name, String descriptionExpr) {
        return "package " + pkg + ";\n"
                + "public class " + className + " implements io.sluice.api.InputPlugin {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String description() { return " + descriptionExpr + "; }\n"
                + "  public java.util.List<io.sluice.api.config.PropertySpec> properties() { return java.util.List.of(); }\n"
                + "  public io.sluice.api.Input create(io.sluice.api.InputContext c) { throw new IllegalStateException(); }\n"
                + "}\n";
    }
}
