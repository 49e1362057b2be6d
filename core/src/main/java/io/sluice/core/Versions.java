package io.sluice.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions written into jars at build time, each read once. */
public final class Versions {

    /** sluice's own (core's) version. */
    public static final String CORE = read(Versions.class, "/io/sluice/core/sluice.properties");

    /** The version of the plugin-api jar actually on the class path. */
    public static final String PLUGIN_API = read(io.sluice.api.PluginFactory.class,
            "/io/sluice/api/plugin-api.properties");

    private Versions() {
    }

    private static String read(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
