package io.sluice.core.config;

import java.util.List;

/**
 * One node of a YAML configuration file after anchors, aliases and merge keys are resolved: a scalar kept as the text
 * written, a sequence, or a mapping whose pairs keep their order and repeats. Each knows where it starts.
 */
public sealed interface YamlValue {

    /** The file and 1-based line where the node starts. */
    Origin origin();

    /** The 0-based column where the node starts. */
    int column();

    /** The name of the libyaml event that starts such a node, as Fluent Bit's structure errors print it. */
    String event();

    /**
     * Fluent Bit's structure error for this node where it does not belong, e.g.
     * {@code YAML error found in file "f.yaml", line 3, column 2: unexpected event 'scalar-event' in state 'pipeline'.}
     */
    default ConfigException unexpectedIn(String state) {
        return error(null, "unexpected event '" + event() + "' in state '" + state + "'.");
    }

    /** An error about this node, worded like Fluent Bit's {@code YAML error found in file …} lines. */
    default ConfigException error(String key, String problem) {
        return error(origin(), column(), key, problem);
    }

    /** An error at {@code origin} and 0-based {@code column}, worded like Fluent Bit's structure errors. */
    static ConfigException error(Origin origin, int column, String key, String problem) {
        return new ConfigException(origin, key, "YAML error found in file \"" + origin.file() + "\", line "
                + origin.line() + ", column " + column + ": " + problem);
    }

    /**
     * A scalar.
     *
     * @param text   its value as written, minus the YAML quoting; never trimmed
     * @param quoted whether it was single- or double-quoted
     */
    record Scalar(String text, boolean quoted, Origin origin, int column) implements YamlValue {

        @Override
        public String event() {
            return "scalar-event";
        }

        /** Whether nothing was written ({@code key:}), which YAML reads as null. */
        public boolean isEmpty() {
            return !quoted && text.isEmpty();
        }
    }

    /** A sequence. */
    record Sequence(List<YamlValue> items, Origin origin, int column) implements YamlValue {

        /** Copies the items. */
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String event() {
            return "sequence-start-event";
        }
    }

    /** A mapping, its pairs in the order written (merged pairs where the merge key was). */
    record Mapping(List<Pair> pairs, Origin origin, int column) implements YamlValue {

        /** Copies the pairs. */
        public Mapping {
            pairs = List.copyOf(pairs);
        }

        @Override
        public String event() {
            return "mapping-start-event";
        }
    }

    /** One {@code key: value} of a mapping; only scalar keys are kept. */
    record Pair(Scalar key, YamlValue value) {
    }
}
