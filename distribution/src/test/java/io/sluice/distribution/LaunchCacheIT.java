package io.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sluice.distribution.support.SluiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JVM cache (AppCDS archive on Java 17-24, AOT cache on 25+), through the real launcher: the first
 * run records, the next start has the recording checked in the background, the start after that uses it — proven
 * by the JVM itself ({@code -Xlog:class+load} says sluice's classes come from the "shared objects file"). A cache
 * file belongs to one JVM, and a changed or broken file is replaced, never used and never fatal. Each test has its
 * own cache folder ({@code SLUICE_JVM_CACHE}), so the distribution's own cache is left alone.
 */
class LaunchCacheIT {

    private static final Duration QUICK = Duration.ofSeconds(30);
    /** The launcher keeps only recordings of runs of at least 2 s by the clock (shorter ones are failed starts). */
    private static final long MIN_RECORDING_SECONDS = 2;
    private static final String SHARED = "source: shared objects file";

    @TempDir
    Path tmp;

    @Test
    void firstRunRecordsNextStartChecksItAndTheStartAfterUsesIt() throws Exception {
        Map<String, String> env = env(thisJvm());
        assertThat(status(env)).startsWith("none ");

        try (SluiceProcess first = startTcp(env)) {
            assertThat(first.logLinesWith("[launcher]")).anySatisfy(l -> assertThat(l).contains("recording this run"));
            awaitLongEnoughToKeep(first);
            first.terminate();
            assertThat(first.waitForExit(QUICK)).isZero();
            assertThat(cacheFiles()).anySatisfy(f -> assertThat(f).contains(".rec." + first.pid()));
        }

        Path classes = tmp.resolve("second-classes.txt");
        try (SluiceProcess second = startTcp(withClassLog(env, classes))) {
            assertThat(second.logLinesWith("[launcher]")).anySatisfy(l ->
                    assertThat(l).contains("checking the recorded", "in the background"));
            second.terminate();
            assertThat(second.waitForExit(QUICK)).isZero();
        }
        assertThat(Files.readAllLines(classes))
                .noneSatisfy(l -> assertThat(l).contains("io.sluice.core.Main ", SHARED))
                .anySatisfy(l -> assertThat(l).contains("io.sluice.core.Main "));
        String cache = awaitReady(env);

        Path used = tmp.resolve("third-classes.txt");
        try (SluiceProcess third = startTcp(withClassLog(env, used))) {
            assertThat(third.logLinesWith("[launcher]")).anySatisfy(l -> assertThat(l).contains("ready " + cache));
            third.terminate();
            assertThat(third.waitForExit(QUICK)).isZero();
        }
        assertThat(Files.readAllLines(used)).anySatisfy(l ->
                assertThat(l).contains("io.sluice.core.Main ", SHARED));
        assertThat(Files.readAllLines(used)).anySatisfy(l ->
                assertThat(l).contains("io.sluice.core.engine.Engine ", SHARED));
    }

    @Test
    void shortCommandsNeitherRecordNorFail() throws Exception {
        Map<String, String> env = env(thisJvm());
        try (SluiceProcess p = SluiceProcess.start(SluiceProcess.DIST.resolve("bin/sluice"), tmp, env, "-V")) {
            assertThat(p.waitForExit(QUICK)).isZero();
            assertThat(p.stderr()).isEmpty();
        }
        assertThat(cacheFiles()).isEmpty();
        assertThat(status(env)).startsWith("none ");
    }

    @Test
    void aRecordingOfARunShorterThanTwoSecondsIsDiscarded() throws Exception {
        Map<String, String> env = env(thisJvm());
        String file = status(env).substring("none ".length());
        // what a run that failed at once (a configuration error, say) leaves: a recording written the second it began
        Path t0 = Path.of(file + ".t0.999999998");
        Path rec = Path.of(file + ".rec.999999998");
        Files.createDirectories(rec.getParent());
        Files.writeString(t0, Long.toString(System.currentTimeMillis() / 1000) + "\n");
        Files.write(rec, new byte[1000]);

        try (SluiceProcess p = startTcp(env)) {
            assertThat(p.logLinesWith("[launcher]")).anySatisfy(l -> assertThat(l).contains("checking the recorded"));
            p.terminate();
            assertThat(p.waitForExit(QUICK)).isZero();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> status(env).startsWith("none "));
        assertThat(String.join("\n", Files.readAllLines(onlyLog()))).contains("(< 2 s): discarded");
        assertThat(rec).doesNotExist();
        assertThat(t0).doesNotExist();
    }

    @Test
    void anotherJvmNeitherUsesNorRemovesTheCacheOfThisOne() throws Exception {
        Path other = otherJvm().orElse(null);
        assumeThat(other).as("a second JDK 17+ under /usr/lib/jvm").isNotNull();
        Map<String, String> env = env(thisJvm());
        String cache = buildCache(env);
        long size = Files.size(Path.of(cache));

        Map<String, String> otherEnv = env(other);
        Path classes = tmp.resolve("other-classes.txt");
        try (SluiceProcess p = startTcp(withClassLog(otherEnv, classes))) {
            assertThat(p.logLinesWith("[launcher]")).anySatisfy(l ->
                    assertThat(l).contains("JVM cache: none").doesNotContain(cache));
            p.terminate();
            assertThat(p.waitForExit(QUICK)).isZero();
        }
        assertThat(Files.readAllLines(classes))
                .noneSatisfy(l -> assertThat(l).contains("io.sluice.core.Main ", SHARED))
                .anySatisfy(l -> assertThat(l).contains("io.sluice.core.Main "));
        // the other JVM recorded its own file; this JVM's is still there and still used
        assertThat(status(otherEnv)).doesNotContain(cache);
        assertThat(Files.size(Path.of(cache))).isEqualTo(size);
        assertThat(status(env)).isEqualTo("ready " + cache);
    }

    @Test
    void aCorruptCacheFileIsReplacedAndNeverFatal() throws Exception {
        Map<String, String> env = env(thisJvm());
        Path cache = Path.of(buildCache(env));
        long size = Files.size(cache);
        cache.toFile().setWritable(true);
        // the same size, other bytes: a JDK 17 JVM given this file as its archive may crash
        byte[] garbage = new byte[(int) size];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(cache, garbage);

        Path classes = tmp.resolve("corrupt-classes.txt");
        try (SluiceProcess p = startTcp(withClassLog(env, classes))) {
            assertThat(p.logLinesWith("[launcher]")).anySatisfy(l -> assertThat(l).contains("changed after"));
            assertThat(p.logLinesWith("[launcher]")).anySatisfy(l -> assertThat(l).contains("recording this run"));
            awaitLongEnoughToKeep(p);
            p.terminate();
            assertThat(p.waitForExit(QUICK)).isZero();
        }
        assertThat(Files.readAllLines(classes)).noneSatisfy(l -> assertThat(l).contains("io.sluice.core.Main ", SHARED));
        assertThat(cache).doesNotExist();

        try (SluiceProcess p = startTcp(env)) {
            p.terminate();
            assertThat(p.waitForExit(QUICK)).isZero();
        }
        assertThat(awaitReady(env)).isEqualTo(cache.toString());
        assertThat(Files.size(cache)).isGreaterThan(0);
    }

    @Test
    void aTruncatedCacheFileIsReplaced() throws Exception {
        Map<String, String> env = env(thisJvm());
        Path cache = Path.of(buildCache(env));
        cache.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(cache);
        Files.write(cache, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        try (SluiceProcess p = startTcp(env)) {
            assertThat(p.logLinesWith("[launcher]")).anySatisfy(l -> assertThat(l).contains("changed size"));
            p.terminate();
            assertThat(p.waitForExit(QUICK)).isZero();
        }
        assertThat(cache).doesNotExist();
    }

    @Test
    void aBrokenRecordingFailsItsCheckAndIsNeverUsed() throws Exception {
        Map<String, String> env = env(thisJvm());
        String file = status(env).substring("none ".length());
        // what a recording JVM killed in the middle of writing would leave: garbage from a pid that is gone
        Path rec = Path.of(file + ".rec.999999999");
        Files.createDirectories(rec.getParent());
        byte[] garbage = new byte[4_000_000];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 13 + 1);
        }
        garbage[0] = (byte) 0xc1;   // roughly the magic of an archive, the rest broken
        Files.write(rec, garbage);

        try (SluiceProcess p = startTcp(env)) {
            assertThat(p.logLinesWith("[launcher]")).anySatisfy(l -> assertThat(l).contains("checking the recorded"));
            p.terminate();
            assertThat(p.waitForExit(QUICK)).isZero();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> status(env).startsWith("none "));
        assertThat(String.join("\n", Files.readAllLines(onlyLog()))).contains("failed the check");
        assertThat(Path.of(file)).doesNotExist();
        assertThat(rec).doesNotExist();
    }

    /** Records a run, has it checked, waits until it is ready; returns the cache file. */
    private String buildCache(Map<String, String> env) throws Exception {
        try (SluiceProcess first = startTcp(env)) {
            awaitLongEnoughToKeep(first);
            first.terminate();
            assertThat(first.waitForExit(QUICK)).isZero();
        }
        try (SluiceProcess second = startTcp(env)) {
            second.terminate();
            assertThat(second.waitForExit(QUICK)).isZero();
        }
        return awaitReady(env);
    }

    /**
     * Waits until the recording run {@code p} has lasted long enough for the launcher to keep what it records: its
     * start time, in whole seconds, is in {@code <cache>.t0.<pid>}, and the end it compares with is when the run
     * writes its recording, after we stop it.
     */
    private void awaitLongEnoughToKeep(SluiceProcess p) throws IOException {
        String suffix = ".t0." + p.pid();
        Path t0 = Path.of(cacheFiles().stream().filter(f -> f.endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + suffix + " file in the cache folder")));
        long started = Long.parseLong(Files.readString(tmp.resolve("cache").resolve(t0)).trim());
        Awaitility.await("the recording run has lasted " + MIN_RECORDING_SECONDS + " s").atMost(QUICK)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().getEpochSecond() >= started + MIN_RECORDING_SECONDS);
    }

    private String awaitReady(Map<String, String> env) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(env).startsWith("ready "));
        try {
            return status(env).substring("ready ".length());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** {@code bin/sluice --jvm-cache}: "state file". */
    private String status(Map<String, String> env) throws IOException, InterruptedException {
        try (SluiceProcess p = SluiceProcess.start(SluiceProcess.DIST.resolve("bin/sluice"), tmp, env, "--jvm-cache")) {
            assertThat(p.waitForExit(QUICK)).isZero();
            assertThat(p.stdout()).hasSize(1);
            return p.stdout().get(0);
        }
    }

    /** A tcp input on a free port into the null output, with the launcher's decisions logged (-v). */
    private SluiceProcess startTcp(Map<String, String> env) throws IOException, InterruptedException {
        SluiceProcess p = SluiceProcess.start(SluiceProcess.DIST.resolve("bin/sluice"), tmp, env, "-v",
                "-i", "tcp", "-p", "listen=127.0.0.1", "-p", "port=0", "-o", "null");
        try {
            p.tcpPort();
        } catch (AssertionError | InterruptedException e) {
            p.close();
            throw e;
        }
        return p;
    }

    private Map<String, String> env(Path javaHome) {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("SLUICE_JVM_CACHE", tmp.resolve("cache").toString());
        env.put("SLUICE_OPTS", "");
        env.put("JAVA_OPTS", "");
        return env;
    }

    private static Map<String, String> withClassLog(Map<String, String> env, Path file) {
        Map<String, String> with = new HashMap<>(env);
        with.put("SLUICE_OPTS", "-Xlog:class+load=info:file=" + file);
        return with;
    }

    private List<String> cacheFiles() throws IOException {
        Path dir = tmp.resolve("cache");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private Path onlyLog() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("cache"))) {
            return files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
        }
    }

    private static Path thisJvm() {
        return Path.of(System.getProperty("java.home"));
    }

    /** A JDK 17 or newer under /usr/lib/jvm that is not the one running the tests. */
    private static Optional<Path> otherJvm() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        Path self = thisJvm().toRealPath();
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                    .filter(d -> {
                        try {
                            return !d.toRealPath().equals(self) && major(d) >= 17;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted()
                    .findFirst();
        }
    }

    private static int major(Path jdk) throws IOException {
        Path release = jdk.resolve("release");
        if (!Files.exists(release)) {
            return -1;
        }
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=\"")) {
                String v = line.substring("JAVA_VERSION=\"".length());
                return Integer.parseInt(v.replaceAll("[^0-9].*", ""));
            }
        }
        return -1;
    }
}
