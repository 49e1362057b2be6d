package io.sluice.support.event;

import io.sluice.api.EventBatch;
import io.sluice.api.EventChunk;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Decodes encoded events into {@link Event} objects. Accepts the v2 layout {@code [[time, {meta}], {body}]} and the
 * legacy {@code [time, {body}]}, with the time as EventTime, an integer or a float; skips group markers.
 * Meant for tests and slow paths: formatters read the bytes directly.
 */
public final class EventDecoder {

    private EventDecoder() {
    }

    /** Every event in {@code chunk}. */
    public static List<Event> decode(EventChunk chunk) {
        return decode(chunk.data(), chunk.offset(), chunk.length());
    }

    /** Every event in {@code batch}. */
    public static List<Event> decode(EventBatch batch) {
        return decode(batch.data(), batch.offset(), batch.length());
    }

    /** Every event in {@code data[offset, offset+length)}; throws {@link IllegalArgumentException} on bad bytes. */
    public static List<Event> decode(byte[] data, int offset, int length) {
        List<Event> events = new ArrayList<>();
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(data, offset, length)) {
            while (in.hasNext()) {
                int outer = in.unpackArrayHeader();
                if (outer != 2) {
                    throw new IllegalArgumentException("event is an array of " + outer + ", expected 2");
                }
                EventTime time;
                Map<String, Object> metadata;
                if (in.getNextFormat().getValueType() == ValueType.ARRAY) {
                    int header = in.unpackArrayHeader();
                    if (header < 2) {
                        throw new IllegalArgumentException("event header is an array of " + header);
                    }
                    time = readTime(in);
                    Object meta = readValue(in);
                    for (int i = 2; i < header; i++) {
                        in.skipValue();
                    }
                    metadata = asMap(meta);
                } else {
                    time = readTime(in);
                    metadata = new LinkedHashMap<>();
                }
                Object body = readValue(in);
                if (time.nanos() == 0 && (time.seconds() == 0xFFFFFFFFL || time.seconds() == 0xFFFFFFFEL)) {
                    continue;
                }
                events.add(new Event(time, metadata, asMap(body)));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("malformed event data: " + e.getMessage(), e);
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("log", o);
        return wrapped;
    }

    private static EventTime readTime(MessageUnpacker in) throws IOException {
        MessageFormat f = in.getNextFormat();
        switch (f.getValueType()) {
            case EXTENSION: {
                var ext = in.unpackExtensionTypeHeader();
                byte[] payload = in.readPayload(ext.getLength());
                if (ext.getType() != 0 || payload.length != 8) {
                    throw new IllegalArgumentException("unknown timestamp extension type " + ext.getType());
                }
                long sec = ((payload[0] & 0xffL) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8)
                        | (payload[3] & 0xff);
                long ns = ((payload[4] & 0xffL) << 24) | ((payload[5] & 0xff) << 16) | ((payload[6] & 0xff) << 8)
                        | (payload[7] & 0xff);
                return new EventTime(sec, (int) Math.min(ns, 999_999_999));
            }
            case INTEGER:
                return new EventTime(in.unpackLong(), 0);
            case FLOAT: {
                double d = in.unpackDouble();
                long sec = (long) Math.floor(d);
                return new EventTime(sec, (int) Math.min(999_999_999, Math.round((d - sec) * 1e9)));
            }
            default:
                throw new IllegalArgumentException("timestamp is a " + f.getValueType());
        }
    }

    private static Object readValue(MessageUnpacker in) throws IOException {
        MessageFormat f = in.getNextFormat();
        switch (f.getValueType()) {
            case NIL:
                in.unpackNil();
                return null;
            case BOOLEAN:
                return in.unpackBoolean();
            case INTEGER:
                if (f == MessageFormat.UINT64) {
                    BigInteger big = in.unpackBigInteger();
                    return big.bitLength() <= 63 ? (Object) big.longValue() : big;
                }
                return in.unpackLong();
            case FLOAT:
                return in.unpackDouble();
            case STRING:
                return in.unpackString();
            case BINARY:
                return in.readPayload(in.unpackBinaryHeader());
            case ARRAY: {
                int n = in.unpackArrayHeader();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readValue(in));
                }
                return list;
            }
            case MAP: {
                int n = in.unpackMapHeader();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = readValue(in);
                    map.put(String.valueOf(key), readValue(in));
                }
                return map;
            }
            case EXTENSION: {
                var ext = in.unpackExtensionTypeHeader();
                return in.readPayload(ext.getLength());
            }
            default:
                throw new IllegalArgumentException("unknown msgpack type " + f);
        }
    }
}
