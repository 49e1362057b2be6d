package io.sluice.distribution.operations;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends a signal to a process sluice's tests started, by its id, as {@code kill -s NAME pid} does. */
final class Kill {

    private Kill() {
    }

    /** {@code kill -s name pid}; fails when kill reports an error (e.g. the process is gone). */
    static void send(String name, long pid) {
        if (!trySend(name, pid)) {
            throw new AssertionError("kill -s " + name + " " + pid + " failed (has the process ended?)");
        }
    }

    /** {@code kill -s name pid}; false when kill failed (e.g. the process has ended meanwhile). */
    static boolean trySend(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new AssertionError("kill -s " + name + " " + pid + " did not return");
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            throw new AssertionError("cannot run kill: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
