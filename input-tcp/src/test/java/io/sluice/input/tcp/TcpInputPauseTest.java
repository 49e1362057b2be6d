package io.sluice.input.tcp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TcpInputPauseTest extends TcpInputFixture {

    private static final int RECORDS = 200_000;

    @Test
    void whilePausedTheSenderBlocksAndAfterResumeEverythingArrives() throws Exception {
        start();
        input.pause();
        SocketChannel client = track(SocketChannel.open(new InetSocketAddress("127.0.0.1", input.boundPort())));
        ByteBuffer data = ByteBuffer.wrap(records(0, RECORDS).getBytes(StandardCharsets.UTF_8));

        fillUntilTheSenderBlocks(client, data);
        assertThat(emitter.count()).isZero();

        input.resume();
        sendTheRest(client, data);
        await().atMost(30, SECONDS).until(() -> emitter.count() == RECORDS);
        assertThat(sequence()).isEqualTo(range(0, RECORDS));
    }

    @Test
    void aPauseFromInsideEmitStopsReadingAtOnceAndResumeLosesNothing() throws Exception {
        AtomicBoolean pausedOnce = new AtomicBoolean();
        AtomicInteger countAtPause = new AtomicInteger(-1);
        start();
        emitter.afterEmit(n -> {
            if (emitter.count() >= 1000 && pausedOnce.compareAndSet(false, true)) {
                countAtPause.set(emitter.count());
                input.pause();
            }
        });
        SocketChannel client = track(SocketChannel.open(new InetSocketAddress("127.0.0.1", input.boundPort())));
        ByteBuffer data = ByteBuffer.wrap(records(0, RECORDS).getBytes(StandardCharsets.UTF_8));

        fillUntilTheSenderBlocks(client, data);
        await().atMost(10, SECONDS).until(pausedOnce::get);
        fillUntilTheSenderBlocks(client, data);
        assertThat(emitter.count()).isEqualTo(countAtPause.get());

        input.resume();
        sendTheRest(client, data);
        await().atMost(30, SECONDS).until(() -> emitter.count() == RECORDS);
        assertThat(sequence()).isEqualTo(range(0, RECORDS));
    }

    /** Writes without blocking until the kernel's buffers are full, which only happens when nobody reads. */
    private static void fillUntilTheSenderBlocks(SocketChannel client, ByteBuffer data) throws Exception {
        client.configureBlocking(false);
        int zeroWrites = 0;
        long deadline = System.nanoTime() + SECONDS.toNanos(20);
        while (zeroWrites < 1000 && System.nanoTime() < deadline) {
            zeroWrites = client.write(data) == 0 ? zeroWrites + 1 : 0;
        }
        assertThat(zeroWrites).as("sender blocked").isEqualTo(1000);
        assertThat(data.hasRemaining()).as("data left to send while blocked").isTrue();
    }

    private static void sendTheRest(SocketChannel client, ByteBuffer data) throws Exception {
        client.configureBlocking(true);
        while (data.hasRemaining()) {
            client.write(data);
        }
    }
}
