package io.sluice.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Creates the instances grouped by type (inputs, then filters, then outputs, each in declaration order), numbers them
 * as upstream does, and applies the routing defaults: a lone input and output without a match get {@code Match *}.
 */
final class PipelineAssembler {

    private final InstanceReader reader;
    private final Consumer<String> warnings;

    PipelineAssembler(InstanceReader reader, Consumer<String> warnings) {
        this.reader = reader;
        this.warnings = warnings;
    }

    PipelineConfig assemble(ServiceSettings service, List<ConfigSection> sections) throws ConfigException {
        List<InputDefinition> inputs = new ArrayList<>();
        List<FilterDefinition> filters = new ArrayList<>();
        List<OutputDefinition> outputs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigSection section : ofKind(sections, SectionKind.INPUT)) {
            InputDefinition input = reader.input(section, inputs.size(), service);
            requireUnique(names, input.instanceName(), section);
            inputs.add(input);
        }
        int filterId = 0;
        for (ConfigSection section : ofKind(sections, SectionKind.FILTER)) {
            var filter = reader.filter(section, filterId++);
            if (filter.isPresent()) {
                requireUnique(names, filter.get().instanceName(), section);
                filters.add(filter.get());
            }
        }
        for (ConfigSection section : ofKind(sections, SectionKind.OUTPUT)) {
            OutputDefinition output = reader.output(section, outputs.size());
            requireUnique(names, output.instanceName(), section);
            outputs.add(output);
        }
        if (inputs.size() == 1 && outputs.size() == 1 && unmatched(outputs.get(0))) {
            outputs.set(0, outputs.get(0).withMatch("*"));
        }
        for (OutputDefinition output : outputs) {
            if (unmatched(output)) {
                warnings.accept("[router] NO match for " + output.instanceName() + " output instance");
            }
        }
        return new PipelineConfig(service, inputs, filters, outputs);
    }

    private static boolean unmatched(OutputDefinition output) {
        return output.match() == null && output.matchRegex() == null;
    }

    private static void requireUnique(Set<String> names, String name, ConfigSection section) throws ConfigException {
        if (!names.add(name)) {
            throw new ConfigException(section.origin(), "alias", "instance name '" + name + "' is used twice");
        }
    }

    private static List<ConfigSection> ofKind(List<ConfigSection> sections, SectionKind kind) {
        return sections.stream().filter(s -> s.kind() == kind).toList();
    }
}
