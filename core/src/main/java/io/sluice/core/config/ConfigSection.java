package io.sluice.core.config;

import java.util.List;
import java.util.Optional;

/**
 * A section from a file or from the command line ({@code -i}, {@code -F}, {@code -o} each open one).
 *
 * @param kind    service, input, filter or output
 * @param entries its entries in the order written, repeated keys included
 * @param origin  where its header (or its {@code -i}/{@code -o} option) was
 */
public record ConfigSection(SectionKind kind, List<ConfigEntry> entries, Origin origin) {

    /** Copies the entries. */
    public ConfigSection {
        entries = List.copyOf(entries);
    }

    /** The first entry for {@code key} (lower case). */
    public Optional<ConfigEntry> first(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }
}
