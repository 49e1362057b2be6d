package io.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.distribution.support.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration example in README.md is given twice, in the classic format and in YAML: each one passes
 * {@code --dry-run} through the real launcher, and the two forms of an example load the same pipeline (the dry run
 * prints every instance with every property it read). The bundled default configuration too, in both forms.
 */
class ReadmeExamplesIT {

    private static final Pattern BLOCK = Pattern.compile("```(ini|yaml)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void everyReadmeExampleLoadsTheSamePipelineInBothFormats() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = BLOCK.matcher(readme);
        List<String[]> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(new String[] {m.group(1), m.group(2)});
        }
        assertThat(blocks).as("README holds configuration examples").hasSizeGreaterThan(6);
        int pairs = 0;
        for (int i = 0; i < blocks.size(); i++) {
            if (!blocks.get(i)[0].equals("ini")) {
                continue;
            }
            assertThat(i + 1 < blocks.size() && blocks.get(i + 1)[0].equals("yaml"))
                    .as("the classic example #%d is followed by its YAML form:%n%s", i, blocks.get(i)[1]).isTrue();
            List<String> classic = dryRun("example" + i + ".conf", blocks.get(i)[1]);
            List<String> yaml = dryRun("example" + i + ".yaml", blocks.get(i + 1)[1]);
            assertThat(yaml).as("example %d: the YAML form loads the same pipeline as%n%s", i, blocks.get(i)[1])
                    .isEqualTo(classic);
            pairs++;
        }
        assertThat(pairs).isGreaterThan(3);
    }

    @Test
    void theBundledDefaultConfigurationLoadsTheSamePipelineInBothFormats() throws Exception {
        assertThat(pipelineOf(SluiceProcess.DIST.resolve("conf/sluice.yaml")))
                .isEqualTo(pipelineOf(SluiceProcess.DIST.resolve("conf/sluice.conf")));
    }

    /** Runs an example with its system paths ({@code /var/lib/sluice}, {@code /var/log}) moved under {@code tmp}. */
    private List<String> dryRun(String name, String text) throws Exception {
        Files.createDirectories(tmp.resolve("log"));
        String local = text.replace("/var/lib/sluice", tmp.resolve("state").toString())
                .replace("/var/log/", tmp.resolve("log") + "/");
        Path file = Files.writeString(tmp.resolve(name), local);
        return pipelineOf(file);
    }

    /** The pipeline {@code --dry-run} prints: its instance and property lines, in order. */
    private static List<String> pipelineOf(Path file) throws Exception {
        try (SluiceProcess p = SluiceProcess.start(SluiceProcess.DIST.resolve("bin/sluice"), file.getParent(),
                java.util.Map.of("OUT_HOST", "127.0.0.1"), "--dry-run", "-c", file.toString())) {
            int exit = p.waitForExit(Duration.ofSeconds(30));
            assertThat(exit).as("--dry-run of %s:%n%s%n%s", file.getFileName(), Files.readString(file),
                    String.join("\n", p.stderr())).isZero();
            return p.stderr().stream().filter(l -> l.startsWith("[service]") || l.startsWith("[input]")
                    || l.startsWith("[filter]") || l.startsWith("[output]") || l.startsWith("    ")).toList();
        }
    }
}
