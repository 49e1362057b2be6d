package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.api.config.Setting;
import io.sluice.core.cli.CommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** YAML files through {@link ConfigLoader}: the format choice, and validation errors that name YAML lines. */
class ConfigLoaderYamlTest {

    @TempDir
    Path dir;
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private PipelineConfig load(String name, String text) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text);
        return new ConfigLoader(environment, "box", warnings::add).read(CommandLine.parse("-c", file.toString()),
                new CatalogWithGrep());
    }

    private ConfigException error(String name, String text) {
        return catchThrowableOfType(ConfigException.class, () -> load(name, text));
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.yaml", "a.yml", "A.YAML", "a.Yml", "fluent-bit.conf.yaml"})
    void theExtensionChoosesYamlIgnoringCase(String name) throws Exception {
        assertThat(load(name, "pipeline:\n  inputs:\n    - name: cpu\n").inputs()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "false", "no", "0", "OFF"})
    void aFilterThatIsNotActiveIsLeftOutWithAWarning(String active) throws Exception {
        PipelineConfig config = load("a.conf", "[INPUT]\n    Name cpu\n[FILTER]\n    Name grep\n    Match *\n"
                + "    Regex log a\n    Active " + active + "\n[OUTPUT]\n    Name stdout\n    Match *\n");

        assertThat(config.filters()).isEmpty();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("filter grep.0 is not active"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "true", "yes", "1"})
    void aFilterThatIsActiveStays(String active) throws Exception {
        assertThat(load("a.conf", "[INPUT]\n    Name cpu\n[FILTER]\n    Name grep\n    Match *\n"
                + "    Regex log a\n    Active " + active + "\n[OUTPUT]\n    Name stdout\n    Match *\n").filters())
                .hasSize(1);
    }

    @Test
    void aMistypedActiveIsAnErrorNotAFilterSilentlyLeftOn() {
        ConfigException e = error("a.conf", "[INPUT]\n    Name cpu\n[FILTER]\n    Name grep\n    Match *\n"
                + "    Regex log a\n    Active offf\n[OUTPUT]\n    Name stdout\n    Match *\n");

        assertThat(e.userMessage()).contains(":7: key 'active'", "invalid value 'offf'");
    }

    @Test
    void yamlSavedUnderAnotherExtensionIsReadAsClassicWithAHint() {
        ConfigException e = error("fluent-bit.conf", "service:\n  flush: 1\n");

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file("fluent-bit.conf") + ":1: key 'service:': "
                + "entry must be indented\n[config] hint: this looks like YAML; use a .yaml extension");
    }

    @Test
    void theHintAlsoComesAfterLeadingCommentsAndForADocumentMarker() {
        assertThat(error("a.conf", "# generated\n\npipeline:\n  inputs: []\n").getMessage())
                .endsWith("\n[config] hint: this looks like YAML; use a .yaml extension");
        assertThat(error("b.conf", "---\nservice:\n").getMessage())
                .endsWith("\n[config] hint: this looks like YAML; use a .yaml extension");
    }

    @Test
    void classicErrorsElsewhereGetNoHint() {
        assertThat(error("a.conf", "[INPUT]\n    Name cpu\nservice:\n").getMessage())
                .isEqualTo("entry must be indented");
        assertThat(error("b.conf", "Name cpu\n").getMessage()).isEqualTo("entry must be indented");
    }

    @Test
    void aMissingYamlFileCannotBeOpened() {
        assertThat(catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(environment, "box",
                warnings::add).read(CommandLine.parse("-c", file("none.yaml")), new CatalogWithGrep())).getMessage())
                .isEqualTo("could not open configuration file, aborting.");
    }

    @Test
    void anUnknownPropertyNamesTheYamlFileLineAndKey() {
        ConfigException e = error("a.yaml", "pipeline:\n  inputs:\n    - name: cpu\n      MemBufLimit: 5M\n");

        assertThat(e.userMessage()).startsWith("[config] error in " + file("a.yaml") + ":4: key 'membuflimit': cpu: "
                + "unknown configuration property 'membuflimit'. The following properties are allowed: interval_sec,");
    }

    @Test
    void aSingleValuedKeyGivenAsAListNamesBothLines() {
        ConfigException e = error("a.yaml", "pipeline:\n  outputs:\n    - name: stdout\n      format:\n"
                + "        - json\n        - json_lines\n");

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file("a.yaml") + ":6: key 'format': stdout: "
                + "configuration property 'format' is set more than once (first at " + file("a.yaml")
                + ":5); it takes one value");
    }

    @Test
    void missingNameAndUnknownPluginNameTheirLines() {
        assertThat(error("a.yaml", "pipeline:\n  outputs:\n    - match: '*'\n").userMessage()).isEqualTo(
                "[config] error in " + file("a.yaml") + ":3: key 'name': section 'output' is missing the 'name' "
                        + "property");
        assertThat(error("b.yaml", "pipeline:\n  filters:\n    -\n      name: nope\n").userMessage()).isEqualTo(
                "[config] error in " + file("b.yaml") + ":4: key 'name': section 'nope' tried to instance a plugin "
                        + "name that doesn't exist: the filter plugins found are grep (built in, and looked for in "
                        + "no plugin folder)");
    }

    @Test
    void badValuesAndServiceValuesNameTheirLines() {
        assertThat(error("a.yaml", "pipeline:\n  outputs:\n    - name: websocket\n      port: x80\n").userMessage())
                .isEqualTo("[config] error in " + file("a.yaml") + ":4: key 'port': websocket: invalid value 'x80': "
                        + "expected a whole number from 1 to 65535");
        assertThat(error("b.yaml", "service:\n  httpServer: maybe\n").userMessage()).isEqualTo("[config] error in "
                + file("b.yaml") + ":2: key 'http_server': invalid value for boolean property: 'maybe': expected "
                + "on/off, true/false or yes/no");
    }

    @Test
    void quotedValuesReachThePluginVerbatimAndExpansionsAreNotTrimmed() throws Exception {
        environment.put("PAD", " padded ");
        OutputDefinition ws = load("a.yaml", """
                pipeline:
                  outputs:
                    - name: websocket
                      match: '*'
                      header: ' X-A 1 '
                      header: ${PAD}
                      uri:   /plain
                """).outputs().get(0);

        assertThat(ws.config().settings()).containsExactly(new Setting("header", " X-A 1 "),
                new Setting("header", " padded "), new Setting("uri", "/plain"));
    }

    @Test
    void anEmptyValueCountsAsNotSet() throws Exception {
        InputDefinition tcp = load("a.yaml", "pipeline:\n  inputs:\n    - name: tcp\n      port:\n      tag: ''\n")
                .inputs().get(0);

        assertThat(tcp.config().isSet("port")).isFalse();
        assertThat(tcp.tag()).isEqualTo("tcp.0");
    }

    @Test
    void envVariablesWinOverTheProcessEnvironmentAndExpandInNames() throws Exception {
        environment.put("OUT", "websocket");

        PipelineConfig config = load("a.yaml", """
                pipeline:
                  outputs:
                    - name: ${OUT}
                      match: '*'
                env:
                  OUT: stdout
                """);

        assertThat(config.outputs().get(0).plugin().name()).isEqualTo("stdout");
    }
}
