package io.sluice.input.tcp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Several selector threads: connections spread across them, each in order, pause and stop reaching all. */
class TcpInputWorkersTest extends TcpInputFixture {

    private static final int RECORDS = 300_000;

    private static String records(int connection, int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            sb.append("{\"c\":").append(connection).append(",\"seq\":").append(i).append("}\n");
        }
        return sb.toString();
    }

    /** The seq values of each connection, in the order they were emitted. */
    private Map<Long, List<Long>> sequencesByConnection() {
        Map<Long, List<Long>> by = new TreeMap<>();
        for (Map<String, Object> b : emitter.bodies()) {
            by.computeIfAbsent((Long) b.get("c"), k -> new ArrayList<>()).add((Long) b.get("seq"));
        }
        return by;
    }

    @Test
    void connectionsAreSpreadAcrossEveryWorkerAndEachKeepsItsOrder() throws Exception {
        Set<String> emittingThreads = ConcurrentHashMap.newKeySet();
        emitter.afterEmit(n -> emittingThreads.add(Thread.currentThread().getName()));
        start("workers", "4");
        assertThat(input.workers()).isEqualTo(4);
        List<Socket> sockets = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            sockets.add(connect());
        }
        await().atMost(10, SECONDS).until(() -> context.counter("connections") == 64);
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int c = 0; c < sockets.size(); c++) {
            Socket s = sockets.get(c);
            int connection = c;
            senders.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 2000; i += 250) {
                        send(s, records(connection, i, 250));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, SECONDS);

        await().atMost(30, SECONDS).until(() -> emitter.count() == 64 * 2000);
        Map<Long, List<Long>> by = sequencesByConnection();
        assertThat(by).hasSize(64);
        by.forEach((c, seqs) -> assertThat(seqs).as("connection %d", c).isEqualTo(range(0, 2000)));
        assertThat(emittingThreads).containsExactlyInAnyOrder("sluice-tcp.0", "sluice-tcp.0-w1", "sluice-tcp.0-w2",
                "sluice-tcp.0-w3");
    }

    @Test
    void aPauseStopsEveryWorkerAndResumeLosesNothing() throws Exception {
        start("workers", "3");
        List<SocketChannel> clients = new ArrayList<>();
        List<ByteBuffer> data = new ArrayList<>();
        // one connection per worker, accepted before the pause; more than kernel buffers hold on each
        for (int c = 0; c < 3; c++) {
            clients.add(track(SocketChannel.open(new InetSocketAddress("127.0.0.1", input.boundPort()))));
            data.add(ByteBuffer.wrap(records(c, 0, RECORDS).getBytes(StandardCharsets.UTF_8)));
        }
        await().atMost(10, SECONDS).until(() -> context.counter("connections") == 3);
        input.pause();
        for (int c = 0; c < clients.size(); c++) {
            fillUntilTheSenderBlocks(clients.get(c), data.get(c));
        }
        assertThat(emitter.count()).isZero();

        input.resume();
        List<CompletableFuture<Void>> rest = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            SocketChannel client = clients.get(c);
            ByteBuffer d = data.get(c);
            rest.add(CompletableFuture.runAsync(() -> sendTheRest(client, d)));
        }
        CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(60, SECONDS);
        await().atMost(60, SECONDS).until(() -> emitter.count() == 3 * RECORDS);
        assertThat(sequencesByConnection()).hasSize(3)
                .allSatisfy((c, seqs) -> assertThat(seqs).isEqualTo(range(0, RECORDS)));
    }

    @Test
    void stopEmitsWhatTheKernelHoldsForTheConnectionsOfEveryWorker() throws Exception {
        start("workers", "4");
        List<Socket> sockets = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            sockets.add(connect());
        }
        await().atMost(10, SECONDS).until(() -> context.counter("connections") == 8);
        input.pause();
        for (int c = 0; c < sockets.size(); c++) {
            send(sockets.get(c), records(c, 0, 300));
        }
        input.stop();
        assertThat(emitter.count()).isEqualTo(8 * 300);
        sequencesByConnection().forEach((c, seqs) -> assertThat(seqs).isEqualTo(range(0, 300)));
    }

    @Test
    void aConnectionClosingFreesItsWorkerForTheNextOne() throws Exception {
        start("workers", "2");
        for (int round = 0; round < 20; round++) {
            try (Socket s = connect()) {
                send(s, records(round, 0, 1));
            }
        }
        await().atMost(10, SECONDS).until(() -> emitter.count() == 20);
        assertThat(context.counter("connections")).isEqualTo(20);
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

    private static void sendTheRest(SocketChannel client, ByteBuffer data) {
        try {
            client.configureBlocking(true);
            while (data.hasRemaining()) {
                client.write(data);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
