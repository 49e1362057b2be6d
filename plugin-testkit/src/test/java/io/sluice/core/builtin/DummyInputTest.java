package io.sluice.core.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.api.Input;
import io.sluice.api.PluginException;
import io.sluice.support.event.Event;
import io.sluice.testkit.RecordingEmitter;
import io.sluice.testkit.TestConfigs;
import io.sluice.testkit.TestInputContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DummyInputTest {

    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<Event> events = new java.util.AbstractList<>() {
        @Override
        public Event get(int index) {
            return recorded.events().get(index);
        }

        @Override
        public int size() {
            return recorded == null ? 0 : recorded.count();
        }
    };
    private volatile RecordingEmitter recorded;
    private Input input;

    @AfterEach
    void stop() {
        if (input != null) {
            input.stop();
        }
    }

    @Test
    void emitsTheDefaultRecordSamplesTimesThenStops() throws Exception {
        input = start(Map.of("samples", "3", "rate", "50"));

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.body()).isEqualTo(Map.of("message", "dummy"));
            assertThat(e.metadata()).isEmpty();
        });
        long deadline = System.nanoTime() + Duration.ofMillis(200).toNanos();
        await().pollDelay(Duration.ofMillis(200)).until(() -> System.nanoTime() - deadline >= 0);
        assertThat(events).hasSize(3);
    }

    @Test
    void rateSpacesTheEvents() throws Exception {
        long started = System.nanoTime();
        input = start(Map.of("samples", "10", "rate", "20"));

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 10);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(events.get(9).time().toInstant()).isAfter(events.get(0).time().toInstant());
    }

    @Test
    void aHighRateIsEmittedInBatches() throws Exception {
        input = start(Map.of("samples", "20000", "rate", "100000"));

        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 20_000);
        assertThat(batchSizes.size()).isLessThan(20_000);
    }

    @Test
    void dummyAndMetadataJsonAreEncodedWithNestingAndTypes() throws Exception {
        input = start(Map.of("samples", "1", "dummy",
                "{\"a\":[1,2.5,\"x\",null,true],\"n\":{\"big\":18446744073709551615,\"neg\":-5}}",
                "metadata", "{\"k\":\"v\"}"));

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
        Event e = events.get(0);
        assertThat(e.metadata()).isEqualTo(Map.of("k", "v"));
        assertThat(e.body().get("a")).isEqualTo(java.util.Arrays.asList(1L, 2.5, "x", null, true));
        assertThat(((Map<?, ?>) e.body().get("n")).get("neg")).isEqualTo(-5L);
        assertThat(((Map<?, ?>) e.body().get("n")).get("big").toString()).isEqualTo("18446744073709551615");
    }

    @Test
    void whilePausedNothingIsEmitted() throws Exception {
        input = start(Map.of("rate", "200"));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 2);

        input.pause();
        int atPause = events.size();
        long until = System.nanoTime() + Duration.ofMillis(200).toNanos();
        await().pollDelay(Duration.ofMillis(200)).until(() -> System.nanoTime() - until >= 0);
        assertThat(events.size()).isLessThanOrEqualTo(atPause + 1);

        input.resume();
        int resumedFrom = events.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= resumedFrom + 2);
    }

    @Test
    void invalidDummyJsonOrRateIsAConfigurationErrorNamingTheKey() {
        assertThatThrownBy(() -> TestConfigs.of(new DummyPlugin(), Map.of("dummy", "{\"message\": ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dummy: invalid JSON: ");
        assertThatThrownBy(() -> TestConfigs.of(new DummyPlugin(), Map.of("dummy", "[1,2]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> TestConfigs.of(new DummyPlugin(), Map.of("rate", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a whole number from 1 to 10000000");
        assertThatThrownBy(() -> TestConfigs.of(new DummyPlugin(), Map.of("rate", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 10000000");
    }

    private Input start(Map<String, String> settings) throws PluginException {
        RecordingEmitter emitter = new RecordingEmitter();
        emitter.afterEmit(batchSizes::add);
        recorded = emitter;
        Input created = new DummyPlugin().create(new TestInputContext(new DummyPlugin(), settings, emitter));
        created.start();
        return created;
    }
}
