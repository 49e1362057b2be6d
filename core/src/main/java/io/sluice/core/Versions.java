package io.sluice.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** sluice's own version, written into the jar at build time. */
final class Versions {

    private Versions() {
    }

    static String core() {
        try (InputStream in = Versions.class.getResourceAsStream("/io/sluice/core/sluice.properties")) {
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
