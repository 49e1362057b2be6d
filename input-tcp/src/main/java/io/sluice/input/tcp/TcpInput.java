package io.sluice.input.tcp;

import com.fasterxml.jackson.core.JsonFactory;
import io.sluice.api.Emitter;
import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.PluginException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The running tcp input: one selector thread accepts every connection, reads it, decodes records and emits them.
 * {@link #pause()} and {@link #resume()} only set a flag and wake the selector, which then clears or restores read
 * interest, so paused senders block in TCP and nothing already accepted is lost.
 */
final class TcpInput implements Input {

    private static final int READS_PER_WAKEUP = 4;
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);

    private final InputContext context;
    private final TcpSettings settings;
    private final TcpCounters counters;
    private final Emitter emitter;
    private final JsonFactory jsonFactory;
    private final byte[] sourceKey;
    private final ByteBuffer readBuffer;
    private final RecordBuffer out;

    private Selector selector;
    private ServerSocketChannel server;
    private Thread thread;
    private volatile boolean paused;
    private volatile boolean stopping;
    private volatile int boundPort = -1;
    /** How long accepting stays off after accept() failed. */
    private static final long ACCEPT_BACKOFF_MILLIS = 100;
    private SelectionKey serverKey;
    /** When accepting is due again after a failure (System.nanoTime()), or 0 while it is on; selector thread only. */
    private long acceptAgainAt;
    private boolean readPaused;

    TcpInput(InputContext context, TcpSettings settings) {
        this.context = context;
        this.settings = settings;
        this.counters = new TcpCounters(context);
        this.emitter = context.emitter();
        this.jsonFactory = settings.json() ? JsonStreamDecoder.factory(settings.bufferSize()) : null;
        this.sourceKey = settings.sourceAddressKey() == null ? null
                : settings.sourceAddressKey().getBytes(StandardCharsets.UTF_8);
        this.readBuffer = ByteBuffer.allocate(settings.chunkSize());
        this.out = new RecordBuffer(settings.chunkSize() * 2);
    }

    @Override
    public void start() throws PluginException {
        try {
            // The JDK initialises its socket-closing support on the first close and, if descriptors have run out by
            // then, never: every later close fails. Closing one channel now gets that done while descriptors are free.
            SocketChannel.open().close();
            selector = Selector.open();
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(settings.listen(), settings.port()), 1024);
            server.configureBlocking(false);
            readPaused = paused;
            serverKey = server.register(selector, readPaused ? 0 : SelectionKey.OP_ACCEPT);
            boundPort = ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw new PluginException("tcp: cannot listen on " + settings.listen() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        thread = new Thread(this::run, "sluice-" + context.instanceName());
        thread.setDaemon(true);
        thread.start();
        counters.log.info("listening on {}:{}", settings.listen(), boundPort);
    }

    /** The port actually bound (useful with {@code Port 0}), or −1 before {@link #start()}. */
    int boundPort() {
        return boundPort;
    }

    @Override
    public void pause() {
        paused = true;
        wakeup();
    }

    @Override
    public void resume() {
        paused = false;
        wakeup();
    }

    @Override
    public void stop() {
        stopping = true;
        wakeup();
        if (thread != null) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } else {
            closeQuietly();
        }
    }

    private void wakeup() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    private void run() {
        try {
            while (!stopping) {
                if (acceptAgainAt == 0) {
                    selector.select();
                } else {
                    selector.select(Math.max(1, (acceptAgainAt - System.nanoTime()) / 1_000_000));
                    resumeAcceptingWhenDue();
                }
                applyPause();
                var keys = selector.selectedKeys();
                for (SelectionKey key : keys) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable() && !paused) {
                        readGuarded(key, (TcpConnection) key.attachment());
                    }
                }
                keys.clear();
            }
            drain();
        } catch (IOException | RuntimeException | LinkageError e) {
            if (stopping) {
                counters.log.error("selector loop failed, closing every connection: {}", e.toString(), e);
            } else {
                // nothing accepts or reads any more: core must know, or the service would go on deaf
                context.reportFailure("selector loop failed, every connection closed", e);
            }
        } finally {
            closeQuietly();
        }
    }

    private void resumeAcceptingWhenDue() {
        if (System.nanoTime() - acceptAgainAt >= 0) {
            acceptAgainAt = 0;
            if (!readPaused && serverKey.isValid()) {
                serverKey.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    private void applyPause() {
        boolean p = paused;
        if (p == readPaused) {
            return;
        }
        readPaused = p;
        for (SelectionKey key : selector.keys()) {
            if (key.isValid()) {
                int ops = key.attachment() != null ? SelectionKey.OP_READ
                        : acceptAgainAt == 0 ? SelectionKey.OP_ACCEPT : 0;
                key.interestOps(p ? 0 : ops);
            }
        }
        counters.log.debug(p ? "paused: reads stopped" : "resumed: reading again");
    }

    private void accept() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
                if (ch == null) {
                    return;
                }
            } catch (IOException e) {
                // e.g. out of file descriptors: the pending connection stays ready, so keep accepting off for a
                // moment instead of spinning on select()
                counters.limited.warn("accept", null, "cannot accept a connection, retrying in {} ms: {}",
                        ACCEPT_BACKOFF_MILLIS, e.toString());
                serverKey.interestOps(0);
                acceptAgainAt = System.nanoTime() + ACCEPT_BACKOFF_MILLIS * 1_000_000L;
                return;
            }
            try {
                ch.configureBlocking(false);
                InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
                String peer = "tcp://" + remote.getAddress().getHostAddress() + ":" + remote.getPort();
                ch.register(selector, readPaused ? 0 : SelectionKey.OP_READ,
                        new TcpConnection(ch, decoderFor(peer), peer));
                counters.connections.increment();
            } catch (IOException e) {
                counters.limited.warn("accept", null, "cannot set up an accepted connection: {}", e.toString());
                closeChannel(ch);
            }
        }
    }

    private RecordDecoder decoderFor(String peer) {
        DecodeProblems problems = counters.forPeer(peer);
        if (!settings.json()) {
            return new SeparatorDecoder(settings.separator(), problems, settings.bufferSize());
        }
        byte[] value = sourceKey == null ? null : peer.getBytes(StandardCharsets.UTF_8);
        return new JsonStreamDecoder(jsonFactory, problems, settings.bufferSize(), sourceKey, value);
    }

    /** Reads one connection; a failure there closes that connection only, never the others. */
    private void readGuarded(SelectionKey key, TcpConnection c) {
        try {
            read(key, c, READS_PER_WAKEUP);
        } catch (RuntimeException e) {
            counters.log.error("{}: internal error, connection closed, {} records of its last read lost: {}",
                    c.peer(), out.events(), e.toString(), e);
            out.clear();
            key.cancel();
            closeChannel(c.channel());
        }
    }

    /** Reads up to {@code reads} times; returns {@code false} once nothing more is waiting or the peer closed. */
    private boolean read(SelectionKey key, TcpConnection c, int reads) {
        for (int i = 0; i < reads; i++) {
            readBuffer.clear();
            int n;
            try {
                n = c.channel().read(readBuffer);
            } catch (IOException e) {
                counters.log.debug("{}: read failed: {}", c.peer(), e.toString());
                n = -1;
            }
            if (n < 0) {
                close(key, c);
                return false;
            }
            if (n == 0) {
                return false;
            }
            counters.bytesRead.add(n);
            Instant now = Instant.now();
            c.decoder().feed(readBuffer.array(), 0, n, out, now.getEpochSecond(), now.getNano());
            out.emitTo(emitter);
            if (paused && !stopping) {
                return true;
            }
        }
        return true;
    }

    /** Shutdown: no new connections; read what the kernel already holds, up to a deadline; close everything. */
    private void drain() throws IOException {
        server.close();
        long deadline = System.nanoTime() + DRAIN_NANOS;
        for (SelectionKey key : new ArrayList<>(selector.keys())) {
            if (key.attachment() instanceof TcpConnection c && key.isValid()) {
                while (System.nanoTime() < deadline && read(key, c, 1)) {
                    // keep reading this connection until the kernel has nothing more
                }
                if (key.isValid()) {
                    close(key, c);
                }
            }
        }
    }

    private void close(SelectionKey key, TcpConnection c) {
        c.decoder().finish();
        key.cancel();
        closeChannel(c.channel());
    }

    private void closeChannel(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            counters.log.debug("close failed: {}", e.toString());
        }
    }

    private void closeQuietly() {
        try {
            if (selector != null && selector.isOpen()) {
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
                selector.close();
            }
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            counters.log.debug("close failed: {}", e.toString());
        }
    }
}
