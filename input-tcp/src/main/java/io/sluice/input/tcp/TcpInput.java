package io.sluice.input.tcp;

import io.sluice.api.Emitter;
import io.sluice.api.Input;
import io.sluice.api.InputContext;
import io.sluice.api.PluginException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running tcp input: {@code Workers} selector threads, each with its own selector, read buffer and output buffer
 * and nothing mutable shared but counters. The first ({@code sluice-<instance>}) also accepts, and hands each new
 * connection to the worker with the fewest open connections (itself included); a connection stays on its worker
 * for life, so its records keep their order. {@link #pause()} and {@link #resume()} only set a flag and wake every
 * selector, which then clears or restores its own read interest, so paused senders block in TCP and nothing already
 * accepted is lost.
 */
final class TcpInput implements Input {

    private static final int READS_PER_WAKEUP = 4;
    /**
     * The records of one connection's reads in a wakeup go out as one batch up to this size: fewer, larger batches
     * cost the engine (and a filesystem buffer's writes) less than one per read.
     */
    private static final int EMIT_BYTES = 256 * 1024;
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
    /** How long accepting stays off after accept() failed. */
    private static final long ACCEPT_BACKOFF_MILLIS = 100;

    private final InputContext context;
    private final TcpSettings settings;
    private final TcpCounters counters;
    private final Emitter emitter;
    private final byte[] sourceKey;
    private final Worker[] workers;

    private ServerSocketChannel server;
    private volatile boolean paused;
    /** Set by {@link #stop()}: the acceptor stops accepting, reads what is left and ends. */
    private volatile boolean stopping;
    private volatile long drainDeadline;
    private volatile int boundPort = -1;
    private boolean started;
    /** Where the acceptor's search for the least busy worker starts (acceptor thread only). */
    private int nextWorker;

    TcpInput(InputContext context, TcpSettings settings) {
        this.context = context;
        this.settings = settings;
        this.counters = new TcpCounters(context);
        this.emitter = context.emitter();
        this.sourceKey = settings.sourceAddressKey() == null ? null
                : settings.sourceAddressKey().getBytes(StandardCharsets.UTF_8);
        this.workers = new Worker[settings.workers()];
        for (int i = 0; i < workers.length; i++) {
            String name = "sluice-" + context.instanceName() + (i == 0 ? "" : "-w" + i);
            workers[i] = new Worker(i, name, settings.readSize());
        }
    }

    @Override
    public void start() throws PluginException {
        try {
            // The JDK initialises its socket-closing support on the first close and, if descriptors have run out by
            // then, never: every later close fails. Closing one channel now gets that done while descriptors are free.
            SocketChannel.open().close();
            for (Worker w : workers) {
                w.selector = Selector.open();
            }
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(settings.listen(), settings.port()), 1024);
            server.configureBlocking(false);
            Worker acceptor = workers[0];
            acceptor.readPaused = paused;
            acceptor.serverKey = server.register(acceptor.selector, acceptor.readPaused ? 0 : SelectionKey.OP_ACCEPT);
            boundPort = ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException | RuntimeException e) {
            for (Worker w : workers) {
                w.closeQuietly();
            }
            closeServer();
            throw new PluginException("tcp: cannot listen on " + settings.listen() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        for (Worker w : workers) {
            w.thread = new Thread(w, w.name);
            w.thread.setDaemon(true);
            w.thread.start();
        }
        started = true;
        counters.log.info("listening on {}:{} ({} worker{})", settings.listen(), boundPort, workers.length,
                workers.length == 1 ? "" : "s");
    }

    /** The port actually bound (useful with {@code Port 0}), or −1 before {@link #start()}. */
    int boundPort() {
        return boundPort;
    }

    /** How many selector threads read connections. */
    int workers() {
        return workers.length;
    }

    @Override
    public void pause() {
        paused = true;
        wakeupAll();
    }

    @Override
    public void resume() {
        paused = false;
        wakeupAll();
    }

    /**
     * Stops the acceptor first (no new connection, so none is handed to a worker that has ended), then every other
     * worker; each reads what its connections' kernel buffers already hold, until one shared deadline.
     */
    @Override
    public void stop() {
        if (!started) {
            for (Worker w : workers) {
                w.closeQuietly();
            }
            closeServer();
            return;
        }
        drainDeadline = System.nanoTime() + DRAIN_NANOS;
        stopping = true;
        workers[0].wakeup();
        boolean interrupted = join(workers[0]);
        for (int i = 1; i < workers.length; i++) {
            workers[i].stop = true;
            workers[i].wakeup();
        }
        for (int i = 1; i < workers.length; i++) {
            interrupted |= join(workers[i]);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean join(Worker w) {
        boolean interrupted = false;
        while (w.thread.isAlive()) {
            try {
                w.thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    private void wakeupAll() {
        for (Worker w : workers) {
            w.wakeup();
        }
    }

    private void closeServer() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                counters.log.debug("close failed: {}", e.toString());
            }
        }
    }

    private RecordDecoder decoderFor(String peer) {
        DecodeProblems problems = counters.forPeer(peer);
        if (!settings.json()) {
            return new SeparatorDecoder(settings.separator(), problems, settings.bufferSize());
        }
        byte[] value = sourceKey == null ? null : peer.getBytes(StandardCharsets.UTF_8);
        return new JsonStreamDecoder(problems, settings.bufferSize(), sourceKey, value);
    }

    /** The worker with the fewest open connections, searching from the one after the last choice (acceptor only). */
    private Worker pick() {
        Worker best = null;
        int n = workers.length;
        for (int k = 0; k < n; k++) {
            Worker w = workers[(nextWorker + k) % n];
            if (!w.closed && (best == null || w.open.get() < best.open.get())) {
                best = w;
            }
        }
        nextWorker = (nextWorker + 1) % n;
        return best;
    }

    /** One selector thread: its connections, read buffer and output buffer; the first also accepts. */
    private final class Worker implements Runnable {

        final int index;
        final String name;
        final ByteBuffer readBuffer;
        final RecordBuffer out;
        /** Connections handed over by the acceptor, registered by this worker's own thread. */
        final Queue<TcpConnection> handed = new ConcurrentLinkedQueue<>();
        /** Connections assigned to this worker and not closed yet. */
        final AtomicInteger open = new AtomicInteger();
        Selector selector;
        Thread thread;
        /** Set by {@link TcpInput#stop()} for the workers after the acceptor. */
        volatile boolean stop;
        /** Set once this worker takes no connection any more; guarded by {@code this} with {@link #handed}. */
        volatile boolean closed;
        boolean readPaused;
        boolean draining;
        SelectionKey serverKey;
        /** When accepting is due again after a failure (System.nanoTime()), or 0 while it is on; acceptor only. */
        long acceptAgainAt;

        Worker(int index, String name, int readSize) {
            this.index = index;
            this.name = name;
            this.readBuffer = ByteBuffer.allocate(readSize);
            this.out = new RecordBuffer(2 * readSize);
        }

        void wakeup() {
            Selector s = selector;
            if (s != null) {
                s.wakeup();
            }
        }

        /** Hands {@code c} to this worker; false when it has ended, and then the caller closes it. */
        boolean hand(TcpConnection c) {
            synchronized (this) {
                if (closed) {
                    return false;
                }
                handed.add(c);
            }
            selector.wakeup();
            return true;
        }

        private boolean ending() {
            return index == 0 ? stopping : stop;
        }

        @Override
        public void run() {
            try {
                while (!ending()) {
                    if (acceptAgainAt == 0) {
                        selector.select();
                    } else {
                        selector.select(Math.max(1, (acceptAgainAt - System.nanoTime()) / 1_000_000));
                        resumeAcceptingWhenDue();
                    }
                    registerHanded();
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
                if (stopping || stop) {
                    counters.log.error("{}: selector loop failed, closing its connections: {}", name, e.toString(),
                            e);
                } else {
                    // connections go unread (and, on the acceptor, none is accepted): core must know, or the
                    // service would go on deaf
                    context.reportFailure(name + ": selector loop failed, its connections closed", e);
                }
            } finally {
                closeQuietly();
            }
        }

        private void registerHanded() {
            TcpConnection c;
            while ((c = handed.poll()) != null) {
                try {
                    c.channel().register(selector, readPaused ? 0 : SelectionKey.OP_READ, c);
                } catch (ClosedChannelException | RuntimeException e) {
                    counters.limited.warn("accept", c.peer(), "{}: cannot read the connection: {}", c.peer(),
                            e.toString());
                    open.decrementAndGet();
                    closeChannel(c.channel());
                }
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
            counters.log.debug(p ? "{}: paused, reads stopped" : "{}: resumed, reading again", name);
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
                    TcpConnection c = new TcpConnection(ch, decoderFor(peer), peer);
                    Worker target = pick();
                    counters.connections.increment();
                    target.open.incrementAndGet();
                    if (target == this) {
                        ch.register(selector, readPaused ? 0 : SelectionKey.OP_READ, c);
                    } else if (!target.hand(c)) {
                        target.open.decrementAndGet();
                        counters.limited.warn("accept", peer, "{}: no worker to read the connection, closed", peer);
                        closeChannel(ch);
                    }
                } catch (IOException e) {
                    counters.limited.warn("accept", null, "cannot set up an accepted connection: {}", e.toString());
                    closeChannel(ch);
                }
            }
        }

        /** Reads one connection; a failure there closes that connection only, never the others. */
        private void readGuarded(SelectionKey key, TcpConnection c) {
            try {
                read(key, c, READS_PER_WAKEUP);
            } catch (RuntimeException e) {
                counters.log.error("{}: internal error, connection closed, {} records read in this turn and not "
                        + "yet handed on lost: {}", c.peer(), out.events(), e.toString(), e);
                out.clear();
                key.cancel();
                open.decrementAndGet();
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
                    out.emitTo(emitter);
                    return false;
                }
                counters.bytesRead.add(n);
                Instant now = Instant.now();
                c.decoder().feed(readBuffer.array(), 0, n, out, now.getEpochSecond(), now.getNano());
                if (out.size() >= EMIT_BYTES) {
                    out.emitTo(emitter);
                }
                if (paused && !draining) {
                    out.emitTo(emitter);
                    return true;
                }
            }
            out.emitTo(emitter);
            return true;
        }

        /** Shutdown: read what the kernel already holds for each connection, up to the deadline; close everything. */
        private void drain() throws IOException {
            draining = true;
            if (index == 0) {
                server.close();
            }
            synchronized (this) {
                closed = true;
            }
            registerHanded();
            for (SelectionKey key : new ArrayList<>(selector.keys())) {
                if (key.attachment() instanceof TcpConnection c && key.isValid()) {
                    while (System.nanoTime() - drainDeadline < 0 && read(key, c, 1)) {
                        // keep reading this connection until the kernel has nothing more
                    }
                    if (key.isValid()) {
                        close(key, c);
                    }
                }
            }
        }

        /** The peer closed (or stop): a last record the end completes is emitted, then the connection closed. */
        private void close(SelectionKey key, TcpConnection c) {
            Instant now = Instant.now();
            c.decoder().finish(out, now.getEpochSecond(), now.getNano());
            out.emitTo(emitter);
            key.cancel();
            open.decrementAndGet();
            closeChannel(c.channel());
        }

        void closeQuietly() {
            synchronized (this) {
                closed = true;
            }
            TcpConnection c;
            while ((c = handed.poll()) != null) {
                closeChannel(c.channel());
            }
            try {
                if (selector != null && selector.isOpen()) {
                    for (SelectionKey key : selector.keys()) {
                        key.channel().close();
                    }
                    selector.close();
                }
            } catch (IOException e) {
                counters.log.debug("close failed: {}", e.toString());
            }
            if (index == 0) {
                closeServer();
            }
        }
    }

    private void closeChannel(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            counters.log.debug("close failed: {}", e.toString());
        }
    }
}
