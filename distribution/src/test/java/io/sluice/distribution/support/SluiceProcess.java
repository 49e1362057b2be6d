package io.sluice.distribution.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher run as a process: its stdout and its log (stderr) are collected line by line, and tests wait on
 * them with deadlines. Always closed by the test, which kills the process if it is still running.
 */
public final class SluiceProcess implements AutoCloseable {

    public static final Path DIST = Path.of(System.getProperty("sluice.dist", "target/sluice")).toAbsolutePath();
    private static final int TAIL_LINES = 60;
    /**
     * A JVM never handles a signal that was ignored when it started, and whoever started Maven may have had SIGHUP
     * ignored (nohup): sluice then rightly ignores it too, and every SIGHUP test would fail for the wrong reason. So
     * sluice starts with SIGHUP at its default, through {@code env}, which execs the launcher in the same process.
     */
    private static final List<String> HUP_AT_DEFAULT = envCanResetHup() ? List.of("env", "--default-signal=HUP")
            : List.of();

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private SluiceProcess(Process process, Consumer<String> stdoutListener) {
        this.process = process;
        outReader = pump(process.getInputStream(), stdout, stdoutListener, "sluice-stdout");
        errReader = pump(process.getErrorStream(), log, line -> { }, "sluice-stderr");
    }

    /** Starts {@code launcher args...} from {@code workDir} with extra environment variables. */
    public static SluiceProcess start(Path launcher, Path workDir, Map<String, String> env, String... args)
            throws IOException {
        return start(launcher, workDir, env, line -> { }, args);
    }

    /** Starts the distribution's launcher with {@code args} from the distribution folder. */
    public static SluiceProcess start(String... args) throws IOException {
        return start(DIST.resolve("bin/sluice"), DIST, Map.of(), args);
    }

    /** Starts {@code bin/sluice -c configFile}, handing every stdout line to {@code stdoutListener} as it comes. */
    public static SluiceProcess startOn(Path configFile, Consumer<String> stdoutListener) throws IOException {
        return start(DIST.resolve("bin/sluice"), DIST, Map.of(), stdoutListener, "-c", configFile.toString());
    }

    /** Starts {@code bin/sluice -c configFile} and waits until its tcp input listens; closes it if it never does. */
    public static SluiceProcess startListening(Path configFile) throws IOException, InterruptedException {
        SluiceProcess sluice = startOn(configFile, line -> { });
        try {
            sluice.tcpPort();
        } catch (AssertionError | InterruptedException e) {
            sluice.close();
            throw e;
        }
        return sluice;
    }

    /** Writes {@code config} to {@code dir/sluice.conf}, starts sluice on it and waits until its tcp input listens. */
    public static SluiceProcess startListening(Path dir, ClassicConfig config) throws IOException,
            InterruptedException {
        return startListening(config.writeTo(dir.resolve("sluice.conf")));
    }

    private static boolean envCanResetHup() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=HUP", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SluiceProcess start(Path launcher, Path workDir, Map<String, String> env,
            Consumer<String> stdoutListener, String... args) throws IOException {
        List<String> command = new ArrayList<>(HUP_AT_DEFAULT);
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(env);
        return new SluiceProcess(builder.start(), stdoutListener);
    }

    /** Waits for the exit (at most {@code timeout}) and for all output to be read; returns the exit code. */
    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("sluice did not exit within " + timeout + "\n" + tail());
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    /** The first log line from the start that matches; fails after {@code timeout} showing the end of the output. */
    public String awaitLog(Predicate<String> match, Duration timeout) throws InterruptedException {
        return await(log, match, timeout, "log line");
    }

    /** The first stdout line from the start that matches; fails after {@code timeout}. */
    public String awaitStdout(Predicate<String> match, Duration timeout) throws InterruptedException {
        return await(stdout, match, timeout, "stdout line");
    }

    /** The port the tcp input {@code tcp.0} logs it listens on, waiting up to 30 s for the line. */
    public int tcpPort() throws InterruptedException {
        return listeningPort("input:tcp:tcp.0");
    }

    /** The port the monitoring API logs it listens on, waiting up to 30 s for the line. */
    public int httpPort() throws InterruptedException {
        return listeningPort("http_server");
    }

    private int listeningPort(String component) throws InterruptedException {
        Pattern listening = Pattern.compile(Pattern.quote("[" + component + "] listening on ") + "[^:]+:(\\d+)");
        Matcher m = listening.matcher(awaitLog(l -> listening.matcher(l).find(), Duration.ofSeconds(30)));
        m.find();
        return Integer.parseInt(m.group(1));
    }

    private String await(List<String> lines, Predicate<String> match, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching " + what + " within " + timeout + "; alive="
                            + process.isAlive() + "\n" + tail());
                }
                lines.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /** Every line of stderr so far: sluice's log, or the launcher's complaints. */
    public List<String> stderr() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Log lines that contain {@code text}. */
    public List<String> logLinesWith(String text) {
        return stderr().stream().filter(l -> l.contains(text)).toList();
    }

    /** The sum of the numbers in group 1 of the log lines matching {@code pattern}, e.g. records logged as lost. */
    public long loggedSum(Pattern pattern) {
        return stderr().stream().map(pattern::matcher).filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
    }

    /** The number in group 1 of the last log line matching {@code pattern}; -1 when none does. */
    public long lastLogged(Pattern pattern) {
        long value = -1;
        for (String line : stderr()) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                value = Long.parseLong(m.group(1));
            }
        }
        return value;
    }

    /** The last lines of stdout and of the log, for failure messages. */
    public String tail() {
        return "last stdout lines:\n" + last(stdout()) + "\nlast log lines:\n" + last(stderr());
    }

    private static String last(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's threads, open file descriptors, resident memory and CPU time now. */
    public ProcessFigures figures() {
        return ProcessFigures.of(process.pid());
    }

    /** Sends SIGTERM, as a service manager would (through the handle: Process.destroy() would close our pipes). */
    public void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.toHandle().destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            outReader.join(5000);
            errReader.join(5000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, List<String> sink, Consumer<String> listener, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    listener.accept(line);
                    synchronized (sink) {
                        sink.add(line);
                        sink.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
