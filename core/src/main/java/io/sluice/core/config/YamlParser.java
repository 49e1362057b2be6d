package io.sluice.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Parses the text of one YAML file with SnakeYAML Engine into its documents as {@link YamlValue}s, resolving aliases
 * and merge keys ({@code <<}) on the way. Scalars stay text: YAML types are never applied. Pure: it never touches the
 * file system, so includes are left for {@link YamlConfigReader}.
 */
final class YamlParser {

    private static final String MERGE_KEY = "<<";
    private static final int MAX_ALIASES = 1000;

    private final String file;
    private final Map<Node, YamlValue> converted = new IdentityHashMap<>();
    private final Set<Node> enclosing = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlParser(String file) {
        this.file = file;
    }

    /** The documents of {@code text} (several when it has {@code ---} separators), read as the file {@code file}. */
    static List<YamlValue> parse(String file, String text) throws ConfigException {
        // a configuration is written by its operator, and merging one anchor into every output is a fair use
        LoadSettings settings = LoadSettings.builder().setLabel(file).setUseMarks(true)
                .setAllowRecursiveKeys(false).setMaxAliasesForCollections(MAX_ALIASES).build();
        YamlParser parser = new YamlParser(file);
        List<YamlValue> documents = new ArrayList<>();
        try {
            String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
            for (Node node : new Compose(settings).composeAllFromString(withoutBom)) {
                documents.add(parser.convert(node));
            }
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(file, e);
        } catch (YamlEngineException e) {
            throw new ConfigException(new Origin(file, 0), null, "invalid YAML in file " + file + ": "
                    + printable(String.valueOf(e.getMessage())));
        }
        return documents;
    }

    /** libyaml's wording, with 1-based line and column, and a hint at the most likely cause. */
    private static ConfigException syntaxError(String file, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        int line = mark.map(m -> m.getLine() + 1).orElse(0);
        int column = mark.map(m -> m.getColumn() + 1).orElse(0);
        String context = e.getContext() == null || e.getContext().isBlank() ? "" : e.getContext() + ": ";
        String problem = printable(context + e.getProblem());
        StringBuilder message = new StringBuilder("invalid YAML in file ").append(file).append(" at line ")
                .append(line).append(", column ").append(column).append(": ").append(problem);
        if (problem.contains("alias")) {
            message.append("\n[config] hint: a value starting with '*' is a YAML alias; quote it, as in match: '*'");
        } else if (line > 1) {
            message.append("\n[config] hint: check line ").append(line - 1)
                    .append(" (above) for missing ':' or incorrect indentation");
        }
        return new ConfigException(new Origin(file, line), null, message.toString());
    }

    /** One line: SnakeYAML names the character it found, which may be a line break. */
    private static String printable(String text) {
        return ClassicParser.printable(text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"));
    }

    private YamlValue convert(Node node) throws ConfigException {
        YamlValue known = converted.get(node);
        if (known != null) {
            return known;
        }
        if (!enclosing.add(node)) {
            throw YamlValue.error(origin(node), column(node), null, "an alias refers to a node that contains it");
        }
        YamlValue value;
        try {
            if (node instanceof ScalarNode scalar) {
                ScalarStyle style = scalar.getScalarStyle();
                value = new YamlValue.Scalar(scalar.getValue(),
                        style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED, origin(node),
                        column(node));
            } else if (node instanceof SequenceNode sequence) {
                List<YamlValue> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(convert(item));
                }
                value = new YamlValue.Sequence(items, origin(node), column(node));
            } else {
                value = convertMapping((MappingNode) node);
            }
        } finally {
            enclosing.remove(node);
        }
        converted.put(node, value);
        return value;
    }

    /**
     * The pairs of a mapping with merge keys replaced by the pairs they merge: keys written in the mapping win over
     * merged ones, and of several merged mappings the earlier wins, as YAML's merge key type says.
     */
    private YamlValue.Mapping convertMapping(MappingNode node) throws ConfigException {
        List<Part> parts = new ArrayList<>();
        Set<String> explicitKeys = new HashSet<>();
        for (NodeTuple tuple : node.getValue()) {
            YamlValue key = convert(tuple.getKeyNode());
            if (!(key instanceof YamlValue.Scalar scalar)) {
                throw key.unexpectedIn("section-key");
            }
            YamlValue value = convert(tuple.getValueNode());
            if (!scalar.quoted() && scalar.text().equals(MERGE_KEY)) {
                parts.add(new Part(null, mergeSources(value)));
            } else {
                explicitKeys.add(scalar.text());
                parts.add(new Part(new YamlValue.Pair(scalar, value), List.of()));
            }
        }
        List<YamlValue.Pair> pairs = new ArrayList<>();
        Set<String> mergedKeys = new HashSet<>();
        for (Part part : parts) {
            if (part.pair() != null) {
                pairs.add(part.pair());
            }
            for (YamlValue.Mapping source : part.merged()) {
                Set<String> sourceKeys = new HashSet<>();
                for (YamlValue.Pair pair : source.pairs()) {
                    String key = pair.key().text();
                    if (!explicitKeys.contains(key) && !mergedKeys.contains(key)) {
                        pairs.add(pair);
                    }
                    sourceKeys.add(key);
                }
                mergedKeys.addAll(sourceKeys);
            }
        }
        return new YamlValue.Mapping(pairs, origin(node), column(node));
    }

    /** A pair as written, or the mappings a merge key brings in. */
    private record Part(YamlValue.Pair pair, List<YamlValue.Mapping> merged) {
    }

    private static List<YamlValue.Mapping> mergeSources(YamlValue value) throws ConfigException {
        if (value instanceof YamlValue.Mapping mapping) {
            return List.of(mapping);
        }
        if (value instanceof YamlValue.Sequence sequence) {
            List<YamlValue.Mapping> sources = new ArrayList<>();
            for (YamlValue item : sequence.items()) {
                if (!(item instanceof YamlValue.Mapping mapping)) {
                    throw item.error(null, "the merge key '<<' takes a mapping or a list of mappings");
                }
                sources.add(mapping);
            }
            return sources;
        }
        throw value.error(null, "the merge key '<<' takes a mapping or a list of mappings");
    }

    private Origin origin(Node node) {
        return new Origin(file, node.getStartMark().map(m -> m.getLine() + 1).orElse(0));
    }

    private static int column(Node node) {
        return node.getStartMark().map(Mark::getColumn).orElse(0);
    }
}
