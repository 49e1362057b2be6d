package io.sluice.input.tcp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TcpInputTest extends TcpInputFixture {

    @Test
    void theEchoScenarioRecordArrives() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, "{\"key 1\": 123456789, \"key 2\": \"abcdefg\"}\n");
        }
        await().atMost(10, SECONDS).until(() -> emitter.count() == 1);
        assertThat(emitter.bodies()).containsExactly(Map.of("key 1", 123456789L, "key 2", "abcdefg"));
        assertThat(emitter.emitterThread().getName()).isEqualTo("sluice-tcp.0");
    }

    @Test
    void concatenatedPrettyPrintedAndArrayFramingsArriveOverASocket() throws Exception {
        start();
        Socket s = connect();
        send(s, "{\"a\":1}{\"b\"");
        send(s, ":2}\n{\n  \"c\": 3\n");
        send(s, "}\n[{\"d\":4},{\"e\":5}]");
        await().atMost(10, SECONDS).until(() -> emitter.count() == 5);
        assertThat(emitter.bodies()).containsExactly(Map.of("a", 1L), Map.of("b", 2L), Map.of("c", 3L),
                Map.of("d", 4L), Map.of("e", 5L));
    }

    @Test
    void formatNoneMakesALogRecordOfEachLine() throws Exception {
        start("format", "none", "separator", "\\r\\n");
        Socket s = connect();
        send(s, "first\r\n\r\nsecond {\"x\":1}\r");
        send(s, "\nthird");
        await().atMost(10, SECONDS).until(() -> emitter.count() == 2);
        assertThat(emitter.bodies()).containsExactly(Map.of("log", "first"), Map.of("log", "second {\"x\":1}"));
    }

    @Test
    void theSourceAddressKeyNamesThePeer() throws Exception {
        start("source_address_key", "source");
        Socket s = connect();
        send(s, "{\"a\":1}\n");
        await().atMost(10, SECONDS).until(() -> emitter.count() == 1);
        Map<String, Object> body = emitter.bodies().get(0);
        assertThat(body.keySet()).containsExactly("a", "source");
        assertThat(body.get("source")).isEqualTo("tcp://127.0.0.1:" + s.getLocalPort());
    }

    @Test
    void aRecordLeftOpenAtDisconnectIsCountedIncomplete() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, "{\"whole\":1}\n{\"half\":");
        }
        await().atMost(10, SECONDS).until(() -> context.counter("incomplete_records") == 1);
        assertThat(emitter.bodies()).containsExactly(Map.of("whole", 1L));
    }

    @Test
    void aThousandConcurrentConnectionsAllDeliver() throws Exception {
        start();
        List<Socket> sockets = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sockets.add(connect());
        }
        await().atMost(20, SECONDS).until(() -> context.counter("connections") == 1000);
        for (int i = 0; i < sockets.size(); i++) {
            send(sockets.get(i), records(i, 1));
        }
        await().atMost(30, SECONDS).until(() -> emitter.count() == 1000);
        assertThat(sequence()).containsExactlyInAnyOrderElementsOf(range(0, 1000));
    }

    @Test
    void stopEmitsWhatTheKernelAlreadyHolds() throws Exception {
        start();
        Socket s = connect();
        await().atMost(10, SECONDS).until(() -> context.counter("connections") == 1);
        input.pause();
        send(s, records(0, 500));
        input.stop();
        assertThat(sequence()).isEqualTo(range(0, 500));
    }

    @Test
    void problemsThatRepeatAreLoggedOnceNamingThePeer() throws Exception {
        start();
        Socket s = connect();
        send(s, "{\"broken\": tru}\n{\"b\": }\n{\"ok\":1}\n");
        await().atMost(10, SECONDS).until(() -> emitter.count() == 1);
        assertThat(context.counter("invalid_json")).isEqualTo(2);
        assertThat(context.log().messages(Level.WARN)).singleElement().asString()
                .contains("invalid JSON").contains("tcp://127.0.0.1:" + s.getLocalPort());
    }

    @Test
    void aFailureThatEndsTheSelectorThreadIsReportedAsTheInputsFailure() throws Exception {
        start();
        emitter.afterEmit(n -> {
            throw new LinkageError("simulated failure on the selector thread");
        });
        send(connect(), "{\"a\":1}\n");
        await().atMost(10, SECONDS).until(() -> !context.failures().isEmpty());
        assertThat(context.failures()).singleElement().asString().contains("selector loop failed");
    }

    @Test
    void portZeroBindsAFreePort() throws Exception {
        start();
        assertThat(input.boundPort()).isPositive();
    }
}
