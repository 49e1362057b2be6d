package io.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.SluiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Writing one" promises a complete input, filter and output against plugin-api 2.0: this compiles the three
 * examples from the README itself against the distribution's jars, packs them as a plugin folder with plugin-support
 * in its {@code lib/}, and runs them through the launcher.
 */
class WritingAPluginIT {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(package example;.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void theReadmeExamplesCompileLoadAndRunThroughTheLauncher() throws Exception {
        Path plugin = buildExamplePlugin();

        try (SluiceProcess p = SluiceProcess.start("-e", plugin.toString(), "-H", "-P", "0", "-f", "0.2",
                "-i", "heartbeat", "-p", "interval=1", "-F", "sample", "-p", "every=2", "-m", "*",
                "-o", "counter", "-m", "*")) {
            MonitoringApi api = new MonitoringApi(p.httpPort());
            await().atMost(Duration.ofSeconds(30)).until(() -> api.filter("sample.0", "records") >= 4);

            assertThat(api.filter("sample.0", "drop_records")).isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> api.outputPlugin("counter.0", "counted_records") >= 2);
            assertThat(p.logLinesWith("records tagged heartbeat.0")).isNotEmpty();
            p.terminate();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isZero();
        }
    }

    private Path buildExamplePlugin() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = JAVA_BLOCK.matcher(readme);
        Path src = Files.createDirectories(tmp.resolve("src/example"));
        List<String> classes = new ArrayList<>();
        while (m.find()) {
            String code = m.group(1);
            String name = code.replaceAll("(?s).*public final class (\\w+).*", "$1");
            Files.writeString(src.resolve(name + ".java"), code);
            classes.add(name);
        }
        assertThat(classes).containsExactly("HeartbeatPlugin", "SamplePlugin", "CounterPlugin");

        Path out = Files.createDirectories(tmp.resolve("classes"));
        String classPath;
        try (Stream<Path> jars = Files.list(SluiceProcess.DIST.resolve("lib"))) {
            classPath = jars.map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classPath, "--release", "17"));
        classes.forEach(c -> args.add(src.resolve(c + ".java").toString()));
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("README examples compile").isZero();

        Path folder = Files.createDirectories(tmp.resolve("example"));
        Path lib = Files.createDirectories(folder.resolve("lib"));
        try (Stream<Path> jars = Files.list(SluiceProcess.DIST.resolve("lib"))) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().matches(
                    "(sluice-plugin-support|msgpack-core)-.*\\.jar")).toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Sluice-Plugin-Name", "example");
        main.putValue("Sluice-Plugin-Version", "1.0.0");
        main.putValue("Sluice-Plugin-Api-Version", "2.0.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(folder.resolve("example.jar")),
                manifest)) {
            for (String c : classes) {
                try (Stream<Path> files = Files.list(out.resolve("example"))) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith(c)).toList()) {
                        add(jar, "example/" + f.getFileName(), Files.readAllBytes(f));
                    }
                }
            }
            add(jar, "META-INF/services/io.sluice.api.InputPlugin", "example.HeartbeatPlugin\n".getBytes());
            add(jar, "META-INF/services/io.sluice.api.FilterPlugin", "example.SamplePlugin\n".getBytes());
            add(jar, "META-INF/services/io.sluice.api.OutputPlugin", "example.CounterPlugin\n".getBytes());
        }
        return folder;
    }

    private static void add(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }
}
