package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RouteRuleTest {

    @ParameterizedTest(name = "Match {0} against tag ''{1}'' is {2}")
    @CsvSource(delimiter = '|', value = {
        "*|anything|true", "*|''|true", "cpu|cpu|true", "cpu|cpu.0|false", "cpu|CPU|false",
        "cpu*|cpu|true", "cpu*|cpu.0|true", "cpu*|cpux|true", "cpu*|my_cpu|false",
        "my*cpu|my_cpu|true", "my*cpu|mycpu|true", "my*cpu|my_cpu.0|false",
        "*.0|tcp.0|true", "*.0|.0|true", "*.0|tcp.01|false",
        "a*b*c|abc|true", "a*b*c|a.x.b.y.c|true", "a*b*c|ab|false", "a**c|abc|true", "a?c|abc|false"})
    void globMatchesAsTheSpecTableSays(String glob, String tag, boolean expected) {
        assertThat(new RouteRule(glob, null).matches(tag)).isEqualTo(expected);
    }

    @Test
    void regexMatchesANonEmptyPrefixOfTheTag() {
        RouteRule rule = new RouteRule(null, Pattern.compile("cpu"));
        assertThat(rule.matches("cpu.0")).isTrue();
        assertThat(rule.matches("my_cpu")).isFalse();
        assertThat(new RouteRule(null, Pattern.compile(".*")).matches("")).isFalse();
    }

    @Test
    void globOrRegexIsEnough() {
        RouteRule rule = new RouteRule("tcp.*", Pattern.compile("cpu"));
        assertThat(rule.matches("tcp.1")).isTrue();
        assertThat(rule.matches("cpu.1")).isTrue();
        assertThat(rule.matches("mem.1")).isFalse();
    }

    @Test
    void noMatchRoutesNothing() {
        assertThat(RouteRule.none().matches("anything")).isFalse();
    }
}
