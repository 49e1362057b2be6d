package io.sluice.support.accessor;

import static io.sluice.support.accessor.Bodies.lookup;
import static io.sluice.support.accessor.Bodies.pairs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordAccessorTest {

    private static final byte[] K8S = Bodies.map(Map.of("kubernetes", Map.of("labels", Map.of("app", "web")),
            "items", List.of(Map.of("id", 7), Map.of("id", 8))));

    @Test
    void rootKeyAloneReadsTheTopLevelValue() {
        assertThat(lookup("$log", pairs("log", "hello", "other", 1))).isEqualTo("\"hello\"");
    }

    @Test
    void mapKeysAndArrayIndexesDescendIntoTheRecord() {
        assertThat(lookup("$kubernetes['labels']['app']", K8S)).isEqualTo("\"web\"");
        assertThat(lookup("$items[1]['id']", K8S)).isEqualTo("8");
        assertThat(lookup("$items[0]", K8S)).isEqualTo("{\"id\":7}");
    }

    @Test
    void quotedSubkeysMayHoldDotsBlanksAndDoubledQuotes() {
        byte[] body = Bodies.map(Map.of("a", Map.of("x.y", 1, "it's here", 2)));
        assertThat(lookup("$a['x.y']", body)).isEqualTo("1");
        assertThat(lookup("$a['it''s here']", body)).isEqualTo("2");
    }

    @Test
    void aDottedRootNameIsOneKeyUnlikeFluentBit() {
        byte[] body = pairs("k2.foo", "dotted", "k2", "plain");
        assertThat(lookup("$k2.foo", body)).isEqualTo("\"dotted\"");
        assertThat(lookup("$k2", body)).isEqualTo("\"plain\"");
    }

    @Test
    void aBracketedRootAddressesAnyKey() {
        byte[] body = pairs("@timestamp", "now", "1st", "first", "key.with.dots", Map.of("b", true));
        assertThat(lookup("$['@timestamp']", body)).isEqualTo("\"now\"");
        assertThat(lookup("$['1st']", body)).isEqualTo("\"first\"");
        assertThat(lookup("$['key.with.dots']['b']", body)).isEqualTo("true");
    }

    @Test
    void theLastOfDuplicateKeysWinsAtEveryLevel() {
        assertThat(lookup("$a", pairs("a", 1, "b", 2, "a", 3))).isEqualTo("3");
        byte[] nested = Bodies.of(Map.of("m", Map.of()));
        // a map with the same key twice inside a map
        io.sluice.support.event.EventBuffer b = new io.sluice.support.event.EventBuffer(64);
        b.writeMapHeader(1);
        b.writeString("m");
        b.writeMapHeader(2);
        b.writeString("x");
        b.writeString("first");
        b.writeString("x");
        b.writeString("second");
        assertThat(lookup("$m['x']", b.toByteArray())).isEqualTo("\"second\"");
        assertThat(nested).isNotEmpty();
    }

    @Test
    void keysCompareExactlyWithCase() {
        assertThat(lookup("$Log", pairs("log", "x"))).isNull();
    }

    @Test
    void missingKeysBadIndexesAndTypeMismatchesAreNotFound() {
        assertThat(lookup("$nope", K8S)).isNull();
        assertThat(lookup("$items[2]", K8S)).isNull();
        assertThat(lookup("$items['id']", K8S)).isNull();
        assertThat(lookup("$kubernetes[0]", K8S)).isNull();
        assertThat(lookup("$kubernetes['labels']['app']['deeper']", K8S)).isNull();
    }

    @Test
    void subkeysOfAScalarRootAreNotFoundUnlikeFluentBitWhichReturnsTheRoot() {
        assertThat(lookup("$a['b']", pairs("a", "x"))).isNull();
        assertThat(lookup("$a[0]", pairs("a", 5))).isNull();
    }

    @Test
    void aBodyThatIsNotAMapHasNoKeys() {
        assertThat(lookup("$a", Bodies.of(List.of("a", 1)))).isNull();
        assertThat(lookup("$a", Bodies.of("a"))).isNull();
    }

    @Test
    void nonStringKeysAreSkipped() {
        assertThat(lookup("$['1']", pairs(1, "one", "x", 2))).isNull();
        assertThat(lookup("$x", pairs(1, "one", "x", 2))).isEqualTo("2");
    }

    @Test
    void aLiteralKeyTakesEveryCharacterAsIs() {
        RecordAccessor literal = RecordAccessor.literalKey("a.b c['d']");
        assertThat(lookup(literal, pairs("a.b c['d']", "yes"))).isEqualTo("\"yes\"");
        assertThat(literal.isTopLevel()).isTrue();
    }

    @Test
    void truncatedBytesAreReportedAsMalformed() {
        byte[] body = pairs("log", "hello");
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 2);
        assertThatThrownBy(() -> RecordAccessor.parse("$log").find(Bodies.reader(cut), 0))
                .isInstanceOf(MalformedMsgpackException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"log", "$", "$@timestamp", "$1st", "$a[", "$a['x'", "$a[x]", "$a b", "$a['x']y",
            "$a:b", "$[0]", "$a[99999999999]"})
    void textOutsideTheGrammarIsRefused(String text) {
        assertThatThrownBy(() -> RecordAccessor.parse(text)).isInstanceOf(AccessorSyntaxException.class)
                .hasMessageContaining(text.isEmpty() ? "$" : text);
    }

    @Test
    void refusalsSuggestTheBracketedRoot() {
        assertThatThrownBy(() -> RecordAccessor.parse("$@timestamp")).hasMessageContaining("$['@timestamp']");
        assertThatThrownBy(() -> RecordAccessor.parse("$1st")).hasMessageContaining("regex captures");
    }

    @Test
    void depthCountsTheRootAndEverySubkey() {
        RecordAccessor a = RecordAccessor.parse("$a['b'][0]");
        assertThat(a.depth()).isEqualTo(3);
        assertThat(a.isTopLevel()).isFalse();
        assertThat(a.text()).isEqualTo("$a['b'][0]");
        assertThat(new String(RecordAccessor.parse("$k-1/x").rootKey())).isEqualTo("k-1/x");
    }
}
