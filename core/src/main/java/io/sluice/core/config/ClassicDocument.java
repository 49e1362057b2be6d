package io.sluice.core.config;

import java.util.List;
import java.util.Map;

/**
 * A classic configuration file with its includes expanded in place.
 *
 * @param sections  the SERVICE, INPUT, FILTER and OUTPUT sections in file order (other sections dropped)
 * @param variables the {@code @SET} variables of every file, the last one for a name winning
 */
public record ClassicDocument(List<ConfigSection> sections, Map<String, String> variables) {

    /** Copies the collections. */
    public ClassicDocument {
        sections = List.copyOf(sections);
        variables = Map.copyOf(variables);
    }
}
