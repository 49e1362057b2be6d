package io.sluice.core.plugin;

import io.sluice.api.PluginException;

/** What a call into plugin code threw, wrapped by {@link Isolation}. */
public final class PluginFailure extends Exception {

    private static final long serialVersionUID = 1L;

    PluginFailure(Throwable cause) {
        super(describe(cause), cause);
    }

    /**
     * The plugin's own words for a {@link PluginException} (they say what to fix); for anything else the type and
     * message, with a hint for a class that failed to load.
     */
    private static String describe(Throwable t) {
        if (t instanceof PluginException && t.getMessage() != null) {
            return t.getMessage();
        }
        String text = t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": "
                + t.getMessage();
        if (t instanceof LinkageError) {
            text += " (a class is missing from the plugin jar or failed to initialise)";
        }
        return text;
    }
}
