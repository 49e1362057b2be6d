package io.sluice.distribution.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.support.ClassicConfig;
import io.sluice.distribution.support.MonitoringApi;
import io.sluice.distribution.support.SluiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What trips up someone new to sluice, each through the real launcher: paths given on the command line that cannot
 * work, errors hidden by {@code -q} or blamed on a file that does not exist, unknown sections, buffers larger than
 * the heap, a mistyped Match, a pipeline without input or output, a closed stdout, two versions of one plugin, a
 * byte-order mark written by an editor, and what the log and {@code -h} say (trace lines per chunk, no
 * {@code match=null}, no prefix given twice, one spelling of booleans, the long option names).
 */
class NewcomerTrapsIT {

    private static final Duration QUICK = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    // ---- paths on the command line ---------------------------------------------------------------------------------

    @Test
    void aLogFileOnAnUnwritablePathIsAnErrorNamingTheKey() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("read-only"));
        boolean immutable = makeUnwritable(dir);
        try {
            Path log = dir.resolve("sluice.log");
            SluiceRun run = SluiceRun.of("-i", "dummy", "-o", "null", "-l", log.toString());
            assertThat(run.status()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("log_file", log.toString(), "not writable",
                    "the command line contains errors");
            assertThat(Files.exists(log)).isFalse();
        } finally {
            undo(dir, immutable);
        }
    }

    @Test
    void aWorkingDirectoryThatDoesNotExistIsAnError() throws Exception {
        Path missing = tmp.resolve("no-such-dir");
        SluiceRun run = SluiceRun.of("-w", missing.toString(), "-i", "dummy", "-o", "null");
        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("-w", missing.toString(), "does not exist");
    }

    @Test
    void aPluginPathThatDoesNotExistIsAnError() throws Exception {
        Path missing = tmp.resolve("no-such-plugin.jar");
        SluiceRun run = SluiceRun.of("-e", missing.toString(), "-i", "dummy", "-o", "null");
        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("-e", missing.toString(), "does not exist");
    }

    @Test
    void aLogFileInAFolderThatDoesNotExistIsAnErrorAndTheFolderIsNotCreated() throws Exception {
        Path folder = tmp.resolve("nonexistent-dir");
        Path log = folder.resolve("x.log");
        SluiceRun run = SluiceRun.of("-i", "dummy", "-o", "null", "-l", log.toString());
        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("log_file", log.toString(), "does not exist",
                "the command line contains errors");
        assertThat(folder).doesNotExist();
    }

    // ---- the log a newcomer reads ----------------------------------------------------------------------------------

    @Test
    void traceLevelShowsEachChunkCreatedRoutedAndFlushedAndTheDefaultLevelNone() throws Exception {
        try (SluiceProcess sluice = SluiceProcess.start("-vv", "-i", "dummy", "-p", "rate=20", "-o", "null", "-m",
                "*", "-f", "0.2")) {
            String created = sluice.awaitLog(l -> l.contains("[trace]") && l.contains("opened chunk"), QUICK);
            assertThat(created).contains("input=dummy.0", "for tag 'dummy.0'");
            String routed = sluice.awaitLog(l -> l.contains("[trace]") && l.contains("routed to"), QUICK);
            assertThat(routed).contains("sealed", "records", "routed to [null.0]");
            String flushed = sluice.awaitLog(l -> l.contains("[trace]") && l.contains("flushed"), QUICK);
            assertThat(flushed).contains("records to output=null.0");
            sluice.terminate();
            assertThat(sluice.waitForExit(QUICK)).as(sluice.tail()).isZero();
            assertNoDoubledPrefix(sluice.stderr());
        }

        try (SluiceProcess sluice = SluiceProcess.start("-H", "-L", "127.0.0.1", "-P", "0", "-i", "dummy", "-p",
                "rate=20", "-o", "null", "-m", "*", "-f", "0.2")) {
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            Awaitility.await().atMost(QUICK).until(() -> counters.output("null.0", "proc_records") >= 3);
            sluice.terminate();
            assertThat(sluice.waitForExit(QUICK)).as(sluice.tail()).isZero();
            assertThat(sluice.stderr()).as("chunks were flushed, and the default level says nothing of them")
                    .noneSatisfy(l -> assertThat(l).containsAnyOf("[trace]", "opened chunk", "routed to",
                            "flushed:"));
            assertNoDoubledPrefix(sluice.stderr());
        }
    }

    @Test
    void anOutputWithoutMatchNeverLogsMatchNull() throws Exception {
        Path conf = Files.writeString(tmp.resolve("no-match.conf"), "[SERVICE]\n    Flush 0.2\n    Log_Level debug\n"
                + "[INPUT]\n    Name dummy\n    Rate 20\n\n[OUTPUT]\n    Name null\n");
        SluiceRun dry = SluiceRun.of("--dry-run", "-c", conf.toString());
        assertThat(dry.stdout() + "\n" + dry.stderr()).as(dry.toString()).contains("null.0")
                .doesNotContainIgnoringCase("match=null");
        try (SluiceProcess sluice = SluiceProcess.start("-c", conf.toString())) {
            sluice.awaitLog(l -> l.contains("[sluice] output") && l.contains("null.0"), QUICK);
            sluice.terminate();
            assertThat(sluice.waitForExit(QUICK)).as(sluice.tail()).isZero();
            assertThat(String.join("\n", sluice.stdout()) + "\n" + String.join("\n", sluice.stderr()))
                    .doesNotContainIgnoringCase("match=null");
            assertNoDoubledPrefix(sluice.stderr());
        }
    }

    @Test
    void helpListsEveryBooleanDefaultWithOneSpelling() throws Exception {
        SluiceRun help = SluiceRun.of("-h");
        assertThat(help.status()).as(help.toString()).isZero();
        List<String> defaults = new ArrayList<>();
        String kind = null;
        for (String line : help.stdout().split("\n")) {
            if (line.equals("Inputs") || line.equals("Filters") || line.equals("Outputs")) {
                kind = line.equals("Inputs") ? "-i" : line.equals("Filters") ? "-F" : "-o";
            } else if (kind != null && line.matches("  [a-z_]+\\s+.*")) {
                String plugin = line.trim().split("\\s+")[0];
                SluiceRun pluginHelp = SluiceRun.of(kind, plugin, "-h");
                assertThat(pluginHelp.status()).as(pluginHelp.toString()).isZero();
                Matcher m = BOOLEAN_DEFAULT.matcher(pluginHelp.stdout());
                while (m.find()) {
                    defaults.add(kind + " " + plugin + ": default " + m.group(1));
                }
            }
        }
        assertThat(defaults).as("boolean defaults in the plugins' help").isNotEmpty();
        boolean onOff = defaults.stream().anyMatch(d -> d.endsWith(" on") || d.endsWith(" off"));
        boolean trueFalse = defaults.stream().anyMatch(d -> d.endsWith(" true") || d.endsWith(" false"));
        assertThat(onOff && trueFalse).as("on/off and true/false both used as defaults: " + defaults).isFalse();
    }

    @Test
    void theLongOptionNamesThatHelpListsWork() throws Exception {
        SluiceRun help = SluiceRun.of("-h");
        assertThat(help.status()).as(help.toString()).isZero();
        List<String> options = help.stdout().lines().filter(l -> l.matches("  -\\w  .*")).toList();
        assertThat(options).as("every option -h lists has a long name").isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("  -\\w  --[\\w-]+.*"));

        assertThat(help.stdout()).contains("-W  --disable-thread-safety-on-hot-reload");
        for (String w : List.of("-W", "--disable-thread-safety-on-hot-reload")) {
            SluiceRun run = SluiceRun.of(w, "--dry-run", "-i", "dummy", "-o", "null", "-m", "*");
            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.stderr()).contains("-W has no effect", "configuration test is successful");
            assertNoDoubledPrefix(run.stderr().lines().toList());
        }

        assertThat(help.stdout()).as("-h does not offer -T").doesNotContainPattern("(?m)^  -T ");
        for (String t : List.of("-T", "--trace")) {
            SluiceRun run = SluiceRun.of(t, "x", "--dry-run", "-i", "dummy", "-o", "null", "-m", "*");
            assertThat(run.status()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("-T (--trace) is not supported", "sluice -h");
        }
    }

    // ---- errors and where they are said to come from ---------------------------------------------------------------

    @Test
    void quietStillPrintsErrors() throws Exception {
        Path conf = Files.writeString(tmp.resolve("bad.conf"),
                "[INPUT]\n    Name dummy\n\n[OUTPUT]\n    Name null\n    Match *\n    Colour red\n");
        SluiceRun run = SluiceRun.of("-q", "-c", conf.toString());
        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("[error]", conf + ":7", "'colour'", "configuration file contains errors");
        assertThat(run.stderr()).as("-q hides the banner").doesNotContain("sluice v");

        SluiceRun fromCommandLine = SluiceRun.of("-q", "-i", "dummy", "-o", "no_such_output");
        assertThat(fromCommandLine.status()).isEqualTo(1);
        assertThat(fromCommandLine.stderr()).contains("[error]", "no_such_output");
    }

    @Test
    void configurationFileContainsErrorsIsSaidOnlyWhenThereIsAFile() throws Exception {
        SluiceRun commandLine = SluiceRun.of("-i", "dummy", "-o", "no_such_output");
        assertThat(commandLine.status()).isEqualTo(1);
        assertThat(commandLine.stderr()).contains("the command line contains errors")
                .doesNotContain("configuration file");

        SluiceRun badValue = SluiceRun.of("-i", "dummy", "-o", "null", "-p", "no_such_key=1");
        assertThat(badValue.status()).isEqualTo(1);
        assertThat(badValue.stderr()).contains("no_such_key", "the command line contains errors")
                .doesNotContain("configuration file");

        Path conf = Files.writeString(tmp.resolve("bad.conf"), "[INPUT]\n    Name no_such_input\n");
        SluiceRun file = SluiceRun.of("-c", conf.toString());
        assertThat(file.status()).isEqualTo(1);
        assertThat(file.stderr()).contains(conf.toString(), "configuration file contains errors");
    }

    @Test
    void anUnknownSectionNameIsAnError() throws Exception {
        Path conf = Files.writeString(tmp.resolve("typo.conf"),
                "[SERVICE]\n    Flush 1\n\n[INPUTS]\n    Name dummy\n\n[OUTPUT]\n    Name null\n    Match *\n");
        SluiceRun run = SluiceRun.of("-c", conf.toString());
        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains(conf + ":4", "INPUTS", "configuration file contains errors");

        Path yaml = Files.writeString(tmp.resolve("typo.yaml"),
                "service:\n  flush: 1\npipelines:\n  inputs:\n    - name: dummy\n");
        SluiceRun yamlRun = SluiceRun.of("-c", yaml.toString());
        assertThat(yamlRun.status()).as(yamlRun.toString()).isEqualTo(1);
        assertThat(yamlRun.stderr()).contains(yaml.toString(), "pipelines");
    }

    @Test
    void aMemBufLimitLargerThanTheHeapIsAnErrorAtDryRunNamingWhatToSet() throws Exception {
        Path conf = Files.writeString(tmp.resolve("big.conf"),
                "[INPUT]\n    Name dummy\n    Mem_Buf_Limit 2G\n\n[OUTPUT]\n    Name null\n    Match *\n");
        SluiceRun run = SluiceRun.of("--dry-run", "-c", conf.toString());
        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).containsIgnoringCase("mem_buf_limit").contains("JAVA_OPTS=-Xmx", "heap");
        assertThat(run.stderr()).as("the limit is in the file: the error should point there, not at the command line")
                .contains(conf.toString()).doesNotContain("error in command line");
    }

    // ---- a pipeline that does not do what it looks like ------------------------------------------------------------

    @Test
    void aMistypedMatchWarnsAtStartAndCountsWhatItDiscards() throws Exception {
        ClassicConfig config = ClassicConfig.quick().monitoring();
        config.addInput("dummy").set("Tag", "app.log").set("Rate", 20);
        config.addOutput("null").set("Match", "app.logs");
        try (SluiceProcess sluice = SluiceProcess.startOn(config.writeTo(tmp.resolve("typo.conf")), l -> { })) {
            String warning = sluice.awaitLog(l -> l.contains("matches no output"), QUICK);
            assertThat(warning).contains("[ warn]", "dummy.0", "app.log", "null.0='app.logs'");
            String discarded = sluice.awaitLog(l -> l.contains("match no output and were discarded"), QUICK);
            assertThat(discarded).contains("[ warn]", "input=dummy.0", "'app.log'");
            MonitoringApi counters = new MonitoringApi(sluice.httpPort());
            Awaitility.await().atMost(QUICK).until(() -> counters.inputPlugin("dummy.0", "unrouted_records") > 0);
            assertThat(counters.output("null.0", "proc_records")).isZero();
            sluice.terminate();
            assertThat(sluice.waitForExit(QUICK)).isZero();
        }
    }

    @Test
    void noInputOrNoOutputIsAnErrorAtDryRunAndAWarningAtStart() throws Exception {
        SluiceRun noInput = SluiceRun.of("--dry-run", "-o", "null", "-m", "*");
        assertThat(noInput.status()).as(noInput.toString()).isEqualTo(1);
        assertThat(noInput.stderr()).contains("no input");
        SluiceRun noOutput = SluiceRun.of("--dry-run", "-i", "dummy");
        assertThat(noOutput.status()).as(noOutput.toString()).isEqualTo(1);
        assertThat(noOutput.stderr()).contains("no output");

        for (String[] args : new String[][] {{"-o", "null", "-m", "*"}, {"-i", "dummy"}}) {
            try (SluiceProcess sluice = SluiceProcess.start(args)) {
                String warning = sluice.awaitLog(l -> l.contains("the pipeline has no"), QUICK);
                assertThat(warning).contains("[ warn]");
                sluice.awaitLog(l -> l.contains("[sluice] " + (args[0].equals("-i") ? "input" : "output")), QUICK);
                sluice.terminate();
                assertThat(sluice.waitForExit(QUICK)).as(sluice.tail()).isZero();
            }
        }
    }

    @Test
    void stdoutIntoHeadEndsTheProcess() throws Exception {
        // `sluice -i dummy -o stdout -p format=json_lines | head -2`: once head has gone, sluice must end too
        Path rc = tmp.resolve("sluice.rc");
        try (SluiceProcess shell = SluiceProcess.start(Path.of("/bin/sh"), SluiceProcess.DIST, Map.of(), "-c",
                "{ \"$0\" -i dummy -p rate=20 -o stdout -p format=json_lines -f 0.2; echo $? > \"$1\"; } | head -2",
                SluiceProcess.DIST.resolve("bin/sluice").toString(), rc.toString())) {
            Awaitility.await().atMost(QUICK).until(() -> shell.stdout().size() >= 2);
            boolean ended = awaitEnd(shell, Duration.ofSeconds(30));
            List<String> writeErrors = shell.logLinesWith("cannot write to stdout");
            Received.report("stdout into head -2", ended ? "sluice ended, exit " + readRc(rc)
                    : "sluice still running 30 s after head exited; 'cannot write to stdout' logged "
                    + writeErrors.size() + " times");
            if (!ended) {
                endDescendants(shell.pid());
            }
            assertThat(ended).as("sluice ended after head closed the pipe\n" + shell.tail()).isTrue();
            assertThat(readRc(rc)).as("sluice's exit status").isEqualTo("0");
            assertThat(shell.stdout()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"date\":"));
        }
    }

    // ---- plugins ---------------------------------------------------------------------------------------------------

    @Test
    void ofTwoVersionsOfOnePluginInThePluginsFolderTheHighestWinsAndTheOtherIsNamed() throws Exception {
        Path original = websocketJar();
        for (String[] names : new String[][] {{"a-websocket.jar", "b-websocket.jar"},
                {"b-websocket.jar", "a-websocket.jar"}}) {
            Path folder = Files.createDirectories(tmp.resolve("plugins-" + names[0].charAt(0)));
            Path high = withVersion(original, "2.0.10", folder.resolve(names[0]));
            Path low = withVersion(original, "2.0.9", folder.resolve(names[1]));
            try (SluiceProcess p = SluiceProcess.start(SluiceProcess.DIST.resolve("bin/sluice"), SluiceProcess.DIST,
                    Map.of("SLUICE_PLUGINS", folder.toString()), "-V")) {
                assertThat(p.waitForExit(QUICK)).as(p.tail()).isZero();
                assertThat(p.stdout()).as("the websocket plugin in use").filteredOn(l -> l.contains("websocket"))
                        .singleElement().asString().contains("v2.0.10", high.toString());
                assertThat(String.join("\n", p.stderr())).as("the version left out is named")
                        .contains(low.toString(), "2.0.9", "2.0.10");
            }
        }
    }

    @Test
    void aPluginGivenWithDashEWinsOverTheBundledOneOnlyWhenItIsNewer() throws Exception {
        Path original = websocketJar();
        Path newer = withVersion(original, "9.0.0", tmp.resolve("websocket-9.jar"));
        try (SluiceProcess p = SluiceProcess.start("-e", newer.toString(), "-V")) {
            assertThat(p.waitForExit(QUICK)).as(p.tail()).isZero();
            assertThat(p.stdout()).filteredOn(l -> l.contains("websocket")).singleElement().asString()
                    .contains("v9.0.0", newer.toString());
            assertThat(String.join("\n", p.stderr())).contains(original.toString(), "9.0.0");
        }
        Path older = withVersion(original, "1.0.0", tmp.resolve("websocket-1.jar"));
        try (SluiceProcess p = SluiceProcess.start("-e", older.toString(), "-V")) {
            assertThat(p.waitForExit(QUICK)).as(p.tail()).isZero();
            assertThat(p.stdout()).filteredOn(l -> l.contains("websocket")).singleElement().asString()
                    .contains(original.toString());
            assertThat(String.join("\n", p.stderr())).contains(older.toString(), "1.0.0");
        }
    }

    // ---- a byte-order mark ---------------------------------------------------------------------------------------

    @Test
    void aClassicConfigurationFileStartingWithAByteOrderMarkIsAccepted() throws Exception {
        Path conf = withBom(tmp.resolve("bom.conf"),
                "[SERVICE]\n    Flush 1\n\n[INPUT]\n    Name dummy\n\n[OUTPUT]\n    Name null\n    Match *\n");
        SluiceRun run = SluiceRun.of("--dry-run", "-c", conf.toString());
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("configuration test is successful");
    }

    @Test
    void aYamlConfigurationFileStartingWithAByteOrderMarkIsAccepted() throws Exception {
        Path conf = withBom(tmp.resolve("bom.yaml"), "service:\n  flush: 1\npipeline:\n  inputs:\n    - name: dummy\n"
                + "  outputs:\n    - name: null\n      match: '*'\n");
        SluiceRun run = SluiceRun.of("--dry-run", "-c", conf.toString());
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("configuration test is successful");
    }

    @Test
    void anIncludedClassicFileStartingWithAByteOrderMarkIsAccepted() throws Exception {
        withBom(tmp.resolve("outputs.conf"), "[OUTPUT]\n    Name null\n    Match *\n");
        Path conf = Files.writeString(tmp.resolve("main.conf"),
                "[INPUT]\n    Name dummy\n\n@INCLUDE " + tmp.resolve("outputs.conf") + "\n");
        SluiceRun run = SluiceRun.of("--dry-run", "-c", conf.toString());
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("null.0");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static final Pattern BOOLEAN_DEFAULT = Pattern.compile("default: (on|off|true|false|yes|no)\\b");
    /** A bracketed prefix given twice in a row, e.g. {@code [config] [config]}. */
    private static final Pattern DOUBLED_PREFIX = Pattern.compile("(\\[[^\\]]+\\]) \\1");

    private static void assertNoDoubledPrefix(List<String> logLines) {
        assertThat(logLines).as("log lines with a prefix given twice")
                .noneSatisfy(l -> assertThat(l).containsPattern(DOUBLED_PREFIX));
    }

    /** A run of the launcher to its end: status and all it printed. */
    record SluiceRun(int status, String stdout, String stderr) {
        static SluiceRun of(String... args) throws Exception {
            try (SluiceProcess p = SluiceProcess.start(args)) {
                int status = p.waitForExit(QUICK);
                return new SluiceRun(status, String.join("\n", p.stdout()), String.join("\n", p.stderr()));
            }
        }

        @Override
        public String toString() {
            return "exit " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private static Path withBom(Path file, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        return Files.write(file, bytes);
    }

    /** The bundled websocket plugin jar. */
    private static Path websocketJar() throws IOException {
        try (Stream<Path> files = Files.list(SluiceProcess.DIST.resolve("plugins"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("sluice-output-websocket-"))
                    .findFirst().orElseThrow();
        }
    }

    /** A copy of {@code jar} whose manifest says {@code Sluice-Plugin-Version: version}. */
    private static Path withVersion(Path jar, String version, Path target) throws IOException {
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Sluice-Plugin-Version"), version);
            try (OutputStream file = Files.newOutputStream(target);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /**
     * Makes {@code dir} unwritable for this user: mode 0500 for an ordinary user; as root, whom modes do not stop,
     * the immutable attribute (chattr +i). Returns whether chattr was used; skips the test when neither works.
     */
    private static boolean makeUnwritable(Path dir) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
            Assumptions.assumeFalse(Files.isWritable(dir), "cannot make a folder unwritable");
            return false;
        }
        boolean done = run("chattr", "+i", dir.toString());
        Assumptions.assumeTrue(done && !Files.isWritable(dir), "root, and chattr +i is not available here");
        return true;
    }

    private static void undo(Path dir, boolean immutable) throws Exception {
        if (immutable) {
            run("chattr", "-i", dir.toString());
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean awaitEnd(SluiceProcess process, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> !process.isAlive());
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    private static String readRc(Path rc) throws IOException {
        return Files.exists(rc) ? Files.readString(rc).trim() : "(none)";
    }

    /** Ends the processes the test's shell started (sluice, still running), by their ids. */
    private static void endDescendants(long pid) {
        List<ProcessHandle> children = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(children::add));
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
