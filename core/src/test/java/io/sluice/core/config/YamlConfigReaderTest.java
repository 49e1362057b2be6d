package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlConfigReaderTest {

    @TempDir
    Path root;
    private final List<String> warnings = new ArrayList<>();

    private Path write(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private String file(String name) {
        return root.resolve(name).toString();
    }

    private ClassicDocument read(String text) throws Exception {
        write("main.yaml", text);
        return read();
    }

    private ClassicDocument read() throws ConfigException {
        return YamlConfigReader.read(file("main.yaml"), Path.of(""), warnings::add);
    }

    private ConfigException error(String text) throws IOException {
        write("main.yaml", text);
        return catchThrowableOfType(ConfigException.class, this::read);
    }

    /** Each section as {@code KIND@line: key=value@line …}. */
    private static List<String> describe(ClassicDocument document) {
        return document.sections().stream().map(s -> s.kind() + "@" + s.origin().line() + ":" + s.entries().stream()
                .map(e -> " " + e.key() + "=" + e.value() + "@" + e.origin().line()).reduce("", String::concat))
                .toList();
    }

    @Test
    void sectionsCarryTheLineOfEachValueAndKeysAreSpelledAsClassicOnes() throws Exception {
        ClassicDocument document = read("""
                service:
                  flush: 1
                  logLevel: debug
                pipeline:
                  inputs:
                    - name: tcp
                      Mem_Buf_Limit: 5M
                      storage.type: filesystem
                  filters:
                    - name: grep
                      match: '*'
                  outputs:
                    - name: stdout
                      match:
                        '*'
                """);

        assertThat(describe(document)).containsExactly(
                "SERVICE@1: flush=1@2 log_level=debug@3",
                "INPUT@6: name=tcp@6 mem_buf_limit=5M@7 storage.type=filesystem@8",
                "FILTER@10: name=grep@10 match=*@11",
                "OUTPUT@13: name=stdout@13 match=*@15");
        assertThat(document.sections().get(0).entries().get(0).origin()).isEqualTo(new Origin(file("main.yaml"), 2));
        assertThat(document.variables()).isEmpty();
    }

    @Test
    void listsOfScalarsAndRepeatedKeysAreTheKeyRepeated() throws Exception {
        ClassicDocument document = read("""
                pipeline:
                  outputs:
                    - name: websocket
                      header: [X-A 1, X-B 2]
                      header: X-C 3
                      regex:
                        - one
                        - two
                """);

        assertThat(describe(document)).containsExactly("OUTPUT@3: name=websocket@3 header=X-A 1@4 header=X-B 2@4 "
                + "header=X-C 3@5 regex=one@7 regex=two@8");
    }

    @Test
    void quotedScalarsAreKeptVerbatimWhilePlainAndBlockScalarsAreTrimmed() throws Exception {
        ClassicDocument document = read("""
                pipeline:
                  inputs:
                    - name: tcp
                      separator: ' '
                      tag: "  spaced  "
                      empty:
                      quoted_empty: ''
                      format: |
                        json
                """);

        assertThat(document.sections().get(0).entries()).extracting(ConfigEntry::value)
                .containsExactly("tcp", " ", "  spaced  ", "", "", "json");
    }

    @Test
    void sectionAndGroupNamesAreCaseInsensitive() throws Exception {
        assertThat(describe(read("SERVICE:\n  flush: 2\nPipeLine:\n  INPUTS:\n    - name: cpu\n")))
                .containsExactly("SERVICE@1: flush=2@2", "INPUT@5: name=cpu@5");
    }

    @Test
    void emptySectionsAndAnEmptyFileAreNothing() throws Exception {
        assertThat(read("pipeline:\nservice:\nincludes:\nenv:\n").sections()).isEmpty();
        assertThat(read("pipeline:\n  inputs:\n  outputs: []\n").sections()).isEmpty();
        assertThat(read("").sections()).isEmpty();
    }

    @Test
    void aSinglePluginMappingIsAListOfOne() throws Exception {
        assertThat(describe(read("pipeline:\n  inputs:\n    name: cpu\n"))).containsExactly("INPUT@3: name=cpu@3");
    }

    @Test
    void extensionsAreIgnoredWhateverTheyHold() throws Exception {
        assertThat(read("extensions:\n  anything: {deep: [1, {x: y}]}\n  other: text\n").sections()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    // ---- service

    @Test
    void aSecondServiceIsAnErrorNamingTheFileByItsBaseName() throws IOException {
        ConfigException e = error("service:\n  flush: 1\npipeline:\nservice:\n  grace: 1\n");

        assertThat(e.origin()).isEqualTo(new Origin(file("main.yaml"), 4));
        assertThat(e.getMessage()).isEqualTo("YAML error found in file \"main.yaml\", line 4, column 0: duplicated "
                + "definition of 'service'");
    }

    @Test
    void aServiceInAnIncludedFileCountsToo() throws IOException {
        write("inc/other.yaml", "\n\nservice:\n  grace: 1\n");

        ConfigException e = error("service:\n  flush: 1\nincludes:\n  - inc/other.yaml\n");

        assertThat(e.origin()).isEqualTo(new Origin(file("inc/other.yaml"), 3));
        assertThat(e.getMessage()).isEqualTo("YAML error found in file \"other.yaml\", line 3, column 0: duplicated "
                + "definition of 'service'\n[config] including file 'inc/other.yaml' at " + file("main.yaml") + ":4");
    }

    @Test
    void aNestedServicePropertyIsAnErrorExceptTelemetryWhichIsIgnored() throws Exception {
        ConfigException e = error("service:\n  flush: 1\n  storage:\n    path: /x\n");

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file("main.yaml") + ":3: key 'storage': "
                + "unsupported nested service property 'storage'");
        assertThat(describe(read("service:\n  telemetry:\n    a: b\n  flush: 1\n")))
                .containsExactly("SERVICE@1: flush=1@4");
        assertThat(warnings).containsExactly("[config] " + file("main.yaml")
                + ":2: service telemetry is not supported by sluice; ignored");
    }

    @Test
    void serviceMustBeAMapping() throws IOException {
        assertThat(error("service: [flush]\n").getMessage()).isEqualTo("YAML error found in file \""
                + file("main.yaml") + "\", line 1, column 9: unexpected event 'sequence-start-event' in state "
                + "'service'.");
    }

    // ---- pipeline

    @ParameterizedTest
    @ValueSource(strings = {"customs", "processors", "input"})
    void anUnknownPipelineGroupIsAnError(String group) throws IOException {
        ConfigException e = error("pipeline:\n  inputs: []\n  " + group + ":\n    - name: x\n");

        assertThat(e.origin().line()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("YAML error found in file \"" + file("main.yaml") + "\", line 3, column 2:"
                + " the pipeline component '" + group + "' is not valid. Try one of these values: customs, inputs, "
                + "filters or outputs.");
    }

    @Test
    void structureErrorsNameTheEventAndTheState() throws IOException {
        String prefix = "YAML error found in file \"" + file("main.yaml") + "\", line ";
        assertThat(error("pipeline: [inputs]\n").getMessage())
                .isEqualTo(prefix + "1, column 10: unexpected event 'sequence-start-event' in state 'pipeline'.");
        assertThat(error("pipeline:\n  inputs:\n    - cpu\n").getMessage())
                .isEqualTo(prefix + "3, column 6: unexpected event 'scalar-event' in state 'input'.");
        assertThat(error("pipeline:\n  outputs: stdout\n").getMessage())
                .isEqualTo(prefix + "2, column 11: unexpected event 'scalar-event' in state 'output'.");
        assertThat(error("- service\n").getMessage())
                .isEqualTo(prefix + "1, column 0: unexpected event 'sequence-start-event' in state 'document'.");
        assertThat(error("pipeline:\n  filters:\n    - name: grep\n      regex: [{a: b}]\n").getMessage())
                .isEqualTo(prefix + "4, column 14: unexpected event 'mapping-start-event' in state 'plugin-values'.");
        assertThat(error("includes:\n  - {a: b}\n").getMessage())
                .isEqualTo(prefix + "2, column 4: unexpected event 'mapping-start-event' in state 'include'.");
    }

    @Test
    void aNestedMappingAsAPluginPropertyIsAnError() throws IOException {
        ConfigException e = error("pipeline:\n  outputs:\n    - name: stdout\n      Format:\n        a: b\n");

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file("main.yaml") + ":4: key 'format': "
                + "could not configure property 'format' on output plugin with section name 'stdout'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inputs", "filters", "outputs"})
    void processorsAreRejectedOnEveryPlugin(String group) throws IOException {
        ConfigException e = error("pipeline:\n  " + group + ":\n    - name: x\n      processors:\n        logs:\n"
                + "          - name: content_modifier\n");

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file("main.yaml") + ":4: key 'processors': "
                + "processors/routes are not supported yet");
    }

    @Test
    void routesAreRejectedAndOnlyLowerCaseStructuralKeysAreStructural() throws IOException {
        assertThat(error("pipeline:\n  inputs:\n    - name: tcp\n      routes: [a]\n").getMessage())
                .isEqualTo("processors/routes are not supported yet");
        assertThat(error("pipeline:\n  inputs:\n    - name: tcp\n      Processors:\n        logs: []\n")
                .getMessage()).isEqualTo("could not configure property 'processors' on input plugin with section "
                        + "name 'tcp'");
    }

    // ---- sections sluice does not have

    @ParameterizedTest
    @ValueSource(strings = {"parsers", "multiline_parsers", "customs", "upstream_servers", "stream_processor",
        "plugins", "Parsers"})
    void sectionsSluiceHasNoUseForAreErrorsNamingThem(String section) throws IOException {
        ConfigException e = error("service:\n  flush: 1\n" + section + ":\n  - name: x\n");

        assertThat(e.origin()).isEqualTo(new Origin(file("main.yaml"), 3));
        assertThat(e.getMessage()).startsWith("section '" + section.toLowerCase() + "' is not supported by sluice (");
    }

    @Test
    void unknownSectionsAreErrorsWhateverTheirShape() throws IOException {
        assertThat(error("colour:\n  a: b\n").userMessage()).isEqualTo("[config] error in " + file("main.yaml")
                + ":1: unknown section 'colour'. Try one of these values: service, pipeline, includes, env or "
                + "extensions.");
        assertThat(error("other: [a]\n").getMessage()).startsWith("unknown section 'other'.");
    }

    @Test
    void pluginGroupsOutsideThePipelineSaySo() throws IOException {
        assertThat(error("filters:\n  - name: grep\n").getMessage())
                .isEqualTo("section 'filters' must be inside 'pipeline', as in pipeline: { filters: [ ... ] }");
    }

    // ---- includes

    @Test
    void includesAreReadWhereTheyAreNamedRelativeToTheIncludingFile() throws Exception {
        write("conf/main.yaml", "pipeline:\n  inputs: [{name: cpu}]\nincludes:\n  - sub/one.yaml\n"
                + "pipeline:\n  inputs: [{name: tcp}]\n");
        write("conf/sub/one.yaml", "includes: [two.conf]\npipeline:\n  outputs: [{name: stdout}]\n");
        write("conf/sub/two.conf", "pipeline:\n  outputs: [{name: websocket}]\n");

        ClassicDocument document = YamlConfigReader.read(file("conf/main.yaml"), Path.of(""), warnings::add);

        assertThat(document.sections()).extracting(s -> s.first("name").orElseThrow().value())
                .containsExactly("cpu", "websocket", "stdout", "tcp");
        assertThat(document.sections().get(1).origin()).isEqualTo(new Origin(file("conf/sub/two.conf"), 2));
    }

    @Test
    void labelsOfIncludedFilesFollowThePathTheTopFileWasGivenBy() throws Exception {
        write("conf/main.yaml", "includes: [sub/one.yaml]\n");
        write("conf/sub/one.yaml", "pipeline:\n  outputs: [{name: stdout}]\n");

        ClassicDocument document = YamlConfigReader.read("conf/main.yaml", root, warnings::add);

        assertThat(document.sections().get(0).origin().file()).isEqualTo(root.resolve("conf/sub/one.yaml").toString());
    }

    @Test
    void absoluteIncludesAndTheScalarFormWork() throws Exception {
        write("elsewhere/abs.yaml", "pipeline:\n  inputs: [{name: cpu}]\n");

        assertThat(read("includes: " + file("elsewhere/abs.yaml") + "\n").sections()).hasSize(1);
    }

    @Test
    void globsAreReadSortedAndAMissOrAMissingFileIsAnError() throws Exception {
        write("d/b.yaml", "pipeline:\n  inputs: [{name: b}]\n");
        write("d/a.yaml", "pipeline:\n  inputs: [{name: a}]\n");
        write("d/c.yaml", "pipeline:\n  inputs: [{name: c}]\n");

        assertThat(read("includes: ['d/*.yaml']\n").sections()).extracting(s -> s.first("name").orElseThrow().value())
                .containsExactly("a", "b", "c");
        assertThat(error("includes:\n  - 'none/*.yaml'\n").userMessage()).isEqualTo("[config] error in "
                + file("main.yaml") + ":2: no file matches 'none/*.yaml'");
        assertThat(error("\nincludes:\n  - nope.yaml\n").userMessage()).isEqualTo("[config] error in "
                + file("main.yaml") + ":3: cannot open included file 'nope.yaml': " + file("nope.yaml")
                + " does not exist");
    }

    @Test
    void variablesAreNotExpandedInIncludePaths() throws IOException {
        assertThat(error("includes: ['${HOME}/x.yaml']\n").getMessage()).startsWith("cannot open included file "
                + "'${HOME}/x.yaml': " + file("${HOME}/x.yaml"));
    }

    @Test
    void aFileIncludedTwiceUnderAnotherSpellingIsAnError() throws IOException {
        write("a.yaml", "pipeline:\n  inputs: [{name: cpu}]\n");
        Files.createDirectories(root.resolve("sub"));

        assertThat(error("includes:\n  - a.yaml\n  - ./sub/../a.yaml\n").userMessage()).isEqualTo(
                "[config] error in " + file("main.yaml") + ":3: file './sub/../a.yaml' is already included");
    }

    @Test
    void aFileIncludingItselfIsAnErrorNotARecursion() throws IOException {
        write("self.yaml", "includes: [./self.yaml]\n");

        ConfigException e = error("includes: [self.yaml]\n");

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file("self.yaml") + ":1: file './self.yaml' is "
                + "already included\n[config] including file 'self.yaml' at " + file("main.yaml") + ":1");
        assertThat(error("includes: [main.yaml]\n").getMessage()).isEqualTo("file 'main.yaml' is already included");
    }

    @Test
    void anErrorInsideAnIncludedFileNamesItsLineThenWhereItWasIncluded() throws IOException {
        write("bad.yaml", "pipeline:\n  inputs:\n  - name: [\n");

        ConfigException e = error("pipeline:\n  inputs: [{name: cpu}]\nincludes: [bad.yaml]\n");

        assertThat(e.origin().file()).isEqualTo(file("bad.yaml"));
        assertThat(e.getMessage()).startsWith("invalid YAML in file " + file("bad.yaml") + " at line ")
                .endsWith("\n[config] including file 'bad.yaml' at " + file("main.yaml") + ":3");
    }

    @Test
    void theNumberOfFilesIsLimited() throws Exception {
        write("one.yaml", "includes: [two.yaml]\n");
        write("two.yaml", "");
        write("main.yaml", "includes: [one.yaml]\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> YamlConfigReader.read(file("main.yaml"), Path.of(""), warnings::add, 2));

        assertThat(e.userMessage()).isEqualTo("[config] error in " + file("one.yaml") + ":1: too many included files "
                + "(at most 2)\n[config] including file 'one.yaml' at " + file("main.yaml") + ":1");
    }

    @Test
    void aMissingTopFileCannotBeOpened() {
        assertThat(catchThrowableOfType(ConfigException.class, this::read).userMessage())
                .isEqualTo("[config] error in " + file("main.yaml") + ": could not open configuration file, aborting.");
    }

    // ---- env

    @Test
    void envMapAndListFormsDefineVariablesTheLaterWinning() throws Exception {
        write("token", "abc\n\n");
        ClassicDocument document = read("""
                env:
                  A: 1
                  B: ' spaced '
                  C: overwritten
                pipeline:
                  inputs: [{name: cpu}]
                env:
                  - name: C
                    value: three
                  - Name: D
                    Value: four
                  - E: five
                    F: six
                  - name: TOKEN
                    uri: file://%s
                    refresh_interval: 0
                """.formatted(file("token")));

        assertThat(document.variables()).isEqualTo(Map.of("A", "1", "B", " spaced ", "C", "three", "D", "four",
                "E", "five", "F", "six", "TOKEN", "abc\n"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void envFilesAreResolvedAgainstTheWorkingDirectoryAndReadOnce() throws Exception {
        write("secret", "s");
        write("main.yaml", "env:\n  - name: S\n    uri: file://secret\n    refresh_interval: 5m\n");

        assertThat(YamlConfigReader.read(file("main.yaml"), root, warnings::add).variables())
                .containsEntry("S", "s");
        assertThat(warnings).containsExactly("[env] " + file("main.yaml") + ":4: refresh_interval is not supported: "
                + "S is read once, at start and on each reload");
    }

    @Test
    void envFileProblemsAreErrorsNamingTheUri() throws IOException {
        write("empty", "\n");
        assertThat(error("env:\n  - name: X\n    uri: file://" + file("none") + "\n").userMessage())
                .isEqualTo("[config] error in " + file("main.yaml") + ":3: key 'uri': file " + file("none")
                        + " not found");
        assertThat(error("env:\n  - name: X\n    uri: file://" + file("empty") + "\n").getMessage())
                .isEqualTo("file " + file("empty") + " content is empty");
        assertThat(error("env:\n  - name: X\n    uri: https://example.org/x\n").getMessage())
                .isEqualTo("unsupported uri 'https://example.org/x': only file:// is supported");
    }

    @Test
    void malformedEnvEntriesAreErrors() throws IOException {
        assertThat(error("env:\n  A:\n    b: c\n").userMessage()).isEqualTo("[config] error in " + file("main.yaml")
                + ":2: key 'A': nested maps are not allowed in env section");
        assertThat(error("env:\n  A: [1, 2]\n").getMessage()).endsWith("unexpected event 'sequence-start-event' "
                + "in state 'section-value'.");
        assertThat(error("env:\n  - A\n").getMessage()).endsWith("unexpected event 'scalar-event' in state 'env'.");
        assertThat(error("env:\n  - name: A\n").getMessage()).isEqualTo("env entry 'A' needs either a value or a uri");
        assertThat(error("env:\n  - name: A\n    value: 1\n    uri: file:///x\n").getMessage())
                .isEqualTo("env entry 'A' needs either a value or a uri");
        assertThat(error("env:\n  - value: 1\n").getMessage()).isEqualTo("env entry without a name");
        assertThat(error("env:\n  - name: A\n    value: 1\n    colour: red\n").userMessage()).isEqualTo(
                "[config] error in " + file("main.yaml") + ":4: key 'colour': unknown key in env entry; expected "
                        + "name, value, uri or refresh_interval");
        assertThat(error("env:\n  - name: A\n    value: 1\n    refresh_interval: soon\n").key())
                .isEqualTo("refresh_interval");
    }
}
