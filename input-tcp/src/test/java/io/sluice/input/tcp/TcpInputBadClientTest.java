package io.sluice.input.tcp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each kind of bad client, scripted, while a good client sends beside it and must lose nothing. */
class TcpInputBadClientTest extends TcpInputFixture {

    private static final int GOOD_RECORDS = 3000;

    enum BadClient {
        INVALID_JSON("invalid_json", true),
        OVERSIZE_RECORD("oversize_records", true),
        BINARY_GARBAGE("invalid_json", true),
        TOP_LEVEL_SCALARS("skipped_values", true),
        SILENT(null, false),
        DISCONNECT_MID_RECORD("incomplete_records", false);

        final String counter;
        final boolean staysUsable;

        BadClient(String counter, boolean staysUsable) {
            this.counter = counter;
            this.staysUsable = staysUsable;
        }

        void misbehave(Socket s) throws Exception {
            switch (this) {
                case INVALID_JSON -> send(s, "{\"a\":1}\n{\"broken\": tru}\n{\"b\": }\n");
                case OVERSIZE_RECORD -> send(s, "{\"big\":\"" + "x".repeat(5000) + "\"}\n");
                case BINARY_GARBAGE -> {
                    byte[] junk = new byte[20_000];
                    new Random(7).nextBytes(junk);
                    for (int i = 0; i < junk.length; i++) {
                        junk[i] = junk[i] == '\n' ? 0 : junk[i];
                    }
                    s.getOutputStream().write(junk);
                    send(s, "\n");
                }
                case TOP_LEVEL_SCALARS -> send(s, "42 \"text\" true\n");
                case SILENT -> { }
                case DISCONNECT_MID_RECORD -> {
                    send(s, "{\"cut\": [1, 2, ");
                    s.close();
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BadClient.class)
    void aBadClientDoesNotDisturbAGoodOne(BadClient bad) throws Exception {
        start("buffer_size", "1");
        Socket good = connect();
        Socket evil = connect();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < GOOD_RECORDS; i += 100) {
                    send(good, records(i, 100));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        bad.misbehave(evil);
        sending.get(30, SECONDS);

        await().atMost(20, SECONDS).until(() -> sequence().size() == GOOD_RECORDS);
        assertThat(sequence()).isEqualTo(range(0, GOOD_RECORDS));
        if (bad.counter != null) {
            await().atMost(10, SECONDS).until(() -> context.counter(bad.counter) >= 1);
        }
        if (bad.staysUsable) {
            send(evil, "{\"bad client\":\"recovered\"}\n");
            await().atMost(10, SECONDS).until(() -> emitter.bodies().contains(Map.of("bad client", "recovered")));
        }
        assertThat(context.counter("connections")).isEqualTo(2);
    }
}
