package io.sluice.core.cli;

import io.sluice.api.OutputPlugin;
import io.sluice.api.config.PropertyGroup;
import io.sluice.api.config.Property;
import io.sluice.core.config.PropertyValues;
import io.sluice.core.plugin.PluginFailure;
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
            String flags = (option.letter() == '\0' ? "    --" : "-" + option.letter() + "  --")
                    + option.longNames().get(0)
                    + (option.argument() == null ? "" : "=" + option.argument());
            out.println("  " + pad(flags, OPTION_COLUMN) + option.help());
        }
        for (PluginKind kind : PluginKind.values()) {
            out.println();
            out.println(capitalized(kind.label()) + "s");
            for (LoadedPlugin<?> plugin : catalog.all()) {
                if (plugin.kind() == kind) {
                    out.println("  " + pad(plugin.name(), 20) + plugin.description());
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

    /** The help of one plugin: description, then its properties by group with default, type and range. */
    public static void printPluginHelp(PrintStream out, LoadedPlugin<?> plugin) {
        out.println("HELP");
        out.println(plugin.name() + " " + plugin.kind().label() + " plugin");
        out.println();
        out.println("DESCRIPTION");
        out.println(plugin.description());
        List<Property<?>> common = commonKeys(plugin);
        int width = 0;
        for (Property<?> spec : common) {
            width = Math.max(width, spec.name().length());
        }
        for (Property<?> spec : plugin.properties()) {
            width = Math.max(width, spec.name().length());
        }
        printGroup(out, "GLOBAL_OPTIONS", common, width + 2);
        for (PropertyGroup group : PropertyGroup.values()) {
            List<Property<?>> specs = plugin.properties().stream().filter(s -> s.group() == group).toList();
            printGroup(out, group.name(), specs, width + 2);
        }
    }

    private static List<Property<?>> commonKeys(LoadedPlugin<?> plugin) {
        return switch (plugin.kind()) {
            case INPUT -> CommonKeys.INPUT;
            case FILTER -> CommonKeys.FILTER;
            case OUTPUT -> {
                List<Property<?>> specs = new ArrayList<>();
                String workers;
                try {
                    @SuppressWarnings("unchecked")
                    LoadedPlugin<OutputPlugin> output = (LoadedPlugin<OutputPlugin>) plugin;
                    workers = Integer.toString(CommonKeys.defaultWorkers(output));
                } catch (PluginFailure e) {
                    workers = "(" + plugin.name() + " failed to say: " + e.getMessage() + ")";
                }
                for (Property<?> spec : CommonKeys.OUTPUT) {
                    specs.add(spec == CommonKeys.WORKERS ? CommonKeys.WORKERS.withDefault(workers) : spec);
                }
                yield specs;
            }
        };
    }

    private static void printGroup(PrintStream out, String title, List<Property<?>> specs, int width) {
        if (specs.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        for (Property<?> spec : specs) {
            List<String> description = wrap(spec.description(), Math.max(20, LINE_WIDTH - width));
            out.println(pad(spec.name(), width) + description.get(0));
            description.subList(1, description.size()).forEach(line -> out.println(pad("", width) + line));
            out.println(pad("", width) + "> " + details(spec));
        }
    }

    /** {@code default: 5170, type: integer, range: 0 to 65535, …}: what the declaration says about a value. */
    static String details(Property<?> spec) {
        StringBuilder sb = new StringBuilder();
        if (spec.defaultValue() != null) {
            sb.append("default: ").append(spec.isSecret() ? "<secret>" : shown(spec)).append(", ");
        }
        sb.append("type: ").append(spec.type().label());
        switch (spec.type()) {
            case INTEGER, SIZE, TIME, DOUBLE -> {
                String range = PropertyValues.describeRange(spec);
                if (range.contains(" ")) {
                    sb.append(", accepts: ").append(range);
                }
            }
            case CHOICE -> sb.append(", one of: ").append(String.join(", ", spec.choices()));
            default -> { }
        }
        if (spec.isRepeatable()) {
            sb.append(", repeatable");
        }
        if (spec.isRequired()) {
            sb.append(", required");
        }
        if (spec.isSecret()) {
            sb.append(", secret");
        }
        if (spec.replacedBy() != null) {
            sb.append(", deprecated: use ").append(spec.replacedBy());
        }
        return sb.toString();
    }

    /** A boolean default as {@code on}/{@code off} whichever way the plugin wrote it; other defaults as written. */
    private static String shown(Property<?> spec) {
        if (spec.type() == io.sluice.api.config.PropertyType.BOOLEAN) {
            return PropertyValues.parseBoolean(spec.defaultValue()) ? "on" : "off";
        }
        return spec.defaultValue();
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
