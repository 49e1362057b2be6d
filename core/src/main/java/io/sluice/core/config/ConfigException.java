package io.sluice.core.config;

/** A configuration error: printed as one line naming the file, the line and the key, then sluice exits 1. */
public class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient Origin origin;
    private final String key;

    /** An error at {@code origin} about {@code key} (may be null when the error is not about one key). */
    public ConfigException(Origin origin, String key, String message) {
        super(message);
        this.origin = origin;
        this.key = key;
    }

    /** Where the error is. */
    public Origin origin() {
        return origin;
    }

    /** The key concerned, or {@code null}. */
    public String key() {
        return key;
    }

    /** The one-line message shown to users: {@code [config] error in <file>:<line>: key '<key>': <message>}. */
    public String userMessage() {
        StringBuilder sb = new StringBuilder("[config] error in ").append(origin).append(": ");
        if (key != null) {
            sb.append("key '").append(key).append("': ");
        }
        return sb.append(getMessage()).toString();
    }
}
