package io.sluice.filter.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.EventBatch;
import io.sluice.api.Filter;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.support.event.EventBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A filter run on raw bytes, as core runs it, keeping what comes out in a form that shows key order and duplicate
 * keys: the bodies that go on and the copies emitted, each as single-quoted JSON ({@link Json}). Also checks that
 * every record count the filter reports matches its bytes.
 *
 * @param result  what the filter answered
 * @param kept    the bodies going on under the batch's tag
 * @param emitted the copies' bodies by tag
 * @param keptBytes the exact bytes going on
 * @param input   the batch as it came
 */
record Run(FilterResult result, List<String> kept, Map<String, List<String>> emitted, byte[] keptBytes,
           EventBatch input) {

    static final long SECONDS = 1_700_000_000L;
    static final int NANOS = 123_456_789;

    /** The events of {@code bodies} (single-quoted JSON), one time, empty metadata, as one batch. */
    static EventBatch batch(String tag, String... bodies) {
        EventBuffer b = new EventBuffer(256);
        for (String body : bodies) {
            b.beginEvent(SECONDS, NANOS);
            b.write(Json.body(body));
            b.endEvent();
        }
        return new EventBatch(tag, b.toByteArray(), 0, b.size(), b.events());
    }

    static Run of(Filter filter, String tag, String... bodies) {
        return of(filter, batch(tag, bodies), Set.of());
    }

    /** Runs {@code filter} on {@code batch}; emissions to a tag in {@code refuse} are refused, as core refuses cycles. */
    static Run of(Filter filter, EventBatch batch, Set<String> refuse) {
        EventBuffer written = new EventBuffer(256);
        int[] writtenRecords = {0};
        Map<String, List<String>> emitted = new LinkedHashMap<>();
        FilterSink sink = new FilterSink() {
            @Override
            public void write(byte[] data, int offset, int length, int records) {
                assertThat(bodies(data, offset, length)).as("records written").hasSize(records);
                written.write(data, offset, length);
                writtenRecords[0] += records;
            }

            @Override
            public boolean emit(String tag, byte[] data, int offset, int length, int records) {
                List<String> copies = bodies(data, offset, length);
                assertThat(copies).as("records emitted").hasSize(records);
                if (refuse.contains(tag)) {
                    return false;
                }
                emitted.computeIfAbsent(tag, t -> new ArrayList<>()).addAll(copies);
                return true;
            }
        };
        FilterResult result = filter.filter(batch, sink);
        assertThat(result).isNotNull();
        byte[] keptBytes = result == FilterResult.REPLACED ? written.toByteArray()
                : Arrays.copyOfRange(batch.data(), batch.offset(), batch.offset() + batch.length());
        return new Run(result, bodies(keptBytes, 0, keptBytes.length), emitted, keptBytes, batch);
    }

    /** The bodies of the events in {@code data[offset, offset+length)}, group markers left out. */
    static List<String> bodies(byte[] data, int offset, int length) {
        List<String> out = new ArrayList<>();
        EventWalker ev = new EventWalker();
        ev.reset(new EventBatch("t", data, offset, length, 0));
        while (ev.next()) {
            if (!ev.marker) {
                ev.reader.position(ev.body);
                out.add(Json.render(ev.reader));
            }
        }
        return out;
    }

    /** The only body going on. */
    String only() {
        assertThat(kept).hasSize(1);
        return kept.get(0);
    }

    /** Whether the batch went on as it came, bytes and all. */
    boolean untouched() {
        return result == FilterResult.UNCHANGED;
    }
}
