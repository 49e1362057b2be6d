package io.sluice.core.plugin;

import io.sluice.api.FilterPlugin;
import io.sluice.api.InputPlugin;
import io.sluice.api.OutputPlugin;
import java.util.List;
import java.util.Optional;

/** The plugins available to this run, built-in and from {@code plugins/}, by kind and name. */
public interface PluginCatalog {

    /** The input plugin called {@code name} (case-insensitive). */
    Optional<LoadedPlugin<InputPlugin>> input(String name);

    /** The filter plugin called {@code name} (case-insensitive). */
    Optional<LoadedPlugin<FilterPlugin>> filter(String name);

    /** The output plugin called {@code name} (case-insensitive). */
    Optional<LoadedPlugin<OutputPlugin>> output(String name);

    /** Where plugins were looked for besides the built-ins: the plugin folders and {@code -e} paths. */
    default List<java.nio.file.Path> searched() {
        return List.of();
    }

    /** Every plugin, inputs first, then filters, then outputs, each kind sorted by name. */
    List<LoadedPlugin<?>> all();
}
