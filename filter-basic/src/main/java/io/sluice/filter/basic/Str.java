package io.sluice.filter.basic;

import io.sluice.support.event.EventBuffer;
import java.nio.charset.StandardCharsets;

/** A configured string, kept both as UTF-8 bytes (to compare with keys) and msgpack-encoded (to write). */
final class Str {

    final String text;
    /** The UTF-8 bytes. */
    final byte[] raw;
    /** The msgpack encoding, header included. */
    final byte[] encoded;
    /** Where the payload starts in {@link #encoded}. */
    final int payload;

    private Str(String text) {
        this.text = text;
        this.raw = text.getBytes(StandardCharsets.UTF_8);
        EventBuffer b = new EventBuffer(raw.length + 5);
        b.writeString(raw, 0, raw.length);
        this.encoded = b.toByteArray();
        this.payload = encoded.length - raw.length;
    }

    static Str of(String text) {
        return new Str(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
