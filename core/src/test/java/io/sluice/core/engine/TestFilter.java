package io.sluice.core.engine;

import io.sluice.api.EventBatch;
import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.api.config.Property;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventBuffer;
import io.sluice.support.event.EventDecoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A filter whose decision per record the test scripts: keep, drop, rewrite the body, or re-tag a copy. */
final class TestFilter implements Filter {

    /** What to do with one record. */
    interface Rule {
        Decision decide(String tag, Map<String, Object> body);
    }

    /** One record's fate: {@code body} (null drops it), and an optional tag to emit a copy under. */
    record Decision(Map<String, Object> body, String emitTag, boolean keepOriginal) {
        static Decision keep(Map<String, Object> body) {
            return new Decision(body, null, true);
        }

        static Decision drop() {
            return new Decision(null, null, false);
        }

        static Decision retag(String tag, boolean keep) {
            return new Decision(null, tag, keep);
        }
    }

    private final Rule rule;
    private final AtomicInteger calls = new AtomicInteger();
    private final EventBuffer out = new EventBuffer(1024);
    private final EventBuffer one = new EventBuffer(256);
    private volatile boolean started;
    private volatile boolean stopped;

    TestFilter(Rule rule) {
        this.rule = rule;
    }

    FilterPlugin factory() {
        return new FilterPlugin() {
            @Override
            public String name() {
                return "test_filter";
            }

            @Override
            public String description() {
                return "test filter";
            }

            @Override
            public List<Property<?>> properties() {
                return List.of();
            }

            @Override
            public Filter create(FilterContext context) {
                return TestFilter.this;
            }
        };
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public FilterResult filter(EventBatch batch, FilterSink sink) {
        calls.incrementAndGet();
        out.clear();
        for (Event e : EventDecoder.decode(batch)) {
            Decision d = rule.decide(batch.tag(), e.body());
            Map<String, Object> keptBody = d.body;
            if (d.emitTag != null) {
                one.clear();
                one.writeEvent(e.time(), e.body());
                boolean accepted = sink.emit(d.emitTag, one.array(), 0, one.size(), 1);
                if (!accepted || d.keepOriginal) {
                    keptBody = e.body();
                }
            }
            if (keptBody != null) {
                out.writeEvent(e.time(), keptBody);
            }
        }
        out.writeTo(sink);
        return FilterResult.REPLACED;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    int calls() {
        return calls.get();
    }

    boolean started() {
        return started;
    }

    boolean stopped() {
        return stopped;
    }
}
