package io.sluice.core.cli;

import io.sluice.api.OutputPlugin;
import io.sluice.api.PluginFactory;
import io.sluice.api.config.PropertyGroup;
import io.sluice.api.config.PropertySpec;
import io.sluice.core.config.CommonKeys;
import io.sluice.core.config.ConfigSection;
import io.sluice.core.config.PluginUrl;
import io.sluice.core.config.SectionKind;
import io.sluice.core.plugin.LoadedPlugin;
import io.sluice.core.plugin.PluginCatalog;
import io.sluice.core.plugin.PluginKind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Prints {@code sluice -h} and the property table of one plugin ({@code sluice -o NAME -h}). */
public final class HelpPrinter {

    private static final int OPTION_COLUMN = 24;
    private static final int LINE_WIDTH = 90;

    private HelpPrinter() {
    }

    /** The general help: usage, options, then every input, filter and output with its description. */
    public static void printUsage(PrintStream out, PluginCatalog catalog) {
        out.println("Usage: sluice [OPTION]");
        out.println();
        out.println("Available Options");
        for (CliOption option : CliOption.values()) {
            if (option.help() == null || option.help().startsWith("not supported")) {
                continue;
            }
            String flags = "-" + option.letter() + "  --" + option.longNames().get(0)
                    + (option.argument() == null ? "" : "=" + option.argument());
            out.println("  " + pad(flags, OPTION_COLUMN) + option.help());
        }
        for (PluginKind kind : PluginKind.values()) {
            out.println();
            out.println(capitalized(kind.label()) + "s");
            for (LoadedPlugin<?> plugin : catalog.all()) {
                if (plugin.kind() == kind) {
                    out.println("  " + pad(plugin.name(), 20) + plugin.factory().description());
                }
            }
        }
    }

    /**
     * The help of the plugin {@code section} declares ({@code -i NAME -h}).
     *
     * @throws UsageException {@code invalid <kind> plugin '<name>'} when the catalog has no such plugin
     */
    public static void printPluginHelp(PrintStream out, PluginCatalog catalog, ConfigSection section)
            throws UsageException {
        String given = section.first("name").map(e -> e.value()).orElse("");
        String name = PluginUrl.pluginName(given);
        PluginKind kind = section.kind() == SectionKind.INPUT ? PluginKind.INPUT
                : section.kind() == SectionKind.OUTPUT ? PluginKind.OUTPUT : PluginKind.FILTER;
        Optional<LoadedPlugin<?>> plugin = catalog.all().stream()
                .filter(p -> p.kind() == kind && p.name().equalsIgnoreCase(name)).findFirst();
        if (plugin.isEmpty()) {
            throw new UsageException("invalid " + kind.label() + " plugin '" + given + "'");
        }
        printPluginHelp(out, plugin.get());
    }

    /** The help of one plugin: description, then its properties by group with default and type. */
    public static void printPluginHelp(PrintStream out, LoadedPlugin<?> plugin) {
        PluginFactory factory = plugin.factory();
        out.println("HELP");
        out.println(factory.name() + " " + plugin.kind().label() + " plugin");
        out.println();
        out.println("DESCRIPTION");
        out.println(factory.description());
        List<PropertySpec> common = commonKeys(plugin);
        int width = 0;
        for (PropertySpec spec : common) {
            width = Math.max(width, spec.name().length());
        }
        for (PropertySpec spec : factory.properties()) {
            width = Math.max(width, spec.name().length());
        }
        printGroup(out, "GLOBAL_OPTIONS", common, width + 2);
        for (PropertyGroup group : PropertyGroup.values()) {
            List<PropertySpec> specs = factory.properties().stream().filter(s -> s.group() == group).toList();
            printGroup(out, group.name(), specs, width + 2);
        }
    }

    private static List<PropertySpec> commonKeys(LoadedPlugin<?> plugin) {
        if (plugin.kind() == PluginKind.INPUT) {
            return CommonKeys.INPUT;
        }
        if (plugin.kind() != PluginKind.OUTPUT) {
            return List.of();
        }
        List<PropertySpec> specs = new ArrayList<>();
        int workers = ((OutputPlugin) plugin.factory()).defaultWorkers();
        for (PropertySpec spec : CommonKeys.OUTPUT) {
            specs.add(spec.name().equals("workers") ? new PropertySpec(spec.name(), spec.type(),
                    Integer.toString(Math.max(1, workers)), spec.description(), false, List.of(), null) : spec);
        }
        return specs;
    }

    private static void printGroup(PrintStream out, String title, List<PropertySpec> specs, int width) {
        if (specs.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        for (PropertySpec spec : specs) {
            List<String> description = wrap(spec.description(), Math.max(20, LINE_WIDTH - width));
            out.println(pad(spec.name(), width) + description.get(0));
            description.subList(1, description.size()).forEach(line -> out.println(pad("", width) + line));
            String type = spec.type().label() + (spec.multiple() ? " (multiple)" : "");
            out.println(pad("", width) + "> " + (spec.defaultValue() == null ? "" : "default: "
                    + spec.defaultValue() + ", ") + "type: " + type);
        }
    }

    /** {@code text} cut at spaces into lines of at most {@code width} characters (longer words stay whole). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    private static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
