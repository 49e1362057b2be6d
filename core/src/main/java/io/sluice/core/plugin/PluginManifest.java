package io.sluice.core.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What a plugin jar's manifest says about it, read before any of its classes is loaded.
 *
 * @param name       {@code Sluice-Plugin-Name}
 * @param version    {@code Sluice-Plugin-Version}
 * @param apiVersion {@code Sluice-Plugin-Api-Version}
 */
public record PluginManifest(String name, String version, String apiVersion) {

    static final String NAME = "Sluice-Plugin-Name";
    static final String VERSION = "Sluice-Plugin-Version";
    static final String API_VERSION = "Sluice-Plugin-Api-Version";

    /**
     * Reads {@code jar}'s manifest; empty fields where attributes are missing.
     *
     * @throws IOException when the file is not a readable jar
     */
    public static PluginManifest read(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            return new PluginManifest(value(main, NAME), value(main, VERSION), value(main, API_VERSION));
        }
    }

    private static String value(Attributes attributes, String key) {
        String v = attributes.getValue(key);
        return v == null ? "" : v.trim();
    }

    /** Whether the jar declares itself a sluice plugin. */
    public boolean isPlugin() {
        return !name.isEmpty();
    }
}
