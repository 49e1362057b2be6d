package io.sluice.core.config;

import io.sluice.core.cli.CommandLine;
import io.sluice.core.plugin.PluginCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a command line and its {@code -c} file into a validated {@link PipelineConfig}: sections declared on the
 * command line come first, {@code [SERVICE]} values from the file win over the command line's, and the environment's
 * {@code SLUICE_LOG_LEVEL} or {@code FLB_LOG_LEVEL} beats both.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger("config");
    /** A line such as {@code service:} or {@code env: {A: 1}} (a word in column 0 and a colon), or {@code ---}. */
    private static final Pattern YAML_LIKE_LINE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*:(\\s.*)?|---\\s*");

    private final Map<String, String> environment;
    private final Supplier<String> hostName;
    private final Consumer<String> warnings;

    /** A loader reading variables from {@code environment}, reporting what it ignores or fixes to {@code warnings}. */
    public ConfigLoader(Map<String, String> environment, String hostName, Consumer<String> warnings) {
        this(environment, () -> hostName, warnings);
    }

    private ConfigLoader(Map<String, String> environment, Supplier<String> hostName, Consumer<String> warnings) {
        this.environment = Map.copyOf(environment);
        this.hostName = hostName;
        this.warnings = warnings;
    }

    /** Loads with the process's environment and host name, logging warnings. */
    public static PipelineConfig load(CommandLine commandLine, PluginCatalog catalog) throws ConfigException {
        return new ConfigLoader(System.getenv(), ConfigLoader::localHostName, ConfigLoader::warn).read(commandLine,
                catalog);
    }

    /** The validated configuration of {@code commandLine} and its {@code -c} file. */
    public PipelineConfig read(CommandLine commandLine, PluginCatalog catalog) throws ConfigException {
        commandLine.warnings().forEach(warnings);
        Path baseDir = commandLine.workdir() == null ? Path.of("") : commandLine.workdir();
        ClassicDocument document = new ClassicDocument(List.of(), Map.of());
        if (commandLine.configFile() != null) {
            document = readFile(commandLine.configFile(), baseDir);
        }
        VariableExpander expander = new VariableExpander(document.variables(), environment, hostName, warnings);
        ServiceSettingsReader service = new ServiceSettingsReader(warnings);
        if (commandLine.logLevel() != null) {
            service.logLevel(commandLine.logLevel());
        }
        for (ConfigEntry entry : commandLine.serviceEntries()) {
            service.apply(expand(entry, expander, true));
        }
        List<ConfigSection> plugins = new ArrayList<>();
        apply(commandLine.sections(), expander, true, service, plugins);
        // quoted YAML scalars are kept verbatim, so YAML values are not trimmed once expanded either
        boolean trim = commandLine.configFile() == null || !YamlConfigReader.isYaml(commandLine.configFile());
        apply(document.sections(), expander, trim, service, plugins);
        applyEnvironmentLogLevel(service);
        return new PipelineAssembler(new InstanceReader(catalog, warnings), warnings).assemble(service.build(),
                plugins);
    }

    /** SERVICE entries onto {@code service}, the other sections, expanded, onto {@code plugins}. */
    private static void apply(List<ConfigSection> sections, VariableExpander expander, boolean trim,
                              ServiceSettingsReader service, List<ConfigSection> plugins) throws ConfigException {
        for (ConfigSection section : sections) {
            ConfigSection expanded = expand(section, expander, trim);
            if (section.kind() == SectionKind.SERVICE) {
                for (ConfigEntry entry : expanded.entries()) {
                    service.apply(entry);
                }
            } else {
                plugins.add(expanded);
            }
        }
    }

    /** The format is chosen by the extension only, as Fluent Bit does; the content is never sniffed. */
    private ClassicDocument readFile(String file, Path baseDir) throws ConfigException {
        if (YamlConfigReader.isYaml(file)) {
            return YamlConfigReader.read(file, baseDir, warnings);
        }
        try {
            return ClassicConfigReader.read(file, baseDir, warnings);
        } catch (ConfigException e) {
            throw withYamlHint(e, file, baseDir);
        }
    }

    /**
     * A classic file that fails on its first line, or on the first after comments, where that line reads like
     * {@code service:} or {@code ---}, is most likely YAML: say so.
     */
    private static ConfigException withYamlHint(ConfigException e, String file, Path baseDir) {
        if (!e.origin().file().equals(file) || e.origin().line() < 1) {
            return e;
        }
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(baseDir.resolve(file)), StandardCharsets.UTF_8).lines()
                    .limit(e.origin().line()).toList();
        } catch (IOException | RuntimeException ignored) {
            return e;
        }
        if (lines.size() < e.origin().line()
                || !lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.isBlank() || l.startsWith("#"))
                || !YAML_LIKE_LINE.matcher(lines.get(lines.size() - 1)).matches()) {
            return e;
        }
        ConfigException hinted = new ConfigException(e.origin(), e.key(),
                e.getMessage() + "\n[config] hint: this looks like YAML; use a .yaml extension");
        hinted.initCause(e);
        return hinted;
    }

    private void applyEnvironmentLogLevel(ServiceSettingsReader service) throws ConfigException {
        for (String variable : List.of("FLB_LOG_LEVEL", "SLUICE_LOG_LEVEL")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                service.logLevel(LogLevels.parse(value, new Origin("environment", 0), variable));
            }
        }
    }

    private static ConfigSection expand(ConfigSection section, VariableExpander expander, boolean trim) {
        return new ConfigSection(section.kind(),
                section.entries().stream().map(e -> expand(e, expander, trim)).toList(), section.origin());
    }

    private static ConfigEntry expand(ConfigEntry entry, VariableExpander expander, boolean trim) {
        String value = expander.expand(entry.value());
        return new ConfigEntry(entry.key(), trim ? value.trim() : value, entry.origin());
    }

    /**
     * Logs a configuration warning under the component it names ({@code [router] …} goes to the router's logger),
     * so the prefix is not doubled by the logger's own name.
     */
    private static void warn(String line) {
        if (line.startsWith("[")) {
            int end = line.indexOf("] ");
            if (end > 1 && end < 40) {
                LoggerFactory.getLogger(line.substring(1, end)).warn(line.substring(end + 2));
                return;
            }
        }
        LOG.warn(line);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
