package io.sluice.core.config;

import java.util.Locale;
import java.util.Optional;

/** The section types sluice interprets; other headers are ignored. */
public enum SectionKind {
    SERVICE,
    INPUT,
    FILTER,
    OUTPUT;

    /** The kind named by a header's text, compared case-insensitively on the full name (not a prefix). */
    public static Optional<SectionKind> fromHeader(String header) {
        String upper = header.trim().toUpperCase(Locale.ROOT);
        for (SectionKind kind : values()) {
            if (kind.name().equals(upper)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The lower-case name used in messages, e.g. {@code input}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
