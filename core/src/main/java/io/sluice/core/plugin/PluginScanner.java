package io.sluice.core.plugin;

import io.sluice.api.PluginFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Loads the plugins of one {@link PluginSource} in their own {@link PluginClassLoader}, checking the manifest first.
 * A broken source is reported as a {@link PluginProblem} and skipped; it never stops the scan.
 */
public final class PluginScanner {

    private final ApiVersion coreApi;
    private final ClassLoader parent;

    /** A scanner for a core that carries plugin-api {@code coreApi}, loading plugins under {@code parent}. */
    public PluginScanner(ApiVersion coreApi, ClassLoader parent) {
        this.coreApi = coreApi;
        this.parent = parent;
    }

    /** The outcome of scanning one source: its plugins, or the problem that made it skipped. */
    public record Result(List<LoadedPlugin<?>> plugins, PluginProblem problem) {
    }

    /** Loads every plugin {@code source} provides. */
    public Result scan(PluginSource source) {
        try {
            return new Result(load(source), null);
        } catch (SkipException e) {
            return new Result(List.of(), new PluginProblem(source.path(), e.getMessage()));
        }
    }

    private List<LoadedPlugin<?>> load(PluginSource source) throws SkipException {
        if (source.jars().isEmpty()) {
            throw new SkipException("holds no jar");
        }
        PluginManifest manifest = pluginManifest(source);
        ApiVersion wanted;
        try {
            wanted = ApiVersion.parse(manifest.apiVersion());
        } catch (IllegalArgumentException e) {
            throw new SkipException("its manifest has no valid " + PluginManifest.API_VERSION
                    + " (found '" + manifest.apiVersion() + "'): rebuild it with the sluice plugin parent");
        }
        if (wanted.major() < coreApi.major()) {
            throw new SkipException("was built for plugin-api " + manifest.apiVersion() + ", but this sluice carries "
                    + coreApi + ": rebuild it against sluice-plugin-api " + coreApi + " (README, 'Writing a plugin')"
                    + " or use a version of the plugin made for it");
        }
        if (!coreApi.accepts(wanted)) {
            throw new SkipException("needs plugin-api " + manifest.apiVersion() + ", but this sluice carries "
                    + coreApi + ": upgrade sluice or use a plugin version built for plugin-api " + coreApi);
        }
        PluginClassLoader loader = new PluginClassLoader(manifest.name(), urls(source), parent);
        List<LoadedPlugin<?>> found = new ArrayList<>();
        try {
            for (PluginKind kind : PluginKind.values()) {
                found.addAll(instantiate(kind, loader, manifest, source.path()));
            }
        } catch (SkipException e) {
            closeQuietly(loader);
            throw e;
        }
        if (found.isEmpty()) {
            closeQuietly(loader);
            throw new SkipException("declares no plugin: add META-INF/services/io.sluice.api.InputPlugin, "
                    + "OutputPlugin or FilterPlugin naming the factory class");
        }
        return found;
    }

    private PluginManifest pluginManifest(PluginSource source) throws SkipException {
        PluginManifest chosen = null;
        for (Path jar : source.jars()) {
            PluginManifest manifest;
            try {
                manifest = PluginManifest.read(jar);
            } catch (IOException | SecurityException e) {
                throw new SkipException(jar.getFileName() + " is not a readable jar (" + e.getMessage()
                        + "): replace it with an intact copy");
            }
            if (manifest.isPlugin()) {
                if (chosen != null) {
                    throw new SkipException("holds more than one plugin jar: one plugin per jar or folder");
                }
                chosen = manifest;
            }
        }
        if (chosen == null) {
            throw new SkipException("no jar has " + PluginManifest.NAME
                    + " in its manifest: not a sluice plugin (build it with the sluice plugin parent)");
        }
        return chosen;
    }

    private static URL[] urls(PluginSource source) {
        URL[] urls = new URL[source.jars().size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = source.jars().get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return urls;
    }

    private static List<LoadedPlugin<?>> instantiate(PluginKind kind, PluginClassLoader loader,
                                                     PluginManifest manifest, Path path) throws SkipException {
        List<LoadedPlugin<?>> found = new ArrayList<>();
        try {
            List<? extends PluginFactory> factories = Isolation.call(loader, () -> ServiceLoader
                    .load(kind.service(), loader).stream().filter(p -> p.type().getClassLoader() == loader)
                    .map(ServiceLoader.Provider::get).toList());
            for (PluginFactory factory : factories) {
                found.add(LoadedPlugin.describe(factory, kind, manifest.version(), manifest.apiVersion(), path,
                        loader));
            }
        } catch (PluginFailure failure) {
            throw skip(kind, failure.getCause());
        }
        return found;
    }

    private static SkipException skip(PluginKind kind, Throwable thrown) {
        if (thrown instanceof ServiceConfigurationError) {
            return new SkipException("cannot create its " + kind.label() + " factory: " + rootMessage(thrown)
                    + (causedBy(thrown, ExceptionInInitializerError.class) ? " (a static initialiser failed)"
                    : " (the factory needs a public no-argument constructor and every class it uses)"));
        }
        if (thrown instanceof LinkageError) {
            return new SkipException("a class failed to load or initialise: " + rootMessage(thrown)
                    + " (a dependency is missing from the jar, or a static initialiser failed)");
        }
        return new SkipException("its " + kind.label() + " factory failed: " + rootMessage(thrown));
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void closeQuietly(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // closing only releases file handles; nothing to report
        }
    }

    private static final class SkipException extends Exception {
        private static final long serialVersionUID = 1L;

        SkipException(String message) {
            super(message);
        }
    }
}
