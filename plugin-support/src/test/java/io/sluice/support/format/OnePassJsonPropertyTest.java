package io.sluice.support.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.EventChunk;
import io.sluice.support.ByteSink;
import io.sluice.support.event.EventBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The one-pass JSON writer against {@link IndexedJsonWriter} after a whole-event walk (what every json format did
 * before it): the same bytes, or the same error, for random events full of repeated keys, date and
 * {@code __internal__} keys, keys that are not strings, deep nesting, truncation and invalid bytes.
 */
class OnePassJsonPropertyTest {

    private static final byte[][] KEYS = {
        utf8("a"), utf8("b"), utf8("date"), utf8("__internal__"), utf8("key 1"), utf8("key 2"),
        utf8("0123456789abcdef"), utf8("0123456789abcdeF"),
        utf8("a long key, longer than sixteen bytes: x"), utf8("a long key, longer than sixteen bytes: y"),
        utf8("a long key; longer than sixteen bytes: x"), utf8("é€"), utf8(""),
    };

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final FormatOptions[] OPTIONS = {
        FormatOptions.of(Format.JSON_LINES),
        FormatOptions.of(Format.JSON_LINES).withDateKey(null),
        FormatOptions.of(Format.JSON).withEscapeUnicode(false).withNanToNull(false),
        FormatOptions.of(Format.JSON_STREAM).withDateKey("__internal__"),
    };

    @Property(tries = 2000)
    void oneEventAtATimeWritesWhatTheIndexedWriterWrites(@ForAll long seed) {
        Random random = new Random(seed);
        EventChunk chunk = chunk(random);
        for (FormatOptions options : OPTIONS) {
            assertThat(formatted(options, chunk)).as("seed %d, %s", seed, options).isEqualTo(reference(options, chunk));
            assertThat(perRecord(options, chunk)).as("seed %d, %s, per record", seed, options)
                    .isEqualTo(referencePerRecord(options, chunk));
        }
    }

    private static String formatted(FormatOptions options, EventChunk chunk) {
        ByteSink out = new ByteSink(64);
        out.writeAscii("kept");
        try {
            new EventFormatter(options).format(chunk, out);
            return out.toString();
        } catch (FormatException e) {
            return out + " error " + e.getMessage();
        }
    }

    private static String reference(FormatOptions options, EventChunk chunk) {
        ByteSink out = new ByteSink(64);
        out.writeAscii("kept");
        int mark = out.size();
        EventCursor events = new EventCursor();
        IndexedJsonWriter writer = new IndexedJsonWriter(options);
        try {
            events.reset(chunk);
            if (options.format() == Format.JSON) {
                out.write('[');
            }
            boolean first = true;
            while (events.next()) {
                if (options.format() == Format.JSON && !first) {
                    out.write(',');
                }
                writer.writeEvent(events, out);
                if (options.format() == Format.JSON_LINES) {
                    out.write('\n');
                }
                first = false;
            }
            if (options.format() == Format.JSON) {
                out.write(']');
            }
            return out.toString();
        } catch (FormatException e) {
            out.truncate(mark);
            return out + " error " + e.getMessage();
        }
    }

    private static List<String> perRecord(FormatOptions options, EventChunk chunk) {
        List<String> payloads = new ArrayList<>();
        try {
            new EventFormatter(options).formatRecords(chunk, new ByteSink(16),
                    (array, offset, length) -> payloads.add(new String(array, offset, length, StandardCharsets.UTF_8)));
        } catch (FormatException e) {
            payloads.add("error " + e.getMessage());
        }
        return payloads;
    }

    private static List<String> referencePerRecord(FormatOptions options, EventChunk chunk) {
        List<String> payloads = new ArrayList<>();
        EventCursor events = new EventCursor();
        IndexedJsonWriter writer = new IndexedJsonWriter(options);
        try {
            events.reset(chunk);
            while (events.next()) {
                ByteSink out = new ByteSink(16);
                if (options.format() == Format.JSON) {
                    out.write('[');
                }
                writer.writeEvent(events, out);
                if (options.format() == Format.JSON) {
                    out.write(']');
                } else if (options.format() == Format.JSON_LINES) {
                    out.write('\n');
                }
                payloads.add(out.toString());
            }
        } catch (FormatException e) {
            payloads.add("error " + e.getMessage());
        }
        return payloads;
    }

    private static EventChunk chunk(Random random) {
        EventBuffer b = new EventBuffer(256);
        int events = 1 + random.nextInt(4);
        for (int e = 0; e < events; e++) {
            if (random.nextInt(4) == 0) {
                b.beginEventWithMetadata(1700000000L + e, random.nextInt(3) * 500_000_000);
                map(b, random, 0, random.nextInt(3));
            } else {
                b.beginEvent(1700000000L + e, random.nextInt(3) * 500_000_000);
            }
            if (random.nextInt(10) == 0) {
                value(b, random, 0);
            } else {
                map(b, random, 0, random.nextInt(6));
            }
            b.endEvent();
        }
        byte[] bytes = b.toByteArray();
        int length = bytes.length;
        switch (random.nextInt(8)) {
            case 0 -> length = random.nextInt(length + 1);
            case 1 -> bytes[random.nextInt(length)] = (byte) (0xc1 - random.nextInt(2) * 0x41);
            default -> {
            }
        }
        return new EventChunk("t", "t.0", Arrays.copyOf(bytes, length), 0, length, events);
    }

    private static void map(EventBuffer b, Random random, int depth, int pairs) {
        b.writeMapHeader(pairs);
        for (int i = 0; i < pairs; i++) {
            key(b, random);
            value(b, random, depth + 1);
        }
    }

    private static void key(EventBuffer b, Random random) {
        byte[] key = KEYS[random.nextInt(KEYS.length)];
        switch (random.nextInt(12)) {
            case 0 -> b.writeBinary(key, 0, key.length);
            case 1 -> b.writeLong(random.nextInt(3));
            case 2 -> b.writeBoolean(true);
            case 3 -> {
                b.writeArrayHeader(1);
                b.writeString(key, 0, key.length);
            }
            default -> b.writeString(key, 0, key.length);
        }
    }

    private static void value(EventBuffer b, Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(6) : random.nextInt(9);
        switch (kind) {
            case 0 -> b.writeNil();
            case 1 -> b.writeLong(random.nextLong() >> random.nextInt(64));
            case 2 -> b.writeDouble(random.nextInt(3) == 0 ? Double.NaN : random.nextDouble() * 1e6);
            case 3 -> {
                byte[] key = KEYS[random.nextInt(KEYS.length)];
                b.writeString(key, 0, key.length);
            }
            case 4 -> b.writeBoolean(random.nextBoolean());
            case 5 -> {
                b.write(0xd5);
                b.write(random.nextInt(8));
                b.write(random.nextInt(256));
                b.write(random.nextInt(256));
            }
            case 6 -> map(b, random, depth, random.nextInt(4));
            case 7 -> {
                int n = random.nextInt(3);
                b.writeArrayHeader(n);
                for (int i = 0; i < n; i++) {
                    value(b, random, depth + 1);
                }
            }
            default -> {
                int levels = random.nextInt(2) == 0 ? 250 + random.nextInt(10) : 1;
                for (int i = 0; i < levels; i++) {
                    b.writeArrayHeader(1);
                }
                b.writeLong(depth);
            }
        }
    }
}
