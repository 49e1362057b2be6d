package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassicConfigReaderTest {

    @TempDir
    Path root;
    private Path confDir;
    private Path workDir;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void directories() throws IOException {
        confDir = Files.createDirectories(root.resolve("conf"));
        workDir = Files.createDirectories(root.resolve("work"));
    }

    private void write(String name, String text) throws IOException {
        Path file = confDir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ClassicDocument read() throws ConfigException {
        return ClassicConfigReader.read(confDir.resolve("main.conf").toString(), workDir, warnings::add);
    }

    private ConfigException error() {
        return catchThrowableOfType(ConfigException.class, this::read);
    }

    private static List<String> names(ClassicDocument document) {
        return document.sections().stream().map(s -> s.first("name").map(ConfigEntry::value).orElse("-")).toList();
    }

    @Test
    void sectionsAreReadInFileOrderWithOriginsOfEveryEntry() throws Exception {
        write("main.conf", "[SERVICE]\n    Flush 1\n[INPUT]\n    Name cpu\n[OUTPUT]\n    Name stdout\n");

        ClassicDocument document = read();

        assertThat(document.sections()).extracting(ConfigSection::kind)
                .containsExactly(SectionKind.SERVICE, SectionKind.INPUT, SectionKind.OUTPUT);
        assertThat(document.sections().get(1).entries().get(0).origin())
                .isEqualTo(new Origin(confDir.resolve("main.conf").toString(), 4));
    }

    @Test
    void sectionNamesAreCaseInsensitive() throws Exception {
        write("main.conf", "[input]\n  Name cpu\n[Output]\n  Name stdout\n");

        assertThat(names(read())).containsExactly("cpu", "stdout");
    }

    @Test
    void anIncompleteOrUnknownSectionNameIsAnErrorAtItsLine() throws Exception {
        write("main.conf", "[input]\n  Name cpu\n[IN]\n  Name tcp\n");

        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class, this::read);

        assertThat(e.userMessage()).isEqualTo("[config] error in " + confDir.resolve("main.conf") + ":3: unknown "
                + "section [IN]: expected SERVICE, INPUT, FILTER or OUTPUT");
    }

    @Test
    void parserSectionsAreRefusedSayingWhy() throws Exception {
        write("main.conf", "[PARSER]\n  Name json\n  Format json\n");

        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class, this::read);

        assertThat(e.getMessage()).contains("[PARSER] is not supported: sluice has no parsers");
    }

    @Test
    void sectionWithoutEntriesOnlyWarns() throws Exception {
        write("main.conf", "[SERVICE]\n");

        assertThat(read().sections()).hasSize(1);
        assertThat(warnings).singleElement().asString().contains("has no entries");
    }

    @Test
    void entryBeforeAnySectionIsAnError() throws Exception {
        write("main.conf", "  Name cpu\n");

        assertThat(error().getMessage()).isEqualTo("entry outside of any section");
    }

    @Test
    void relativeIncludeIsRetriedAgainstTheTopLevelDirectory() throws Exception {
        write("main.conf", "[SERVICE]\n    Flush 2\n@INCLUDE inputs/in.conf\n[OUTPUT]\n    Name stdout\n");
        write("inputs/in.conf", "[INPUT]\n  Name cpu\n");

        ClassicDocument document = read();

        assertThat(names(document)).containsExactly("-", "cpu", "stdout");
        assertThat(document.sections().get(1).origin()).isEqualTo(new Origin("inputs/in.conf", 1));
    }

    @Test
    void includeIsFirstTriedRelativeToTheWorkingDirectory() throws Exception {
        write("main.conf", "@INCLUDE in.conf\n");
        write("in.conf", "[INPUT]\n  Name cpu\n");
        Files.writeString(workDir.resolve("in.conf"), "[INPUT]\n  Name tcp\n");

        assertThat(names(read())).containsExactly("tcp");
    }

    @Test
    void includedFilesHaveTheirOwnIndentUnit() throws Exception {
        write("main.conf", "[INPUT]\n    Name cpu\n@INCLUDE two.conf\n");
        write("two.conf", "[OUTPUT]\n\tName stdout\n");

        assertThat(names(read())).containsExactly("cpu", "stdout");
    }

    @Test
    void globIncludesAreReadInSortedOrder() throws Exception {
        write("main.conf", "@INCLUDE parts/*.conf\n");
        write("parts/b.conf", "[INPUT]\n  Name b\n");
        write("parts/a.conf", "[INPUT]\n  Name a\n");
        write("parts/c.conf", "[INPUT]\n  Name c\n");
        write("parts/skip.txt", "[INPUT]\n  Name skip\n");

        assertThat(names(read())).containsExactly("a", "b", "c");
    }

    @Test
    void globWithoutMatchesIsAnError() throws Exception {
        write("main.conf", "[SERVICE]\n  Flush 1\n@INCLUDE none/*.conf\n");

        ConfigException e = error();

        assertThat(e.userMessage()).isEqualTo("[config] error in " + confDir.resolve("main.conf")
                + ":3: no file matches 'none/*.conf'");
    }

    @Test
    void missingIncludeIsAnErrorAtTheIncludeLine() throws Exception {
        write("main.conf", "@INCLUDE missing.conf\n");

        assertThat(error().userMessage()).isEqualTo("[config] error in " + confDir.resolve("main.conf")
                + ":1: cannot open included file 'missing.conf'");
    }

    @Test
    void sameFileIncludedTwiceIsAnError() throws Exception {
        write("main.conf", "@INCLUDE a.conf\n@INCLUDE a.conf\n");
        write("a.conf", "[INPUT]\n  Name cpu\n");

        assertThat(error().getMessage()).isEqualTo("file 'a.conf' is included more than once");
        assertThat(error().origin().line()).isEqualTo(2);
    }

    @Test
    void includeCycleIsAnError() throws Exception {
        write("main.conf", "@INCLUDE a.conf\n");
        write("a.conf", "@INCLUDE main.conf\n");

        assertThat(error().getMessage()).isEqualTo("file 'main.conf' is included more than once");
    }

    @Test
    void filesBeyondTheLimitAreRefused() throws Exception {
        write("main.conf", "@INCLUDE many/*.conf\n");
        for (int i = 0; i < 3; i++) {
            write("many/" + i + ".conf", "");
        }

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ClassicConfigReader.read(
                confDir.resolve("main.conf").toString(), workDir, warnings::add, 3));

        assertThat(e.getMessage()).isEqualTo("too many included files (at most 3)");
        assertThat(ClassicConfigReader.MAX_FILES).isEqualTo(1000);
    }

    @Test
    void setVariablesFromEveryFileAreCollectedLastWins() throws Exception {
        write("main.conf", "@SET a=1\n@INCLUDE vars.conf\n@SET b=3\n");
        write("vars.conf", "@SET a=2\n");

        assertThat(read().variables()).isEqualTo(Map.of("a", "2", "b", "3"));
    }

    @Test
    void errorsInIncludedFilesNameThatFileAndLine() throws Exception {
        write("main.conf", "@INCLUDE bad.conf\n");
        write("bad.conf", "[INPUT]\n  Name cpu\n Tag x\n");

        assertThat(error().userMessage()).isEqualTo("[config] error in bad.conf:3: key 'tag': "
                + "invalid indentation level: indentation level is too low");
    }

    @Test
    void unreadableMainFileCannotBeOpened() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ClassicConfigReader.read("nope.conf", workDir, warnings::add));

        assertThat(e.getMessage()).isEqualTo("could not open configuration file, aborting.");
        assertThat(e.origin().file()).isEqualTo("nope.conf");
    }
}
