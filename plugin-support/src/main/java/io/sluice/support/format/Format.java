package io.sluice.support.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The payload formats an output can send: Fluent Bit's {@code format} option. */
public enum Format {
    /** The chunk's msgpack bytes as they are. */
    MSGPACK("msgpack"),
    /** One JSON array of every record. */
    JSON("json"),
    /** The JSON objects back to back, without separator. */
    JSON_STREAM("json_stream"),
    /** One JSON object per line, each followed by a newline. */
    JSON_LINES("json_lines"),
    /** One GELF 1.1 object per line, each followed by a newline. */
    GELF("gelf");

    private final String optionValue;

    Format(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value as written in a configuration file, e.g. {@code json_lines}. */
    public String optionValue() {
        return optionValue;
    }

    /** Whether the payload is text (everything but msgpack), e.g. for a WebSocket TEXT frame. */
    public boolean isText() {
        return this != MSGPACK;
    }

    /** The format named {@code text}, any case; an unknown name throws an exception listing the valid ones. */
    public static Format parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            if (f.optionValue.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unrecognized 'format' option '" + text + "', expected one of "
                + Arrays.stream(values()).map(Format::optionValue).collect(Collectors.joining(", ")));
    }
}
