package io.sluice.core.config;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in values: {@code @SET} variables first, then the environment
 * (where an empty value counts as unset). {@code HOSTNAME} falls back to the host's name. {@code $NAME} without braces
 * is literal, and there is no nesting.
 */
public final class VariableExpander {

    private final Map<String, String> setVariables;
    private final Map<String, String> environment;
    private final Supplier<String> hostName;
    private final Consumer<String> warnings;

    /** An expander over {@code @SET} variables, an environment and the host's name. */
    public VariableExpander(Map<String, String> setVariables, Map<String, String> environment, String hostName,
                            Consumer<String> warnings) {
        this(setVariables, environment, () -> hostName, warnings);
    }

    /** As above, asking for the host's name only when {@code ${HOSTNAME}} is used and not in the environment. */
    public VariableExpander(Map<String, String> setVariables, Map<String, String> environment,
                            Supplier<String> hostName, Consumer<String> warnings) {
        this.setVariables = Map.copyOf(setVariables);
        this.environment = Map.copyOf(environment);
        this.hostName = hostName;
        this.warnings = warnings;
    }

    /** {@code value} with every variable reference replaced; unset ones become empty, with a warning. */
    public String expand(String value) {
        int start = value.indexOf("${");
        if (start < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int from = 0;
        while (start >= 0) {
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                break;
            }
            out.append(value, from, start).append(resolve(value.substring(start + 2, end)));
            from = end + 1;
            start = value.indexOf("${", from);
        }
        return out.append(value, from, value.length()).toString();
    }

    private String resolve(String reference) {
        int dash = reference.indexOf(":-");
        String name = dash < 0 ? reference : reference.substring(0, dash);
        String found = lookup(name);
        if (found != null && !found.isEmpty()) {
            return found;
        }
        if (dash >= 0) {
            return reference.substring(dash + 2);
        }
        if (found == null) {
            warnings.accept("[env] variable ${" + ClassicParser.printable(name) + "} is used but not set");
            return "";
        }
        return found;
    }

    private String lookup(String name) {
        String set = setVariables.get(name);
        if (set != null) {
            return set;
        }
        String env = environment.get(name);
        if (env != null && !env.isEmpty()) {
            return env;
        }
        return name.equals("HOSTNAME") ? hostName.get() : null;
    }
}
