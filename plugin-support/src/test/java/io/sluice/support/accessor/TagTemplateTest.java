package io.sluice.support.accessor;

import static io.sluice.support.accessor.Bodies.pairs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagTemplateTest {

    private static String render(String template, String tag, Matcher m, byte[] body) {
        StringBuilder sb = new StringBuilder();
        TagTemplate.parse(template).render(sb, tag, m, Bodies.reader(body), 0);
        return sb.toString();
    }

    private static Matcher match(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).isTrue();
        return m;
    }

    @Test
    void theSpecExampleRendersTagPartsCapturesAndNestedKeys() {
        byte[] body = Bodies.map(Map.of("name", "abc-123", "ss", Map.of("s1", Map.of("s2", "flb"))));
        Matcher m = match("^([a-z]+)-([0-9]+)$", "abc-123");
        assertThat(render("new.$TAG[1].$1.$ss['s1']['s2']", "aa.bb.cc", m, body)).isEqualTo("new.bb.abc.flb");
    }

    @Test
    void tagReferences() {
        byte[] body = pairs();
        assertThat(render("x.$TAG", "a.b.c", null, body)).isEqualTo("x.a.b.c");
        assertThat(render("$TAG[0]-$TAG[2]", "a.b.c", null, body)).isEqualTo("a-c");
        assertThat(render("[$TAG[3]]", "a.b.c", null, body)).isEqualTo("[]");
        assertThat(render("$TAG[0]", "nodots", null, body)).isEqualTo("nodots");
        assertThat(render("[$TAG[1]]", "nodots", null, body)).isEqualTo("[]");
        assertThat(render("$TAG[-1]", "a.b.c", null, body)).isEqualTo("c");
        assertThat(render("$TAGS", "t", null, body)).isEqualTo("tS");
    }

    @Test
    void capturesTakeOneDigitSoDollarTenIsCaptureOneThenZeroUnlikeFluentBit() {
        Matcher m = match("(a)(b)", "ab");
        assertThat(render("$10", "t", m, pairs())).isEqualTo("a0");
        assertThat(render("$0-$2", "t", m, pairs())).isEqualTo("ab-b");
    }

    @Test
    void aMissingOrUnmatchedCaptureRendersAsNothing() {
        Matcher m = match("(a)|(z)", "a");
        assertThat(render("[$2][$5]", "t", m, pairs())).isEqualTo("[][]");
        assertThat(render("[$1]", "t", null, pairs())).isEqualTo("[]");
    }

    @Test
    void valuesRenderAsFluentBitWritesThem() {
        byte[] body = Bodies.map(Map.of("s", "text", "i", -42, "f", 1.5, "t", true, "m", Map.of("k", "v"),
                "b", new byte[] {0x0f, (byte) 0xa0}));
        assertThat(render("$s,$i,$f,$t,$m,$b", "t", null, body)).isEqualTo("text,-42,1.500000,true,{\"k\":\"v\"},0fa0");
        assertThat(render("$n", "t", null, pairs("n", null))).isEqualTo("null");
    }

    @Test
    void missingKeysAndArraysRenderAsNothingAndArraysAreCounted() {
        byte[] body = pairs("a", List.of(1, 2));
        StringBuilder sb = new StringBuilder();
        int arrays = TagTemplate.parse("x.$a.$missing.y").render(sb, "t", null, Bodies.reader(body), 0);
        assertThat(sb).hasToString("x...y");
        assertThat(arrays).isEqualTo(1);
    }

    @Test
    void aKeyEndsAtDotCommaBlankOrDoubleQuoteUnlessQuoted() {
        byte[] body = Bodies.map(Map.of("a", "A", "m", Map.of("x.y", "XY")));
        assertThat(render("$a.b,$a c\"$a\"", "t", null, body)).isEqualTo("A.b,A c\"A\"");
        assertThat(render("$m['x.y'].z", "t", null, body)).isEqualTo("XY.z");
    }

    @Test
    void aTemplateKeyStopsAtADotSoDottedKeysNeedTheBracketedRoot() {
        byte[] body = pairs("k.x", "dotted", "k", "plain");
        assertThat(render("$k.x", "t", null, body)).isEqualTo("plain.x");
        assertThat(render("$['k.x']", "t", null, body)).isEqualTo("dotted");
    }

    @Test
    void aLoneOrTrailingDollarIsLiteral() {
        assertThat(render("cost$", "t", null, pairs())).isEqualTo("cost$");
    }

    @Test
    void readsRecordOnlyWithAKey() {
        assertThat(TagTemplate.parse("a.$TAG.$1").readsRecord()).isFalse();
        assertThat(TagTemplate.parse("a.$key").readsRecord()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.$@bad", "x.${VAR}", "x.$TAG[x]", "x.$TAG[1", "$a['b'", "$a:b", "$ x"})
    void malformedTemplatesAreRefused(String template) {
        assertThatThrownBy(() -> TagTemplate.parse(template)).isInstanceOf(AccessorSyntaxException.class)
                .hasMessageContaining(template);
    }

    @Test
    void floatsFollowCPrintf() {
        assertThat(render("$v", "t", null, pairs("v", 2.0))).isEqualTo("2.000000");
        assertThat(render("$v", "t", null, pairs("v", Double.NaN))).isEqualTo("nan");
        assertThat(render("$m", "t", null, pairs("m", Map.of("f", 0.1)))).isEqualTo("{\"f\":0.1}");
        assertThat(render("$m", "t", null, pairs("m", Map.of("f", 1e20)))).isEqualTo("{\"f\":1e+20}");
        assertThat(render("$m", "t", null, pairs("m", Map.of("f", 1.25e-7)))).isEqualTo("{\"f\":1.25e-07}");
        assertThat(render("$m", "t", null, pairs("m", Map.of("f", 123.456)))).isEqualTo("{\"f\":123.456}");
    }
}
