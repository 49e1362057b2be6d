package io.sluice.core.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.api.Emitter;
import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.PluginException;
import io.sluice.api.PluginMetrics;
import io.sluice.api.config.PluginConfig;
import io.sluice.api.event.Event;
import io.sluice.api.event.EventDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DummyInputTest {

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
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
    void invalidDummyJsonFailsTheStartWithTheReason() {
        assertThatThrownBy(() -> start(Map.of("dummy", "{\"message\": ")))
                .isInstanceOf(PluginException.class).hasMessageStartingWith("invalid JSON in 'dummy': ");
        assertThatThrownBy(() -> start(Map.of("dummy", "[1,2]")))
                .isInstanceOf(PluginException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> start(Map.of("rate", "0")))
                .isInstanceOf(PluginException.class).hasMessageContaining("rate");
    }

    private Input start(Map<String, String> settings) throws PluginException {
        DummyPlugin plugin = new DummyPlugin();
        PluginConfig config = PluginConfig.ofSingle(plugin.properties(), settings);
        Input created = plugin.create(context(config));
        created.start();
        return created;
    }

    private InputContext context(PluginConfig config) {
        Emitter emitter = (data, offset, length, records) -> {
            batchSizes.add(records);
            events.addAll(EventDecoder.decode(data, offset, length));
        };
        return new InputContext() {
            @Override
            public String tag() {
                return "dummy.0";
            }

            @Override
            public Emitter emitter() {
                return emitter;
            }

            @Override
            public String instanceName() {
                return "dummy.0";
            }

            @Override
            public PluginConfig config() {
                return config;
            }

            @Override
            public Logger logger() {
                return LoggerFactory.getLogger("input:dummy:dummy.0");
            }

            @Override
            public PluginMetrics metrics() {
                return (name, help) -> {
                    throw new UnsupportedOperationException();
                };
            }
        };
    }
}
