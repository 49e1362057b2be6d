package io.sluice.support.accessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueMatcherTest {

    private static boolean find(String regex, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new ValueMatcher(Regexes.compile(regex)).find(b, 0, b.length);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "error | true",
        "^GET  | true",
        "done$ | true",
        "^exact$ | true",
        "a\\.b | true",
        "a.b | false",
        "/abc/i | false",
        "(a) | false",
        "\\d | false",
        "^ | false",
    })
    void plainTextPatternsAreSearchedAsBytes(String regex, boolean plain) {
        assertThat(new ValueMatcher(Regexes.compile(regex.strip())).isPlainText()).isEqualTo(plain);
    }

    @Test
    void plainSearchesFollowTheRegexRules() {
        assertThat(find("rror", "an error")).isTrue();
        assertThat(find("^err", "an error")).isFalse();
        assertThat(find("^err", "ok\nerror")).isTrue();
        assertThat(find("ok$", "ok\nerror")).isTrue();
        assertThat(find("ok$", "okay")).isFalse();
        assertThat(find("^ok$", "x\nok\ny")).isTrue();
        assertThat(find("日本", "こんにちは日本")).isTrue();
        assertThat(find("0123", "x".repeat(90) + "0123456789")).isTrue();
        assertThat(find("0124", "x".repeat(90) + "0123456789")).isFalse();
    }

    @Test
    void matchGivesTheCaptures() {
        byte[] b = "user=alice id=7".getBytes(StandardCharsets.UTF_8);
        Matcher m = new ValueMatcher(Regexes.compile("user=(\\w+) id=(\\d)")).match(b, 0, b.length);
        assertThat(m).isNotNull();
        assertThat(m.group(1)).isEqualTo("alice");
        assertThat(new ValueMatcher(Regexes.compile("nope")).match(b, 0, b.length)).isNull();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab\n é日").ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.strings().withChars("ab é日").ofMinLength(1).ofMaxLength(4)
                .flatMap(lit -> Arbitraries.of("", "^").flatMap(start -> Arbitraries.of("", "$")
                        .map(end -> start + lit + end)));
    }

    @Property(tries = 3000)
    void theByteSearchAgreesWithTheRegex(@ForAll("literals") String regex, @ForAll("texts") String text) {
        ValueMatcher fast = new ValueMatcher(Regexes.compile(regex));
        assertThat(fast.isPlainText()).isTrue();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        boolean expected = Regexes.compile(regex).matcher(text).find();
        assertThat(fast.find(b, 0, b.length)).as("%s in %s", regex, text).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> regexes() {
        return Arbitraries.of("(a+)(b|é)", "^a.$", "\\bab", "(?<=é)a", "日.", "[ab]{2}$", "(.)\\1", ".");
    }

    @Property(tries = 2000)
    void aRegexFindsTheSameMatchesInTheBytesAsInTheString(@ForAll("regexes") String regex,
                                                          @ForAll("texts") String first,
                                                          @ForAll("texts") String second) {
        // one matcher over values at an offset in a larger array, ASCII and other text in turn: the ASCII one is
        // read in place, the other decoded; groups and positions must be the String's
        ValueMatcher m = new ValueMatcher(Regexes.compile(regex));
        for (String text : new String[] {first, "plain ascii " + first.replaceAll("[^ab\\n ]", ""), second}) {
            byte[] value = text.getBytes(StandardCharsets.UTF_8);
            byte[] batch = new byte[value.length + 7];
            java.util.Arrays.fill(batch, (byte) 'é');
            System.arraycopy(value, 0, batch, 3, value.length);
            Matcher expected = Regexes.compile(regex).matcher(text);
            Matcher actual = m.match(batch, 3, value.length);
            if (!expected.find()) {
                assertThat(actual).as("%s in %s", regex, text).isNull();
                continue;
            }
            assertThat(actual).as("%s in %s", regex, text).isNotNull();
            assertThat(actual.start()).isEqualTo(expected.start());
            assertThat(actual.group()).isEqualTo(expected.group());
            for (int g = 1; g <= expected.groupCount(); g++) {
                assertThat(actual.group(g)).isEqualTo(expected.group(g));
            }
        }
    }
}
