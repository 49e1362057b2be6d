package io.sluice.core.config;

import java.util.Optional;

/**
 * The URL form of a plugin name, {@code NAME://HOST[:PORT][/PATH]} (host may be {@code [v6addr]}).
 *
 * @param plugin the plugin name before {@code ://}
 * @param host   the host, without brackets; never empty
 * @param port   the port text (leading digits), or {@code null}
 * @param path   everything from the first {@code /} after the host, query included, or {@code null}
 */
public record PluginUrl(String plugin, String host, String port, String path) {

    /** The URL in {@code name}, or empty when {@code name} is a plain plugin name. */
    public static Optional<PluginUrl> parse(String name, Origin origin) throws ConfigException {
        int scheme = name.indexOf("://");
        if (scheme < 0) {
            return Optional.empty();
        }
        String plugin = name.substring(0, scheme).trim();
        String rest = name.substring(scheme + 3);
        int hostEnd;
        String host;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw unknownPlugin(name, origin);
            }
            host = rest.substring(1, close);
            hostEnd = close + 1;
        } else {
            hostEnd = firstOf(rest, ":/");
            host = rest.substring(0, hostEnd);
        }
        if (host.isEmpty() || plugin.isEmpty()) {
            throw unknownPlugin(name, origin);
        }
        String port = null;
        int pathStart = rest.indexOf('/', hostEnd);
        if (hostEnd < rest.length() && rest.charAt(hostEnd) == ':') {
            int portEnd = pathStart < 0 ? rest.length() : pathStart;
            port = leadingDigits(rest.substring(hostEnd + 1, portEnd));
            if (port.isEmpty()) {
                throw new ConfigException(origin, "name", "invalid port in '" + name + "'");
            }
        }
        String path = pathStart < 0 ? null : rest.substring(pathStart);
        return Optional.of(new PluginUrl(plugin, host, port, path));
    }

    /** The plugin name of {@code name}, whether plain or a URL. */
    public static String pluginName(String name) {
        int scheme = name.indexOf("://");
        return (scheme < 0 ? name : name.substring(0, scheme)).trim();
    }

    private static ConfigException unknownPlugin(String name, Origin origin) {
        return new ConfigException(origin, "name",
                "section '" + name + "' tried to instance a plugin name that doesn't exist");
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static String leadingDigits(String text) {
        int end = 0;
        while (end < text.length() && Character.isDigit(text.charAt(end)) && text.charAt(end) < 128) {
            end++;
        }
        return text.substring(0, end);
    }
}
