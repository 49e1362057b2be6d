package io.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.support.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values a newcomer got wrong are caught by {@code --dry-run}, through the real launcher, with the file, line, key and
 * what is accepted; and secret values never show, whatever the output.
 */
class ConfigValidationIT {

    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final String TOKEN = "Bearer s3cr3t-t0ken-never-printed";

    @TempDir
    Path tmp;

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("[INPUT]\n    Name tcp\n    Port 99999\n", ":3", "key 'port'",
                        "expected a whole number from 0 to 65535"),
                Arguments.of("[INPUT]\n    Name tcp\n    Port 51x70\n", ":3", "key 'port'",
                        "expected a whole number from 0 to 65535"),
                Arguments.of("[INPUT]\n    Name dummy\n[OUTPUT]\n    Name stdout\n    Match *\n    workers 0\n", ":6",
                        "key 'workers'", "expected a whole number from 1 to 64"),
                Arguments.of("[INPUT]\n    Name cpu\n    Interval_Sec -1\n", ":3", "key 'interval_sec'",
                        "of at least 0"),
                Arguments.of("[OUTPUT]\n    Name websocket\n    Match *\n    tls on\n    tls.ca_file /no/such/ca.pem\n",
                        ":5", "key 'tls.ca_file'", "file '/no/such/ca.pem' does not exist"),
                Arguments.of("[INPUT]\n    Name dummy\n    Tag a\n    Tag b\n", ":4", "key 'tag'",
                        "is set more than once (first at "));
    }

    /** Values that once passed {@code --dry-run} and failed only at start, or not at all. */
    static Stream<Arguments> valuesThatOncePassedDryRun() {
        return Stream.of(
                Arguments.of("[INPUT]\n    Name dummy\n[OUTPUT]\n    Name websocket\n    Match *\n"
                        + "    workers 100000\n", ":6", "key 'workers'", "expected a whole number from 1 to 64"),
                Arguments.of("[SERVICE]\n    Log_File /\n[INPUT]\n    Name dummy\n[OUTPUT]\n    Name null\n"
                        + "    Match *\n", ":2", "key 'log_file'", "'/' is a directory"),
                Arguments.of("[SERVICE]\n    storage.path /dev/null/x\n[INPUT]\n    Name dummy\n"
                        + "    storage.type filesystem\n[OUTPUT]\n    Name null\n    Match *\n", ":2",
                        "key 'storage.path'", "'/dev/null/x'"),
                Arguments.of("[INPUT]\n    Name dummy\n    Dummy {{{{\n[OUTPUT]\n    Name null\n    Match *\n", ":3",
                        "key 'dummy'", "invalid JSON"),
                Arguments.of("[INPUT]\n    Name dummy\n    Rate -1\n[OUTPUT]\n    Name null\n    Match *\n", ":3",
                        "key 'rate'", "expected a whole number from 1 to"),
                Arguments.of("[INPUT]\n    Name tcp\n    Port -1\n[OUTPUT]\n    Name null\n    Match *\n", ":3",
                        "key 'port'", "expected a whole number from 0 to 65535"));
    }

    @ParameterizedTest
    @MethodSource({"badValues", "valuesThatOncePassedDryRun"})
    void dryRunNamesFileLineKeyAndTheAcceptedFormsAndExitsOne(String config, String line, String key,
                                                                String accepted) throws Exception {
        Path conf = Files.writeString(tmp.resolve("bad.conf"), config);

        try (SluiceProcess p = SluiceProcess.start("--dry-run", "-c", conf.toString())) {
            assertThat(p.waitForExit(QUICK)).isEqualTo(1);
            String err = String.join("\n", p.stderr());
            assertThat(err).contains(conf + line, key, accepted);
            assertThat(err).doesNotContain("configuration test is successful");
        }
    }

    @Test
    void aSecretHeaderValueNeverAppearsInHelpDryRunOrTheLog() throws Exception {
        Path conf = Files.writeString(tmp.resolve("secret.conf"), "[SERVICE]\n    Log_Level debug\n    Flush 0.2\n"
                + "[INPUT]\n    Name dummy\n    Rate 20\n[OUTPUT]\n    Name websocket\n    Match *\n"
                + "    Host 127.0.0.1\n    Port 9\n    Header Authorization " + TOKEN + "\n"
                + "    Header X:Bad " + TOKEN + "\n");

        try (SluiceProcess dry = SluiceProcess.start("--dry-run", "-c", conf.toString())) {
            assertThat(dry.waitForExit(QUICK)).isEqualTo(1);
            assertThat(String.join("\n", dry.stderr())).contains("key 'header'");
            assertThat(String.join("\n", dry.stderr())).doesNotContain("s3cr3t");
            assertThat(String.join("\n", dry.stdout())).doesNotContain("s3cr3t");
        }
        try (SluiceProcess help = SluiceProcess.start("-c", conf.toString(), "-o", "websocket", "-h")) {
            assertThat(help.waitForExit(QUICK)).isZero();
            String out = String.join("\n", help.stdout());
            assertThat(out).contains("header", "secret").doesNotContain("s3cr3t");
        }
        Path good = Files.writeString(tmp.resolve("good.conf"), Files.readString(conf).replaceAll("(?m)^.*X:Bad.*\\n",
                ""));
        try (SluiceProcess run = SluiceProcess.start("-c", good.toString())) {
            run.awaitLog(l -> l.contains("websocket") && (l.contains("connect") || l.contains("refused")),
                    QUICK);
            run.terminate();
            run.waitForExit(QUICK);
            assertThat(String.join("\n", run.stderr())).doesNotContain("s3cr3t");
            assertThat(String.join("\n", run.stdout())).doesNotContain("s3cr3t");
        }
    }

    @Test
    void aSuccessfulDryRunMasksASecretHeaderValue() throws Exception {
        Path conf = Files.writeString(tmp.resolve("secret-ok.conf"), "[SERVICE]\n    Flush 0.2\n"
                + "[INPUT]\n    Name dummy\n    Rate 20\n[OUTPUT]\n    Name websocket\n    Match *\n"
                + "    Host 127.0.0.1\n    Port 9\n    Header Authorization " + TOKEN + "\n");

        try (SluiceProcess dry = SluiceProcess.start("-c", conf.toString(), "--dry-run")) {
            assertThat(dry.waitForExit(QUICK)).as(dry.tail()).isZero();
            String all = String.join("\n", dry.stdout()) + "\n" + String.join("\n", dry.stderr());
            assertThat(all).contains("configuration test is successful").doesNotContain("s3cr3t");
            assertThat(Stream.concat(dry.stdout().stream(), dry.stderr().stream())
                    .filter(l -> l.trim().toLowerCase(Locale.ROOT).startsWith("header ")))
                    .as("the dry run prints the output's properties: the header is shown, its value masked")
                    .isNotEmpty().allSatisfy(l -> assertThat(l).contains("<secret>"));
        }
    }

    @Test
    void helpShowsTypesRangesAndDefaultsFromTheDeclaration() throws Exception {
        try (SluiceProcess p = SluiceProcess.start("-o", "websocket", "-h")) {
            assertThat(p.waitForExit(QUICK)).isZero();
            String out = String.join("\n", p.stdout());
            assertThat(out).contains("type: integer, accepts: a whole number from 1 to 65535",
                    "default: 1, type: integer, accepts: a whole number from 1 to 64",
                    "type: choice, one of: chunk, record", "type: string, repeatable, secret");
        }
    }
}
