package io.sluice.support.event;

import io.sluice.api.Emitter;
import io.sluice.api.FilterSink;
import io.sluice.support.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes events straight into msgpack bytes in Fluent Bit's v2 layout {@code [[EventTime, {metadata}], {body}]},
 * without building objects. Write {@link #beginEvent}, the body map (header and pairs), then {@link #endEvent()}.
 * Maps and arrays whose size is not known in advance use {@link #beginMap()} / {@link #endMap(int, int)}, which
 * reserve a header and shrink it to the smallest form at the end. Not thread-safe; reuse with {@link #clear()}.
 */
public class EventBuffer extends ByteSink {

    private static final int RESERVED_HEADER = 5;

    private int events;

    /** An empty buffer with room for {@code initialCapacity} bytes. */
    public EventBuffer(int initialCapacity) {
        super(initialCapacity);
    }

    /** How many events {@link #endEvent()} has counted since the last {@link #clear()}. */
    public final int events() {
        return events;
    }

    /** Forgets every event, keeping the capacity. */
    @Override
    public void clear() {
        super.clear();
        events = 0;
    }

    /** Starts an event at {@code time} with empty metadata; the body map comes next. */
    public final void beginEvent(long seconds, int nanos) {
        ensure(13);
        byte[] b = buf;
        int p = size;
        b[p] = (byte) 0x92;
        b[p + 1] = (byte) 0x92;
        b[p + 2] = (byte) 0xd7;
        b[p + 3] = 0;
        putInt(b, p + 4, (int) seconds);
        putInt(b, p + 8, nanos);
        b[p + 12] = (byte) 0x80;
        size = p + 13;
    }

    /** Starts an event at {@code time} with empty metadata; the body map comes next. */
    public final void beginEvent(EventTime time) {
        beginEvent(time.seconds(), time.nanos());
    }

    /**
     * Starts an event at {@code time} whose metadata map the caller writes next (header and pairs), then the body
     * map.
     */
    public final void beginEventWithMetadata(long seconds, int nanos) {
        ensure(12);
        byte[] b = buf;
        int p = size;
        b[p] = (byte) 0x92;
        b[p + 1] = (byte) 0x92;
        b[p + 2] = (byte) 0xd7;
        b[p + 3] = 0;
        putInt(b, p + 4, (int) seconds);
        putInt(b, p + 8, nanos);
        size = p + 12;
    }

    /** Counts the event just written. */
    public final void endEvent() {
        events++;
    }

    /** Drops everything after {@code position} (from {@link #size()} before a failed event) without counting it. */
    public final void rollback(int position) {
        truncate(position);
    }

    /** Writes a map header for {@code n} pairs. */
    public final void writeMapHeader(int n) {
        if (n < 16) {
            write(0x80 | n);
        } else if (n < 65536) {
            ensure(3);
            buf[size++] = (byte) 0xde;
            putShort(n);
        } else {
            ensure(5);
            buf[size++] = (byte) 0xdf;
            putInt(buf, size, n);
            size += 4;
        }
    }

    /** Writes an array header for {@code n} items. */
    public final void writeArrayHeader(int n) {
        if (n < 16) {
            write(0x90 | n);
        } else if (n < 65536) {
            ensure(3);
            buf[size++] = (byte) 0xdc;
            putShort(n);
        } else {
            ensure(5);
            buf[size++] = (byte) 0xdd;
            putInt(buf, size, n);
            size += 4;
        }
    }

    /** Reserves a map header whose size is given later to {@link #endMap}; returns the mark to pass there. */
    public final int beginMap() {
        int mark = size;
        ensure(RESERVED_HEADER);
        size += RESERVED_HEADER;
        return mark;
    }

    /** Completes the map begun at {@code mark} with {@code n} pairs, shrinking its header to the smallest form. */
    public final void endMap(int mark, int n) {
        endContainer(mark, n, 0x80, 0xde, 0xdf);
    }

    /** Reserves an array header whose size is given later to {@link #endArray}; returns the mark. */
    public final int beginArray() {
        return beginMap();
    }

    /** Completes the array begun at {@code mark} with {@code n} items, shrinking its header to the smallest form. */
    public final void endArray(int mark, int n) {
        endContainer(mark, n, 0x90, 0xdc, 0xdd);
    }

    private void endContainer(int mark, int n, int fix, int m16, int m32) {
        int headerLen = n < 16 ? 1 : n < 65536 ? 3 : 5;
        int contentStart = mark + RESERVED_HEADER;
        int shift = RESERVED_HEADER - headerLen;
        if (shift > 0) {
            System.arraycopy(buf, contentStart, buf, contentStart - shift, size - contentStart);
            size -= shift;
        }
        if (headerLen == 1) {
            buf[mark] = (byte) (fix | n);
        } else if (headerLen == 3) {
            buf[mark] = (byte) m16;
            buf[mark + 1] = (byte) (n >>> 8);
            buf[mark + 2] = (byte) n;
        } else {
            buf[mark] = (byte) m32;
            putInt(buf, mark + 1, n);
        }
    }

    /** Writes a string from UTF-8 bytes {@code src[off, off+len)}. */
    public final void writeString(byte[] src, int off, int len) {
        writeStringHeader(len);
        write(src, off, len);
    }

    /** Writes a string header for {@code len} UTF-8 bytes; the caller writes the bytes next. */
    public final void writeStringHeader(int len) {
        if (len < 32) {
            write(0xa0 | len);
        } else if (len < 256) {
            ensure(2);
            buf[size++] = (byte) 0xd9;
            buf[size++] = (byte) len;
        } else if (len < 65536) {
            ensure(3);
            buf[size++] = (byte) 0xda;
            putShort(len);
        } else {
            ensure(5);
            buf[size++] = (byte) 0xdb;
            putInt(buf, size, len);
            size += 4;
        }
    }

    /** Writes {@code s} as a UTF-8 string. */
    public final void writeString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeString(bytes, 0, bytes.length);
    }

    /** Writes binary data {@code src[off, off+len)}. */
    public final void writeBinary(byte[] src, int off, int len) {
        if (len < 256) {
            ensure(2);
            buf[size++] = (byte) 0xc4;
            buf[size++] = (byte) len;
        } else if (len < 65536) {
            ensure(3);
            buf[size++] = (byte) 0xc5;
            putShort(len);
        } else {
            ensure(5);
            buf[size++] = (byte) 0xc6;
            putInt(buf, size, len);
            size += 4;
        }
        write(src, off, len);
    }

    /** Writes an integer in its smallest msgpack form. */
    public final void writeLong(long v) {
        ensure(9);
        byte[] b = buf;
        if (v >= 0) {
            if (v < 128) {
                b[size++] = (byte) v;
            } else if (v < 256) {
                b[size++] = (byte) 0xcc;
                b[size++] = (byte) v;
            } else if (v < 65536) {
                b[size++] = (byte) 0xcd;
                putShort((int) v);
            } else if (v < (1L << 32)) {
                b[size++] = (byte) 0xce;
                putInt(b, size, (int) v);
                size += 4;
            } else {
                b[size++] = (byte) 0xcf;
                putLong(v);
            }
        } else if (v >= -32) {
            b[size++] = (byte) v;
        } else if (v >= Byte.MIN_VALUE) {
            b[size++] = (byte) 0xd0;
            b[size++] = (byte) v;
        } else if (v >= Short.MIN_VALUE) {
            b[size++] = (byte) 0xd1;
            putShort((int) v);
        } else if (v >= Integer.MIN_VALUE) {
            b[size++] = (byte) 0xd2;
            putInt(b, size, (int) v);
            size += 4;
        } else {
            b[size++] = (byte) 0xd3;
            putLong(v);
        }
    }

    /** Writes an unsigned 64-bit integer given as its bit pattern (values above {@link Long#MAX_VALUE}). */
    public final void writeUnsignedLong(long bits) {
        if (bits >= 0) {
            writeLong(bits);
        } else {
            ensure(9);
            buf[size++] = (byte) 0xcf;
            putLong(bits);
        }
    }

    /** Writes a float64. */
    public final void writeDouble(double v) {
        ensure(9);
        buf[size++] = (byte) 0xcb;
        putLong(Double.doubleToRawLongBits(v));
    }

    /** Writes {@code true} or {@code false}. */
    public final void writeBoolean(boolean v) {
        write(v ? 0xc3 : 0xc2);
    }

    /** Writes nil. */
    public final void writeNil() {
        write(0xc0);
    }

    /**
     * Writes a Java value: {@code null}, Boolean, Integer/Long/Short/Byte, BigInteger (64-bit range), Float/Double,
     * CharSequence, byte[], Map (keys as strings) or List. For configuration-driven inputs, not for hot paths.
     */
    public final void writeValue(Object value) {
        if (value == null) {
            writeNil();
        } else if (value instanceof Boolean b) {
            writeBoolean(b);
        } else if (value instanceof java.math.BigInteger big) {
            if (big.bitLength() <= 63) {
                writeLong(big.longValue());
            } else if (big.signum() > 0 && big.bitLength() <= 64) {
                writeUnsignedLong(big.longValue());
            } else {
                writeDouble(big.doubleValue());
            }
        } else if (value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal) {
            writeDouble(((Number) value).doubleValue());
        } else if (value instanceof Number n) {
            writeLong(n.longValue());
        } else if (value instanceof CharSequence s) {
            writeString(s.toString());
        } else if (value instanceof byte[] bytes) {
            writeBinary(bytes, 0, bytes.length);
        } else if (value instanceof Map<?, ?> map) {
            writeMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeString(String.valueOf(e.getKey()));
                writeValue(e.getValue());
            }
        } else if (value instanceof List<?> list) {
            writeArrayHeader(list.size());
            for (Object item : list) {
                writeValue(item);
            }
        } else {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName());
        }
    }

    /** Writes a whole event: time, empty metadata and {@code body}, and counts it. */
    public final void writeEvent(EventTime time, Map<String, ?> body) {
        beginEvent(time);
        writeValue(body);
        endEvent();
    }

    /** Writes a whole event: time, {@code metadata} and {@code body}, and counts it. */
    public final void writeEvent(EventTime time, Map<String, ?> metadata, Map<String, ?> body) {
        beginEventWithMetadata(time.seconds(), time.nanos());
        writeValue(metadata);
        writeValue(body);
        endEvent();
    }

    /** Hands every event to {@code emitter} under the input's tag (if any), then clears the buffer for reuse. */
    public final void emitTo(Emitter emitter) {
        if (events > 0) {
            emitter.emit(buf, 0, size, events);
        }
        clear();
    }

    /** Hands every event to {@code emitter} under {@code tag} (if any), then clears the buffer for reuse. */
    public final void emitTo(Emitter emitter, String tag) {
        if (events > 0) {
            emitter.emit(tag, buf, 0, size, events);
        }
        clear();
    }

    /** Writes every event to {@code sink} (if any), then clears the buffer for reuse. */
    public final void writeTo(FilterSink sink) {
        if (events > 0) {
            sink.write(buf, 0, size, events);
        }
        clear();
    }

    private void putShort(int v) {
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt(buf, size, (int) (v >>> 32));
        putInt(buf, size + 4, (int) v);
        size += 8;
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }
}
