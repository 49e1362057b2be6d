package io.sluice.testkit;

import io.sluice.api.EventBatch;
import io.sluice.api.Filter;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventBuffer;
import io.sluice.support.event.EventDecoder;
import io.sluice.support.event.EventTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a filter on records as core would and keeps what came out: the batch that goes on (the input unchanged, or
 * what the filter wrote) and the copies emitted under other tags.
 *
 * @param result  what the filter answered
 * @param kept    the events that go on under the batch's tag
 * @param emitted the copies emitted, by tag, in order
 */
public record FilterRun(FilterResult result, List<Event> kept, Map<String, List<Event>> emitted) {

    /** Runs {@code filter} on one batch of {@code bodies} tagged {@code tag}, all at one fixed time. */
    public static FilterRun of(Filter filter, String tag, List<Map<String, ?>> bodies) {
        EventBuffer in = new EventBuffer(1024);
        EventTime time = new EventTime(1_700_000_000L, 123_456_789);
        for (Map<String, ?> body : bodies) {
            in.writeEvent(time, body);
        }
        return of(filter, new EventBatch(tag, in.toByteArray(), 0, in.size(), in.events()));
    }

    /** Runs {@code filter} on {@code batch}. */
    public static FilterRun of(Filter filter, EventBatch batch) {
        EventBuffer written = new EventBuffer(1024);
        int[] writtenRecords = {0};
        Map<String, List<Event>> emitted = new LinkedHashMap<>();
        FilterSink sink = new FilterSink() {
            @Override
            public void write(byte[] data, int offset, int length, int records) {
                List<Event> events = EventDecoder.decode(data, offset, length);
                if (events.size() != records) {
                    throw new AssertionError("wrote " + records + " records but the bytes hold " + events.size());
                }
                written.write(data, offset, length);
                writtenRecords[0] += records;
            }

            @Override
            public boolean emit(String tag, byte[] data, int offset, int length, int records) {
                List<Event> events = EventDecoder.decode(data, offset, length);
                if (events.size() != records) {
                    throw new AssertionError("emitted " + records + " records but the bytes hold " + events.size());
                }
                emitted.computeIfAbsent(tag, t -> new ArrayList<>()).addAll(events);
                return true;
            }
        };
        FilterResult result = filter.filter(batch, sink);
        List<Event> kept = result == FilterResult.REPLACED
                ? EventDecoder.decode(written.array(), 0, written.size())
                : EventDecoder.decode(batch);
        return new FilterRun(result, kept, emitted);
    }

    /** The bodies that go on, in order. */
    public List<Map<String, Object>> keptBodies() {
        return kept.stream().map(Event::body).toList();
    }
}
