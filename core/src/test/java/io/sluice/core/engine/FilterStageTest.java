package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.EventBatch;
import io.sluice.api.Filter;
import io.sluice.api.FilterContext;
import io.sluice.api.FilterPlugin;
import io.sluice.api.FilterResult;
import io.sluice.api.FilterSink;
import io.sluice.api.config.Property;
import io.sluice.core.config.ValidatedConfig;
import io.sluice.support.event.EventDecoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's filter stage: matching, order, keep/drop/rewrite/re-tag, metrics, and faults that lose nothing. */
class FilterStageTest {

    private final LogCapture log = new LogCapture("engine");
    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
        log.close();
    }

    private static long seq(Map<String, Object> body) {
        return ((Number) body.get("seq")).longValue();
    }

    @Test
    void aFilterDropsAndRewritesRecordsBeforeTheyReachTheOutputAndCountsThem() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "app");
        TestFilter evens = new TestFilter((tag, body) -> seq(body) % 2 == 0 ? TestFilter.Decision.drop()
                : TestFilter.Decision.keep(with(body, "odd", true)));
        p.addFilter(evens.factory(), "evens.0", "app", ValidatedConfig.empty());
        TestOutput out = p.output("out.0", "*");
        engine = p.start();

        in.emit(10);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 5);
        assertThat(out.delivered()).containsExactly(1L, 3L, 5L, 7L, 9L);
        assertThat(EventDecoder.decode(out.chunks().get(0))).allSatisfy(e -> assertThat(e.body()).containsEntry("odd",
                true));
        var m = engine.metrics().filter("evens.0");
        assertThat(m.get("records")).isEqualTo(10);
        assertThat(m.get("drop_records")).isEqualTo(5);
        assertThat(m.get("add_records")).isZero();
        assertThat(m.get("bytes")).isEqualTo(out.chunks().get(0).length());
        assertThat(engine.metrics().input("in.0").get("records")).isEqualTo(10);
    }

    @Test
    void filtersRunInOrderOnlyOnTagsTheyMatch() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "app");
        TestFilter first = new TestFilter((tag, body) -> TestFilter.Decision.keep(with(body, "step", "first")));
        TestFilter second = new TestFilter((tag, body) -> TestFilter.Decision.keep(with(body, "step",
                body.get("step") + ",second")));
        TestFilter other = new TestFilter((tag, body) -> TestFilter.Decision.drop());
        p.addFilter(first.factory(), "first.0", "app", ValidatedConfig.empty());
        p.addFilter(other.factory(), "other.1", "db*", ValidatedConfig.empty());
        p.addFilter(second.factory(), "second.2", "a*", ValidatedConfig.empty());
        TestOutput out = p.output("out.0", "*");
        engine = p.start();

        in.emit(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 3);
        assertThat(EventDecoder.decode(out.chunks().get(0))).allSatisfy(e -> assertThat(e.body())
                .containsEntry("step", "first,second"));
        assertThat(other.calls()).isZero();
        assertThat(engine.metrics().filter("other.1").get("records")).isZero();
    }

    @Test
    void reTaggedCopiesAreRoutedByTheirNewTagAndCountedAsEmitted() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "app");
        TestFilter retag = new TestFilter((tag, body) -> seq(body) < 3 ? TestFilter.Decision.retag("alerts", false)
                : TestFilter.Decision.keep(body));
        p.addFilter(retag.factory(), "retag.0", "app", ValidatedConfig.empty());
        TestOutput main = p.output("main.0", "app");
        TestOutput alerts = p.output("alerts.1", "alerts");
        engine = p.start();

        in.emit(6);

        await().atMost(Duration.ofSeconds(5)).until(() -> main.delivered().size() == 3
                && alerts.delivered().size() == 3);
        assertThat(alerts.delivered()).containsExactly(0L, 1L, 2L);
        assertThat(alerts.chunks()).allSatisfy(c -> assertThat(c.tag()).isEqualTo("alerts"));
        assertThat(main.delivered()).containsExactly(3L, 4L, 5L);
        var m = engine.metrics().filter("retag.0");
        assertThat(m.get("emit_records")).isEqualTo(3);
        assertThat(m.get("drop_records")).isEqualTo(3);
    }

    @Test
    void aFilterThatReTagsWhatItEmittedIsRefusedAndTheRecordKeepsItsTag() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "app");
        TestFilter loop = new TestFilter((tag, body) -> TestFilter.Decision.retag(tag + ".x", false));
        p.addFilter(loop.factory(), "loop.0", "*", ValidatedConfig.empty());
        TestOutput out = p.output("out.0", "*");
        engine = p.start();

        in.emit(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 2);
        assertThat(out.chunks()).allSatisfy(c -> assertThat(c.tag()).isEqualTo("app.x"));
        assertThat(log.containing("emitter cycle detected")).isNotEmpty();
        assertThat(engine.metrics().filter("loop.0").get("emit_records")).isEqualTo(2);
    }

    @Test
    void aFilterThatThrowsPassesTheBatchOnUnchangedAndIsCounted() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "app");
        FilterPlugin broken = factory(new Filter() {
            @Override
            public FilterResult filter(EventBatch batch, FilterSink sink) {
                sink.write(batch.data(), batch.offset(), Math.min(3, batch.length()), 0);
                throw new IllegalStateException("filter bug");
            }
        });
        p.addFilter(broken, "broken.0", "*", ValidatedConfig.empty());
        TestOutput out = p.output("out.0", "*");
        engine = p.start();

        in.emit(4);
        in.emit(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> out.delivered().size() == 7);
        assertThat(out.delivered()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(engine.metrics().filter("broken.0").get("errors")).isEqualTo(2);
        assertThat(log.containing("filter broken.0 failed on a batch of 4 records tagged 'app'")).hasSize(1);
    }

    @Test
    void aFilterThatDropsEverythingEndsTheChainAndNothingIsFlushed() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "app");
        TestFilter none = new TestFilter((tag, body) -> TestFilter.Decision.drop());
        TestFilter after = new TestFilter((tag, body) -> TestFilter.Decision.keep(body));
        p.addFilter(none.factory(), "none.0", "*", ValidatedConfig.empty());
        p.addFilter(after.factory(), "after.1", "*", ValidatedConfig.empty());
        TestOutput out = p.output("out.0", "*");
        engine = p.start();

        in.emit(5);

        await().atMost(Duration.ofSeconds(5)).until(() -> engine.metrics().filter("none.0").get("records") == 5);
        assertThat(after.calls()).isZero();
        assertThat(engine.metrics().filter("none.0").get("drop_records")).isEqualTo(5);
        assertThat(out.calls()).isZero();
    }

    @Test
    void filtersAreStartedBeforeInputsAndStoppedAtShutdown() throws Exception {
        TestPipeline p = new TestPipeline();
        p.input("in.0", "app");
        TestFilter f = new TestFilter((tag, body) -> TestFilter.Decision.keep(body));
        p.addFilter(f.factory(), "f.0", "*", ValidatedConfig.empty());
        p.output("out.0", "*");
        engine = p.start();
        assertThat(f.started()).isTrue();

        engine.shutdown();

        assertThat(f.stopped()).isTrue();
    }

    @Test
    void anInputMayEmitUnderATagOfItsChoosingAndEachTagGetsItsOwnChunks() throws Exception {
        TestPipeline p = new TestPipeline();
        TestInput in = p.input("in.0", "own");
        TestOutput own = p.output("own.0", "own");
        TestOutput chosen = p.output("chosen.1", "chosen.*");
        engine = p.start();

        in.emit(2);
        in.emit("chosen.a", 3, 0);
        in.emit("chosen.b", 1, 0);

        await().atMost(Duration.ofSeconds(5)).until(() -> own.delivered().size() == 2
                && chosen.delivered().size() == 4);
        assertThat(chosen.chunks()).extracting(c -> c.tag()).containsExactlyInAnyOrder("chosen.a", "chosen.b");
        assertThat(engine.metrics().input("in.0").get("records")).isEqualTo(6);
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static FilterPlugin factory(Filter filter) {
        return new FilterPlugin() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public String description() {
                return "scripted filter";
            }

            @Override
            public List<Property<?>> properties() {
                return List.of();
            }

            @Override
            public Filter create(FilterContext context) {
                return filter;
            }
        };
    }
}
