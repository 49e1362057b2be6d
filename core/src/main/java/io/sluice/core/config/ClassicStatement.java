package io.sluice.core.config;

/** One meaningful line of a classic configuration file. */
public sealed interface ClassicStatement {

    /** Where the line is. */
    Origin origin();

    /** A {@code [NAME]} header; {@code name} is the text up to the first {@code ]}, trimmed. */
    record Header(String name, Origin origin) implements ClassicStatement {
    }

    /** An indented {@code key value} line. */
    record Entry(ConfigEntry entry) implements ClassicStatement {
        @Override
        public Origin origin() {
            return entry.origin();
        }
    }

    /** An {@code @INCLUDE path} line; the path is kept verbatim. */
    record Include(String path, Origin origin) implements ClassicStatement {
    }

    /** An {@code @SET NAME=VALUE} line. */
    record SetVariable(String name, String value, Origin origin) implements ClassicStatement {
    }
}
