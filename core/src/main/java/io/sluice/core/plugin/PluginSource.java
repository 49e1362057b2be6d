package io.sluice.core.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where one plugin lives: a self-contained jar, or a folder holding the plugin jar and its {@code lib/*.jar}.
 *
 * @param path the jar or the folder, as found
 * @param jars every jar of the plugin, the plugin jar among them
 */
public record PluginSource(Path path, List<Path> jars) {

    /** Copies the list. */
    public PluginSource {
        jars = List.copyOf(jars);
    }

    /** The sources in a {@code plugins/} folder: each {@code *.jar} and each sub-folder, sorted by name. */
    public static List<PluginSource> inDirectory(Path dir) throws IOException {
        List<PluginSource> sources = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                if (Files.isDirectory(entry)) {
                    sources.add(ofFolder(entry));
                } else if (entry.getFileName().toString().endsWith(".jar")) {
                    sources.add(new PluginSource(entry, List.of(entry)));
                }
            }
        }
        return sources;
    }

    /** The source named by {@code -e}: a jar, or a plugin folder. */
    public static PluginSource of(Path path) throws IOException {
        return Files.isDirectory(path) ? ofFolder(path) : new PluginSource(path, List.of(path));
    }

    private static PluginSource ofFolder(Path folder) throws IOException {
        List<Path> jars = new ArrayList<>(jarsIn(folder));
        Path lib = folder.resolve("lib");
        if (Files.isDirectory(lib)) {
            jars.addAll(jarsIn(lib));
        }
        return new PluginSource(folder, jars);
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }
}
