package io.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Signals as events, without installing handlers: {@code onSignal} stands for the JVM calling ours. */
class SignalsTest {

    private final Signals signals = new Signals();

    @Test
    void requestsWhileAReloadWaitsOrRunsAddAtMostOneMoreReload() {
        signals.hotReload(() -> true);
        signals.reload("HTTP");
        signals.onSignal("SIGHUP", 1);

        assertThat(signals.next()).isEqualTo(SignalEvent.reload("HTTP"));
        // the reload runs now; three more requests come in meanwhile
        signals.onSignal("SIGHUP", 1);
        signals.reload("HTTP");
        signals.onSignal("SIGHUP", 1);
        signals.fail("marker");

        assertThat(signals.next()).isEqualTo(SignalEvent.reload("SIGHUP"));
        assertThat(signals.next()).isEqualTo(SignalEvent.failure("marker"));
    }

    @Test
    void sighupAsksAtEachSignalWhetherHotReloadIsOn() {
        AtomicBoolean on = new AtomicBoolean(true);
        signals.hotReload(on::get);

        signals.onSignal("SIGHUP", 1);
        assertThat(signals.next()).isEqualTo(SignalEvent.reload("SIGHUP"));

        on.set(false);
        signals.onSignal("SIGHUP", 1);
        assertThat(signals.next()).isEqualTo(SignalEvent.stop("SIGHUP"));
        assertThat(signals.stopping()).isTrue();
    }

    @Test
    void sighupStopsBeforeAnythingSaysHotReloadIsOn() {
        signals.onSignal("SIGHUP", 1);

        assertThat(signals.next()).isEqualTo(new SignalEvent(SignalEvent.Kind.STOP, "SIGHUP", false));
    }

    @Test
    void aFailureStopsOnceAndSaysItIsAFailure() {
        signals.fail("input 'tcp.0' failed");
        signals.fail("again");
        signals.onSignal("SIGTERM", 15); // within a second of the stop: ignored, not a forced exit
        signals.reload("HTTP");
        signals.hotReload(() -> true);
        signals.onSignal("SIGINT", 2);
        signals.fail("last");

        SignalEvent event = signals.next();
        assertThat(event.kind()).isEqualTo(SignalEvent.Kind.STOP);
        assertThat(event.failure()).isTrue();
        assertThat(event.reason()).isEqualTo("input 'tcp.0' failed");
    }
}
