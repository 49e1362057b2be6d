package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassicParserTest {

    private final List<String> warnings = new ArrayList<>();

    private List<ClassicStatement> parse(String text) throws ConfigException {
        return ClassicParser.parse("main.conf", text, warnings::add);
    }

    private ConfigException error(String text) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> parse(text));
    }

    private static ConfigEntry entry(ClassicStatement statement) {
        return ((ClassicStatement.Entry) statement).entry();
    }

    @Test
    void keyIsLowerCasedAndValueTrimmedWithItsCaseKept() throws Exception {
        List<ClassicStatement> statements = parse("[INPUT]\n    Name   Tcp  \n    Tag  My.Tag\n");

        assertThat(statements).hasSize(3);
        assertThat(entry(statements.get(1))).isEqualTo(new ConfigEntry("name", "Tcp", new Origin("main.conf", 2)));
        assertThat(entry(statements.get(2)).value()).isEqualTo("My.Tag");
    }

    @Test
    void hashAfterAValueIsPartOfTheValue() throws Exception {
        List<ClassicStatement> statements = parse("[OUTPUT]\n  Match a # b\n");

        assertThat(entry(statements.get(1)).value()).isEqualTo("a # b");
    }

    @Test
    void crlfLinesAndALastLineWithoutNewlineAreRead() throws Exception {
        List<ClassicStatement> statements = parse("[INPUT]\r\n  Name cpu\r\n  Tag x");

        assertThat(entry(statements.get(1)).value()).isEqualTo("cpu");
        assertThat(entry(statements.get(2))).isEqualTo(new ConfigEntry("tag", "x", new Origin("main.conf", 3)));
    }

    @Test
    void commentsBlankAndWhitespaceOnlyLinesAreIgnored() throws Exception {
        List<ClassicStatement> statements = parse("# top\n\n[INPUT]\n    Name cpu\n  \n\t\n    # indented\n");

        assertThat(statements).hasSize(2);
    }

    @Test
    void headerNameIsTheTextUpToTheFirstBracket() throws Exception {
        List<ClassicStatement> statements = parse("[ Output ] trailing\n");

        assertThat(statements.get(0)).isEqualTo(new ClassicStatement.Header("Output", new Origin("main.conf", 1)));
    }

    @Test
    void headerWithoutClosingBracketIsABadHeader() {
        assertThat(error("[INPUT\n  Name cpu\n").userMessage())
                .isEqualTo("[config] error in main.conf:1: bad header definition");
    }

    @Test
    void keyInColumnZeroMustBeIndented() {
        assertThat(error("[INPUT]\nName cpu\n").userMessage())
                .isEqualTo("[config] error in main.conf:2: key 'name': entry must be indented");
    }

    @Test
    void keyWithoutValueIsAnUndefinedValue() {
        assertThat(error("[INPUT]\n    Name\n").userMessage()).isEqualTo(
                "[config] error in main.conf:2: key 'name': undefined value - check config is in valid classic format");
    }

    @Test
    void tabDoesNotSeparateKeyFromValue() {
        assertThat(error("[INPUT]\n    Name\tcpu\n").getMessage())
                .isEqualTo("undefined value - check config is in valid classic format");
    }

    @Test
    void keyFollowedOnlyBySpacesHasAnEmptyValue() {
        assertThat(error("[INPUT]\n    Name   \n").userMessage())
                .isEqualTo("[config] error in main.conf:2: key 'name': key has an empty value");
    }

    @Test
    void shorterIndentIsTooLow() {
        assertThat(error("[INPUT]\n    Name cpu\n  Tag x\n").userMessage()).isEqualTo(
                "[config] error in main.conf:3: key 'tag': invalid indentation level: indentation level is too low");
    }

    @Test
    void tabWhereTheUnitHasASpaceIsInconsistent() {
        assertThat(error("[INPUT]\n    Name cpu\n\tTag x\n").userMessage()).isEqualTo("[config] error in "
                + "main.conf:3: key 'tag': invalid indentation level: inconsistent use of tab and space");
    }

    @Test
    void extraIndentOtherThanOneMoreUnitIsAnError() {
        assertThat(error("[INPUT]\n    Name cpu\n      Tag x\n").userMessage()).isEqualTo(
                "[config] error in main.conf:3: key 'tag': invalid indentation level: extra indentation level found");
    }

    @Test
    void exactlyTwoUnitsAreAccepted() throws Exception {
        List<ClassicStatement> statements = parse("[INPUT]\n  Name cpu\n    Tag x\n");

        assertThat(entry(statements.get(2)).key()).isEqualTo("tag");
    }

    @Test
    void theUnitIsFixedForTheWholeFileNotPerSection() {
        assertThat(error("[INPUT]\n    Name cpu\n[OUTPUT]\n  Name stdout\n").getMessage())
                .isEqualTo("invalid indentation level: indentation level is too low");
    }

    @Test
    void indentedCommentsAreIndentationChecked() {
        assertThat(error("[INPUT]\n    Name cpu\n  # note\n").getMessage())
                .isEqualTo("invalid indentation level: indentation level is too low");
    }

    @Test
    void tabUnitIsComparedByteForByte() throws Exception {
        List<ClassicStatement> statements = parse("[INPUT]\n\tName cpu\n\tTag x\n");

        assertThat(statements).hasSize(3);
        assertThat(error("[INPUT]\n\tName cpu\n    Tag x\n").getMessage())
                .isEqualTo("invalid indentation level: inconsistent use of tab and space");
    }

    @Test
    void includeKeepsThePathVerbatim() throws Exception {
        List<ClassicStatement> statements = parse("@include  spaced.conf\n");

        assertThat(statements.get(0)).isEqualTo(
                new ClassicStatement.Include(" spaced.conf", new Origin("main.conf", 1)));
    }

    @Test
    void setSplitsAtTheFirstEquals() throws Exception {
        List<ClassicStatement> statements = parse("@SET url=http://x/?a=b\n");

        assertThat(statements.get(0)).isEqualTo(
                new ClassicStatement.SetVariable("url", "http://x/?a=b", new Origin("main.conf", 1)));
        assertThat(warnings).isEmpty();
    }

    @Test
    void setWithSpacesAroundEqualsIsTrimmedWithAWarning() throws Exception {
        List<ClassicStatement> statements = parse("@SET name = value\n");

        assertThat(statements.get(0)).isEqualTo(
                new ClassicStatement.SetVariable("name", "value", new Origin("main.conf", 1)));
        assertThat(warnings).singleElement().asString().contains("main.conf:1").contains("@SET name");
    }

    @Test
    void setWithoutEqualsIsAnError() {
        assertThat(error("@SET nothing\n").userMessage())
                .isEqualTo("[config] error in main.conf:1: @SET expects NAME=VALUE");
    }

    @Test
    void unknownCommandsAreIgnoredWithANotice() throws Exception {
        assertThat(parse("@FOO bar\n")).isEmpty();
        assertThat(warnings).singleElement().asString().contains("'@FOO'");
    }

    @Test
    void errorsAreOneLineEvenWithControlBytesInTheKey() {
        assertThatThrownBy(() -> parse("[INPUT]\n  Na\u0001me\r\u0002x\n"))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.userMessage()).doesNotContain("\n", "\r", "\u0001"));
    }
}
