package io.sluice.core;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    /** The events the main thread waits for. */
    enum Event { STOP, RELOAD }

    private static final long REPEAT_WINDOW_NANOS = 1_000_000_000L;
    private static volatile Signals installed;

    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private volatile long stoppingSince;
    private volatile boolean hotReload;
    private volatile Consumer<String> onForcedExit = name -> { };

    private Signals() {
    }

    /** Installs the handlers (once); safe to call before anything else is set up. */
    static synchronized Signals install() {
        if (installed == null) {
            Signals s = new Signals();
            for (String name : new String[] {"TERM", "INT", "HUP"}) {
                try {
                    Signal.handle(new Signal(name), s::onSignal);
                } catch (IllegalArgumentException unavailable) {
                    // this JVM reserves the signal (e.g. -Xrs): its default handling applies
                }
            }
            installed = s;
        }
        return installed;
    }

    /** Whether SIGHUP reloads (else it stops like SIGTERM). */
    void hotReload(boolean on) {
        hotReload = on;
    }

    /** What to do just before a forced exit (log what is lost); given the signal's name. */
    void onForcedExit(Consumer<String> action) {
        onForcedExit = action;
    }

    private void onSignal(Signal signal) {
        String name = "SIG" + signal.getName();
        if (name.equals("SIGHUP") && hotReload && !stopping) {
            events.add("RELOAD:" + name);
            return;
        }
        if (!stopping) {
            stopping = true;
            stoppingSince = System.nanoTime();
            events.add("STOP:" + name);
            return;
        }
        if (System.nanoTime() - stoppingSince < REPEAT_WINDOW_NANOS) {
            return;
        }
        try {
            onForcedExit.accept(name);
        } finally {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
    }

    /** A stop requested from inside sluice (a failed input, a closed stdout), as a signal would. */
    void stop(String reason) {
        if (!stopping) {
            stopping = true;
            stoppingSince = System.nanoTime();
            events.add("STOP:" + reason);
        }
    }

    /** A reload requested through the HTTP API. */
    void reload(String reason) {
        if (!stopping) {
            events.add("RELOAD:" + reason);
        }
    }

    /** Whether a stop was requested. */
    boolean stopping() {
        return stopping;
    }

    /** Waits for the next event: {@code STOP:<why>} or {@code RELOAD:<why>}; null when interrupted. */
    String next() {
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next event if one comes within {@code millis}, else null. */
    String poll(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }
}
