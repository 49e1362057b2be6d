package io.sluice.core.plugin;

import io.sluice.api.FilterPlugin;
import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Every plugin of this run: core's built-ins, then the {@code plugins/} folder, then the {@code -e} paths. */
public final class PluginRegistry implements PluginCatalog {

    private final Map<String, LoadedPlugin<?>> byKey = new LinkedHashMap<>();
    private final List<PluginProblem> problems = new ArrayList<>();
    private final List<Path> searched = new ArrayList<>();

    private PluginRegistry() {
    }

    /**
     * Loads the built-ins from {@code coreLoader}, every source in {@code pluginDirs} that exists, and each of
     * {@code extraSources}. Problems are collected, never thrown.
     */
    public static PluginRegistry load(ApiVersion coreApi, ClassLoader coreLoader, List<Path> pluginDirs,
                                      List<Path> extraSources) {
        PluginRegistry registry = new PluginRegistry();
        registry.searched.addAll(pluginDirs);
        registry.searched.addAll(extraSources);
        registry.addBuiltIns(coreApi, coreLoader);
        PluginScanner scanner = new PluginScanner(coreApi, coreLoader);
        List<PluginSource> sources = new ArrayList<>();
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                sources.addAll(PluginSource.inDirectory(dir));
            } catch (IOException e) {
                registry.problems.add(new PluginProblem(dir, "cannot list the plugin folder: " + e.getMessage()));
            }
        }
        for (Path extra : extraSources) {
            if (!Files.exists(extra)) {
                registry.problems.add(new PluginProblem(extra, "does not exist"));
                continue;
            }
            try {
                sources.add(PluginSource.of(extra));
            } catch (IOException e) {
                registry.problems.add(new PluginProblem(extra, "cannot read it: " + e.getMessage()));
            }
        }
        for (PluginSource source : sources) {
            PluginScanner.Result result = scanner.scan(source);
            if (result.problem() != null) {
                registry.problems.add(result.problem());
            } else {
                registry.addAll(result.plugins(), source.path());
            }
        }
        return registry;
    }

    private void addBuiltIns(ApiVersion coreApi, ClassLoader coreLoader) {
        for (PluginKind kind : PluginKind.values()) {
            for (ServiceLoader.Provider<? extends PluginFactory> provider
                    : ServiceLoader.load(kind.service(), coreLoader).stream().toList()) {
                if (provider.type().getClassLoader() != coreLoader) {
                    continue;
                }
                try {
                    LoadedPlugin<?> plugin = LoadedPlugin.describe(provider.get(), kind, null, coreApi + ".0", null,
                            coreLoader);
                    byKey.putIfAbsent(key(kind, plugin.name()), plugin);
                } catch (PluginFailure e) {
                    throw new IllegalStateException("built-in plugin " + provider.type() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Adds the plugins of one source, all or none. A name already taken by another source: the higher version wins
     * (the other source is reported as a problem naming both versions, and its loader is closed when none of its
     * plugins is left); equal versions keep the first found, in path order; a built-in's name is never taken.
     */
    private void addAll(List<LoadedPlugin<?>> plugins, Path source) {
        List<LoadedPlugin<?>> replaced = new ArrayList<>();
        for (LoadedPlugin<?> plugin : plugins) {
            LoadedPlugin<?> existing = byKey.get(key(plugin.kind(), plugin.name()));
            if (existing == null) {
                continue;
            }
            String what = plugin.kind().label() + " plugin '" + plugin.name() + "'";
            if (existing.source() == null) {
                problems.add(new PluginProblem(source, what + " is built into sluice; this source is skipped"));
                close(plugins);
                return;
            }
            if (PluginVersion.compare(plugin.version(), existing.version()) <= 0) {
                problems.add(new PluginProblem(source, what + " v" + plugin.version() + " is skipped: v"
                        + existing.version() + " from " + existing.origin() + " is used (the highest version wins)"));
                close(plugins);
                return;
            }
            replaced.add(existing);
        }
        for (LoadedPlugin<?> old : replaced) {
            problems.add(new PluginProblem(old.source(), old.kind().label() + " plugin '" + old.name() + "' v"
                    + old.version() + " is skipped: v" + versionOf(plugins, old) + " from " + source
                    + " is used (the highest version wins)"));
            byKey.remove(key(old.kind(), old.name()));
        }
        for (LoadedPlugin<?> plugin : plugins) {
            byKey.put(key(plugin.kind(), plugin.name()), plugin);
        }
        for (LoadedPlugin<?> old : replaced) {
            if (byKey.values().stream().noneMatch(p -> p.loader() == old.loader())) {
                close(List.of(old));
            }
        }
    }

    private static String versionOf(List<LoadedPlugin<?>> plugins, LoadedPlugin<?> old) {
        return plugins.stream().filter(p -> p.kind() == old.kind() && p.name().equals(old.name())).findFirst()
                .map(LoadedPlugin::version).orElse("?");
    }

    private static void close(List<LoadedPlugin<?>> plugins) {
        for (LoadedPlugin<?> p : plugins) {
            if (p.loader() instanceof PluginClassLoader loader) {
                try {
                    loader.close();
                } catch (java.io.IOException ignored) {
                    // closing only releases file handles
                }
            }
        }
    }

    private static String key(PluginKind kind, String name) {
        return kind.name() + ":" + name.toLowerCase(Locale.ROOT);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<LoadedPlugin<InputPlugin>> input(String name) {
        return Optional.ofNullable((LoadedPlugin<InputPlugin>) byKey.get(key(PluginKind.INPUT, name)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<LoadedPlugin<OutputPlugin>> output(String name) {
        return Optional.ofNullable((LoadedPlugin<OutputPlugin>) byKey.get(key(PluginKind.OUTPUT, name)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<LoadedPlugin<FilterPlugin>> filter(String name) {
        return Optional.ofNullable((LoadedPlugin<FilterPlugin>) byKey.get(key(PluginKind.FILTER, name)));
    }

    @Override
    public List<LoadedPlugin<?>> all() {
        List<LoadedPlugin<?>> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.<LoadedPlugin<?>, PluginKind>comparing(LoadedPlugin::kind)
                .thenComparing(LoadedPlugin::name));
        return all;
    }

    /** Closes the jars of this registry's plugins whose loader is not in {@code inUse} (a reload's leftovers). */
    public void close(java.util.Set<ClassLoader> inUse) {
        for (LoadedPlugin<?> p : byKey.values()) {
            if (!inUse.contains(p.loader()) && p.loader() instanceof PluginClassLoader loader) {
                try {
                    loader.close();
                } catch (java.io.IOException ignored) {
                    // closing only releases file handles
                }
            }
        }
    }

    /** Whether a plugin of this registry has its loader in {@code inUse}. */
    public boolean uses(java.util.Set<ClassLoader> inUse) {
        return byKey.values().stream().anyMatch(p -> p.source() != null && inUse.contains(p.loader()));
    }

    @Override
    public List<Path> searched() {
        return List.copyOf(searched);
    }

    /** The sources that were skipped, with the reason each was. */
    public List<PluginProblem> problems() {
        return List.copyOf(problems);
    }

    /** The start-up table: one line per plugin with kind, name, version, plugin-api version and path. */
    public List<String> table() {
        List<LoadedPlugin<?>> all = all();
        int nameWidth = all.stream().mapToInt(p -> p.kind().label().length() + 1 + p.name().length()).max()
                .orElse(6);
        int versionWidth = all.stream().mapToInt(p -> p.version().length()).max().orElse(7);
        int apiWidth = all.stream().mapToInt(p -> p.apiVersion().length()).max().orElse(3);
        String format = "%-" + Math.max(6, nameWidth) + "s  %-" + Math.max(7, versionWidth) + "s  %-"
                + Math.max(3, apiWidth) + "s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "plugin", "version", "api", "path"));
        for (LoadedPlugin<?> p : all) {
            lines.add(String.format(format, p.kind().label() + ":" + p.name(), p.version(), p.apiVersion(),
                    p.origin()));
        }
        return lines;
    }
}
