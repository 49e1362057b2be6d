package io.sluice.core;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * The process's signals, installed first thing in {@code main} so that a signal during start-up stops sluice cleanly
 * (exit 0) instead of the JVM's default exit 143. SIGTERM and SIGINT stop gracefully; SIGHUP reloads when hot reload
 * is on and stops gracefully otherwise. Each becomes an event the main thread takes in turn. A second stop signal,
 * once the graceful stop has run for a second (a tool may send one signal to the process and its group at once),
 * ends the process at once with 128 + the signal's number, after one line saying what was not delivered.
 *
 * <p>SIGQUIT is the JVM's own (a thread dump, which the launcher sends to stderr, never to the record stream): a JVM
 * cannot take it over without also giving up the others.
 */
final class Signals {

    private static final long REPEAT_WINDOW_NANOS = 1_000_000_000L;
    private static volatile Signals installed;

    private final LinkedBlockingQueue<SignalEvent> events = new LinkedBlockingQueue<>();
    /** A reload is queued and has not started yet: further requests are folded into it. */
    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile long stoppingSince;
    private volatile BooleanSupplier hotReload = () -> false;
    private volatile Consumer<String> onForcedExit = name -> { };

    /** Handlers not installed: for {@link #install()} and for tests. */
    Signals() {
    }

    /** Installs the handlers (once); safe to call before anything else is set up. */
    static synchronized Signals install() {
        if (installed == null) {
            Signals s = new Signals();
            for (String name : new String[] {"TERM", "INT", "HUP"}) {
                try {
                    Signal.handle(new Signal(name), signal -> s.onSignal("SIG" + signal.getName(),
                            signal.getNumber()));
                } catch (IllegalArgumentException unavailable) {
                    // this JVM reserves the signal (e.g. -Xrs): its default handling applies
                }
            }
            installed = s;
        }
        return installed;
    }

    /**
     * Whether SIGHUP reloads (else it stops like SIGTERM), asked at each SIGHUP: the reload controller's view of the
     * configuration running now. Until this is set, SIGHUP stops.
     */
    void hotReload(BooleanSupplier on) {
        hotReload = on;
    }

    /** What to do just before a forced exit (log what is lost); given the signal's name. */
    void onForcedExit(Consumer<String> action) {
        onForcedExit = action;
    }

    /** Handles signal {@code name} ({@code SIGHUP}) numbered {@code number}; package-private for tests. */
    void onSignal(String name, int number) {
        if (name.equals("SIGHUP") && !stopping && hotReload.getAsBoolean()) {
            reload(name);
            return;
        }
        if (!stopping) {
            stopping = true;
            stoppingSince = System.nanoTime();
            events.add(SignalEvent.stop(name));
            return;
        }
        if (System.nanoTime() - stoppingSince < REPEAT_WINDOW_NANOS) {
            return;
        }
        try {
            onForcedExit.accept(name);
        } finally {
            Runtime.getRuntime().halt(128 + number);
        }
    }

    /** A stop requested from inside sluice because something failed (a failed input, a closed stdout). */
    void fail(String reason) {
        if (!stopping) {
            stopping = true;
            stoppingSince = System.nanoTime();
            events.add(SignalEvent.failure(reason));
        }
    }

    /**
     * A reload requested (SIGHUP or the HTTP API). While one is queued and not yet started, further requests are folded
     * into it; once it runs, the next request queues one more.
     */
    void reload(String reason) {
        if (!stopping && reloadQueued.compareAndSet(false, true)) {
            events.add(SignalEvent.reload(reason));
        }
    }

    /** Whether a stop was requested. */
    boolean stopping() {
        return stopping;
    }

    /**
     * Waits for the next event; null when interrupted. Taking a reload clears the queued mark just before the reload
     * runs, so a request arriving during it queues one more.
     */
    SignalEvent next() {
        try {
            SignalEvent event = events.take();
            if (event.kind() == SignalEvent.Kind.RELOAD) {
                reloadQueued.set(false);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
