package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlParserTest {

    private static YamlValue.Mapping only(String text) throws ConfigException {
        List<YamlValue> documents = YamlParser.parse("f.yaml", text);
        assertThat(documents).hasSize(1);
        return (YamlValue.Mapping) documents.get(0);
    }

    private static ConfigException error(String text) {
        return catchThrowableOfType(ConfigException.class, () -> YamlParser.parse("f.yaml", text));
    }

    private static List<String> pairs(YamlValue value) {
        return ((YamlValue.Mapping) value).pairs().stream()
                .map(p -> p.key().text() + "=" + ((YamlValue.Scalar) p.value()).text()).toList();
    }

    @Test
    void scalarsStayTextAsWrittenWithTheirLineAndColumn() throws Exception {
        YamlValue.Mapping map = only("a: 1.50\nb: on\nc: ' padded '\nd: \"x\"\ne:\nf: |\n  two\n  lines\n");

        assertThat(map.pairs()).extracting(p -> p.value()).containsExactly(
                new YamlValue.Scalar("1.50", false, new Origin("f.yaml", 1), 3),
                new YamlValue.Scalar("on", false, new Origin("f.yaml", 2), 3),
                new YamlValue.Scalar(" padded ", true, new Origin("f.yaml", 3), 3),
                new YamlValue.Scalar("x", true, new Origin("f.yaml", 4), 3),
                new YamlValue.Scalar("", false, new Origin("f.yaml", 5), 2),
                new YamlValue.Scalar("two\nlines\n", false, new Origin("f.yaml", 6), 3));
        assertThat(((YamlValue.Scalar) map.pairs().get(4).value()).isEmpty()).isTrue();
        assertThat(((YamlValue.Scalar) map.pairs().get(2).value()).isEmpty()).isFalse();
    }

    @Test
    void repeatedKeysAreAllKeptInOrder() throws Exception {
        assertThat(pairs(only("k: 1\nj: 2\nk: 3\n"))).containsExactly("k=1", "j=2", "k=3");
    }

    @Test
    void everyDocumentIsReturnedInOrder() throws Exception {
        assertThat(YamlParser.parse("f.yaml", "a: 1\n---\nb: 2\n---\n")).hasSize(3);
        assertThat(YamlParser.parse("f.yaml", "# only a comment\n")).isEmpty();
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        assertThat(pairs(only("\uFEFFa: 1\n"))).containsExactly("a=1");
    }

    @Test
    void aliasesResolveToTheAnchoredNode() throws Exception {
        YamlValue.Mapping map = only("a: &x hello\nb: *x\nc: &list [1, 2]\nd: *list\n");

        assertThat(map.pairs().get(1).value()).isEqualTo(map.pairs().get(0).value());
        assertThat(((YamlValue.Sequence) map.pairs().get(3).value()).items()).hasSize(2);
    }

    @Test
    void mergeKeysBringInPairsThatTheMappingDoesNotWriteItself() throws Exception {
        YamlValue.Mapping map = only("""
                base: &base {name: tcp, tag: a, port: 1}
                more: &more {tag: b, listen: x, format: json}
                one:
                  port: 2
                  <<: *base
                two:
                  <<: [*base, *more]
                  format: none
                """);

        assertThat(pairs(map.pairs().get(2).value())).containsExactly("port=2", "name=tcp", "tag=a");
        assertThat(pairs(map.pairs().get(3).value()))
                .containsExactly("name=tcp", "tag=a", "port=1", "listen=x", "format=none");
    }

    @Test
    void oneAnchorMayBeMergedIntoManyMappings() throws Exception {
        StringBuilder text = new StringBuilder("defaults: &d {match: '*'}\noutputs:\n");
        for (int i = 0; i < 200; i++) {
            text.append("  - {<<: *d, name: stdout}\n");
        }

        YamlValue outputs = only(text.toString()).pairs().get(1).value();

        assertThat(((YamlValue.Sequence) outputs).items()).hasSize(200)
                .allSatisfy(o -> assertThat(pairs(o)).containsExactly("match=*", "name=stdout"));
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey() throws Exception {
        assertThat(pairs(only("'<<': x\n"))).containsExactly("<<=x");
    }

    @Test
    void mergingAScalarIsAnError() {
        assertThat(error("a: &s text\nb:\n  <<: *s\n").getMessage()).isEqualTo("YAML error found in file \"f.yaml\", "
                + "line 1, column 3: the merge key '<<' takes a mapping or a list of mappings");
    }

    @Test
    void aNodeContainingItselfIsAnError() {
        ConfigException e = error("a: &a [1, *a]\n");

        assertThat(e.origin()).isEqualTo(new Origin("f.yaml", 1));
        assertThat(e.getMessage()).endsWith("an alias refers to a node that contains it");
    }

    @Test
    void aComplexKeyIsAStructureError() {
        assertThat(error("? [a]\n: b\n").getMessage()).isEqualTo("YAML error found in file \"f.yaml\", line 1, "
                + "column 2: unexpected event 'sequence-start-event' in state 'section-key'.");
    }

    @Test
    void syntaxErrorsNameFileLineAndColumnFromOneAndHintAtTheLineAbove() {
        ConfigException e = error("service:\n  flush 1\n  grace: 2\n");

        assertThat(e.origin()).isEqualTo(new Origin("f.yaml", 3));
        assertThat(e.getMessage()).isEqualTo("invalid YAML in file f.yaml at line 3, column 8: mapping values are "
                + "not allowed here\n[config] hint: check line 2 (above) for missing ':' or incorrect indentation");
    }

    @Test
    void aSyntaxErrorOnTheFirstLineHasNoHint() {
        ConfigException e = error("a: [1, 2\n");

        assertThat(e.getMessage()).startsWith("invalid YAML in file f.yaml at line 2, column 1: while parsing a flow "
                + "sequence: expected ',' or ']'");
        assertThat(error("a: b: c\n").getMessage()).isEqualTo("invalid YAML in file f.yaml at line 1, column 5: "
                + "mapping values are not allowed here");
    }

    @Test
    void anUnquotedStarIsAnAliasAndTheHintSaysToQuoteIt() {
        ConfigException e = error("outputs:\n  - name: stdout\n    match: *\n");

        assertThat(e.origin()).isEqualTo(new Origin("f.yaml", 3));
        assertThat(e.getMessage()).startsWith("invalid YAML in file f.yaml at line 3, column ")
                .contains("while scanning an alias: ").doesNotContain("\n\n").hasLineCount(2)
                .endsWith("\n[config] hint: a value starting with '*' is a YAML alias; quote it, as in match: '*'");
        assertThat(error("match: *app\n").getMessage()).isEqualTo("invalid YAML in file f.yaml at line 1, column 8: "
                + "found undefined alias app\n[config] hint: a value starting with '*' is a YAML alias; quote it, "
                + "as in match: '*'");
    }
}
