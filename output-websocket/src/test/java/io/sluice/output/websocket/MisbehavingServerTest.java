package io.sluice.output.websocket;

import static io.sluice.output.websocket.OutputHarness.context;
import static io.sluice.output.websocket.OutputHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sluice.api.FlushResult;
import io.sluice.api.Output;
import io.sluice.output.websocket.ScriptedServer.Behaviour;
import io.sluice.testkit.TestOutputContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MisbehavingServerTest {

    private final OutputHarness harness = new OutputHarness();
    private ScriptedServer scripted;
    private RecordingServer real;

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        if (scripted != null) {
            scripted.close();
        }
        if (real != null) {
            real.close();
        }
    }

    @Test
    void aHeaderValueEchoedInTheRefusalBodyIsNotLogged() throws Exception {
        scripted = new ScriptedServer(Behaviour.FORBIDDEN);
        TestOutputContext context = context(scripted.port(), Map.of("header", "X-Secret endpoint"));
        Output out = harness.start(context);

        assertThat(out.flush(Chunks.numbered(0, 3), 0)).isEqualTo(FlushResult.RETRY);

        assertThat(context.log().atOrAbove(Level.WARN)).singleElement().asString()
                .contains("403 Forbidden", "invalid token for this ***").doesNotContain("endpoint");
    }

    @Test
    void forbiddenUpgradeIsAClearErrorAndRecoversWhenTheServerIsFixed() throws Exception {
        scripted = new ScriptedServer(Behaviour.FORBIDDEN);
        int port = scripted.port();
        TestOutputContext context = context(port, Map.of());
        Output out = harness.start(context);

        assertThat(out.flush(Chunks.numbered(0, 3), 0)).isEqualTo(FlushResult.RETRY);
        assertThat(out.flush(Chunks.numbered(0, 3), 0)).isEqualTo(FlushResult.RETRY);

        assertThat(context.log().atOrAbove(Level.WARN)).singleElement().asString()
                .contains("refused the WebSocket upgrade", "403 Forbidden", ScriptedServer.FORBIDDEN_BODY);
        scripted.close();
        scripted = null;
        real = RecordingServer.start(port);
        deliver(out, Chunks.numbered(0, 3));
        assertThat(Chunks.received(real)).containsExactly(0L, 1L, 2L);
        assertThat(context.log().atOrAbove(Level.INFO)).anyMatch(l -> l.contains("reconnected"));
    }

    @Test
    void serverThatNeverAnswersTheUpgradeTimesOutAndRetries() throws Exception {
        scripted = new ScriptedServer(Behaviour.NEVER_ANSWERS_UPGRADE);
        TestOutputContext context = context(scripted.port(), Map.of("net.connect_timeout", "1"));
        Output out = harness.start(context);

        long start = System.nanoTime();
        assertThat(out.flush(Chunks.numbered(0, 1), 0)).isEqualTo(FlushResult.RETRY);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(context.log().atOrAbove(Level.WARN)).singleElement().asString()
                .contains("cannot connect", "no connection and upgrade within 1s");
    }

    @Test
    void wrongSecWebSocketAcceptIsRejected() throws Exception {
        scripted = new ScriptedServer(Behaviour.WRONG_ACCEPT);
        TestOutputContext context = context(scripted.port(), Map.of("net.connect_timeout", "2"));
        Output out = harness.start(context);

        assertThat(out.flush(Chunks.numbered(0, 1), 0)).isEqualTo(FlushResult.RETRY);

        assertThat(context.log().atOrAbove(Level.WARN)).singleElement().asString().contains("Sec-WebSocket-Accept");
        assertThat(scripted.bytesAfterUpgrade.get()).isZero();
    }

    @Test
    void serverThatNeverAnswersPingsGetsOneErrorSuggestingConfirmDeliveryOff() throws Exception {
        scripted = new ScriptedServer(Behaviour.NEVER_ANSWERS_PINGS);
        TestOutputContext context = context(scripted.port(), Map.of("confirm_timeout", "1"));
        Output out = harness.start(context);

        for (int i = 0; i < 3; i++) {
            assertThat(out.flush(Chunks.numbered(0, 1), 0)).isEqualTo(FlushResult.RETRY);
        }

        assertThat(context.log().atOrAbove(Level.ERROR)).singleElement().asString()
                .contains("did not answer a Ping", "confirm_delivery off");
    }

    @Test
    void connectionThatGoesSilentIsDroppedAsDeadAndNotBlamedOnPings() throws Exception {
        scripted = new ScriptedServer(Behaviour.GOES_SILENT_AFTER_ONE_PONG);
        TestOutputContext context = context(scripted.port(), Map.of("confirm_timeout", "1"));
        Output out = harness.start(context);

        assertThat(out.flush(Chunks.numbered(0, 1), 0)).isEqualTo(FlushResult.OK);
        assertThat(out.flush(Chunks.numbered(1, 1), 0)).isEqualTo(FlushResult.RETRY);
        assertThat(out.flush(Chunks.numbered(1, 1), 0)).isEqualTo(FlushResult.OK);

        assertThat(scripted.connections.get()).isEqualTo(2);
        assertThat(context.log().atOrAbove(Level.ERROR)).isEmpty();
        assertThat(context.log().atOrAbove(Level.WARN)).singleElement().asString().contains("presumed dead");
    }

    @Test
    void withConfirmDeliveryOffAServerThatNeverAnswersPingsStillGetsData() throws Exception {
        scripted = new ScriptedServer(Behaviour.NEVER_ANSWERS_PINGS);
        TestOutputContext context = context(scripted.port(), Map.of("confirm_delivery", "off"));
        Output out = harness.start(context);

        assertThat(out.flush(Chunks.numbered(0, 10), 0)).isEqualTo(FlushResult.OK);

        int frameBytes = Chunks.numbered(0, 10).length();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> scripted.bytesAfterUpgrade.get() >= frameBytes);
        assertThat(context.log().atOrAbove(Level.WARN)).isEmpty();
    }
}
