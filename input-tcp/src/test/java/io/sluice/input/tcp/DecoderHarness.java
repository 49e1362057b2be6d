package io.sluice.input.tcp;

import io.sluice.support.event.Event;
import io.sluice.support.event.EventDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Feeds a decoder read by read, emitting and clearing after each, and keeps the bodies. The JSON decoder decodes
 * whole reads here, as it does once the process's training is over; {@code TrainingWindowsPropertyTest} shows the
 * windows change nothing.
 */
final class DecoderHarness {

    final RecordDecoder decoder;
    final RecordBuffer out = new RecordBuffer(64);
    final List<Map<String, Object>> records = new ArrayList<>();

    DecoderHarness(RecordDecoder decoder) {
        this.decoder = decoder;
    }

    static DecoderHarness json(RecordingProblems problems, int limit) {
        return new DecoderHarness(new JsonStreamDecoder(problems, limit, null, null, 0));
    }

    /** Feeds {@code bytes} as one read. */
    DecoderHarness read(byte[] bytes, int off, int len) {
        byte[] copy = new byte[len + 4];
        System.arraycopy(bytes, off, copy, 2, len);
        decoder.feed(copy, 2, len, out, 1_700_000_000L, 5);
        java.util.Arrays.fill(copy, (byte) 'X');
        collect();
        return this;
    }

    DecoderHarness read(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return read(b, 0, b.length);
    }

    /** Feeds {@code text} split into reads at the given byte positions. */
    DecoderHarness readSplit(byte[] b, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            read(b, from, cut - from);
            from = cut;
        }
        return read(b, from, b.length - from);
    }

    /** Ends the stream, keeping what the end completes. */
    DecoderHarness finish() {
        decoder.finish(out, 1_700_000_000L, 5);
        collect();
        return this;
    }

    private void collect() {
        List<Event> events = EventDecoder.decode(out.array(), 0, out.size());
        if (events.size() != out.events()) {
            throw new AssertionError(events.size() + " events in the buffer, " + out.events() + " counted");
        }
        events.forEach(e -> records.add(e.body()));
        out.clear();
    }
}
