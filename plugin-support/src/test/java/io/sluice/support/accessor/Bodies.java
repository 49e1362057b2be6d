package io.sluice.support.accessor;

import io.sluice.support.event.EventBuffer;
import java.util.Map;

/** Msgpack bodies for the accessor tests. */
final class Bodies {

    private Bodies() {
    }

    /** {@code value} encoded on its own. */
    static byte[] of(Object value) {
        EventBuffer b = new EventBuffer(256);
        b.writeValue(value);
        return b.toByteArray();
    }

    /** A map with the keys and values in order, duplicates allowed: {@code pairs("a", 1, "a", 2)}. */
    static byte[] pairs(Object... keyValues) {
        EventBuffer b = new EventBuffer(256);
        b.writeMapHeader(keyValues.length / 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            b.writeValue(keyValues[i]);
            b.writeValue(keyValues[i + 1]);
        }
        return b.toByteArray();
    }

    static MsgpackReader reader(byte[] bytes) {
        return new MsgpackReader().reset(bytes, 0, bytes.length);
    }

    /** What {@code accessor} finds in {@code body}, decoded as JSON text, or null when not found. */
    static String lookup(String accessor, byte[] body) {
        return lookup(RecordAccessor.parse(accessor), body);
    }

    static String lookup(RecordAccessor accessor, byte[] body) {
        MsgpackReader r = reader(body);
        int at = accessor.find(r, 0);
        if (at < 0) {
            return null;
        }
        r.position(at);
        StringBuilder sb = new StringBuilder();
        ValueText.appendJson(sb, r);
        return sb.toString();
    }

    static byte[] map(Map<String, ?> map) {
        return of(map);
    }
}
