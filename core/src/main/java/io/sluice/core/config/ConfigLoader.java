package io.sluice.core.config;

import io.sluice.core.cli.CommandLine;
import io.sluice.core.plugin.PluginCatalog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a command line and its {@code -c} file into a validated {@link PipelineConfig}: sections declared on the
 * command line come first, {@code [SERVICE]} values from the file win over the command line's, and the environment's
 * {@code SLUICE_LOG_LEVEL} or {@code FLB_LOG_LEVEL} beats both.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger("config");

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
        return new ConfigLoader(System.getenv(), ConfigLoader::localHostName, LOG::warn).read(commandLine, catalog);
    }

    /** The validated configuration of {@code commandLine} and its {@code -c} file. */
    public PipelineConfig read(CommandLine commandLine, PluginCatalog catalog) throws ConfigException {
        commandLine.warnings().forEach(warnings);
        Path baseDir = commandLine.workdir() == null ? Path.of("") : commandLine.workdir();
        List<ConfigSection> sections = new ArrayList<>(commandLine.sections());
        Map<String, String> setVariables = Map.of();
        if (commandLine.configFile() != null) {
            ClassicDocument document = readFile(commandLine.configFile(), baseDir);
            sections.addAll(document.sections());
            setVariables = document.variables();
        }
        VariableExpander expander = new VariableExpander(setVariables, environment, hostName, warnings);
        ServiceSettingsReader service = new ServiceSettingsReader(warnings);
        if (commandLine.logLevel() != null) {
            service.logLevel(commandLine.logLevel());
        }
        for (ConfigEntry entry : commandLine.serviceEntries()) {
            service.apply(expand(entry, expander));
        }
        List<ConfigSection> plugins = new ArrayList<>();
        for (ConfigSection section : sections) {
            ConfigSection expanded = expand(section, expander);
            if (section.kind() == SectionKind.SERVICE) {
                for (ConfigEntry entry : expanded.entries()) {
                    service.apply(entry);
                }
            } else {
                plugins.add(expanded);
            }
        }
        applyEnvironmentLogLevel(service);
        return new PipelineAssembler(new InstanceReader(catalog, warnings), warnings).assemble(service.build(),
                plugins);
    }

    private ClassicDocument readFile(String file, Path baseDir) throws ConfigException {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            throw new ConfigException(new Origin(file, 0), null,
                    "YAML configuration is not supported; use the classic format");
        }
        return ClassicConfigReader.read(file, baseDir, warnings);
    }

    private void applyEnvironmentLogLevel(ServiceSettingsReader service) throws ConfigException {
        for (String variable : List.of("FLB_LOG_LEVEL", "SLUICE_LOG_LEVEL")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                service.logLevel(LogLevels.parse(value, new Origin("environment", 0), variable));
            }
        }
    }

    private static ConfigSection expand(ConfigSection section, VariableExpander expander) {
        return new ConfigSection(section.kind(),
                section.entries().stream().map(e -> expand(e, expander)).toList(), section.origin());
    }

    private static ConfigEntry expand(ConfigEntry entry, VariableExpander expander) {
        return new ConfigEntry(entry.key(), expander.expand(entry.value()).trim(), entry.origin());
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
