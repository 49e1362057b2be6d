package io.sluice.support.accessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexesTest {

    private static boolean finds(String regex, String text) {
        return Regexes.compile(regex).matcher(text).find();
    }

    @Test
    void slashFormTakesItsFlags() {
        assertThat(finds("/abc/i", "xABCx")).isTrue();
        assertThat(finds("abc", "xABCx")).isFalse();
        assertThat(finds("/a.b/m", "a\nb")).isTrue();
        assertThat(finds("/a.b/", "a\nb")).isFalse();
        assertThat(finds("/a b/x", "ab")).isTrue();
        assertThat(finds("/ab/o", "ab")).isTrue();
        assertThat(finds("/é/i", "É")).isTrue();
    }

    @Test
    void slashesWithOtherLettersAfterThemStayInThePattern() {
        assertThat(finds("/var/log", "/var/log")).isTrue();
        assertThat(finds("/var/q", "x/var/qx")).isTrue();
        assertThat(finds("/var/", "var")).isTrue();
    }

    @Test
    void caretAndDollarMatchAtLineBoundariesAndOnlyNewlineEndsALine() {
        assertThat(finds("^b$", "a\nb\nc")).isTrue();
        assertThat(finds("^b$", "a\rb\rc")).isFalse();
        assertThat(finds("a.b", "a\rb")).isTrue();
    }

    @Test
    void rubyHexDigitEscapesAreTranslated() {
        assertThat(finds("^\\h+$", "09afAF")).isTrue();
        assertThat(finds("^\\h+$", "0g")).isFalse();
        assertThat(finds("^[\\h-]+$", "0a-f")).isTrue();
        assertThat(finds("^\\H$", "g")).isTrue();
        assertThat(finds("\\h", " ")).isFalse();
    }

    @Test
    void posixBracketsAreUnicodeAwareAsInOnigmo() {
        assertThat(finds("^[[:alpha:]]+$", "héllo")).isTrue();
        assertThat(finds("^[[:digit:]]+$", "123")).isTrue();
        assertThat(finds("^[[:^digit:]]+$", "abc")).isTrue();
        assertThat(finds("^[[:^digit:]]+$", "a1")).isFalse();
        assertThat(finds("^[[:space:][:upper:]]+$", "A B")).isTrue();
        assertThat(finds("^[[:xdigit:]]+$", "fF0")).isTrue();
        assertThat(finds("^[[:punct:]]+$", "!?.")).isTrue();
        assertThat(finds("^[[:alnum:]_]+$", "a_1")).isTrue();
        assertThat(finds("^\\p{Alpha}+$", "é")).isTrue();
        assertThat(finds("^\\p{^Digit}$", "x")).isTrue();
        assertThat(finds("^\\P{^Digit}$", "7")).isTrue();
    }

    @Test
    void scriptPropertiesGetJavasIsPrefix() {
        assertThat(finds("^\\p{Hiragana}+$", "ひらがな")).isTrue();
        assertThat(finds("^\\p{L}+$", "ab")).isTrue();
    }

    @Test
    void aBraceThatStartsNoQuantifierIsLiteral() {
        assertThat(finds("^{\"level\":", "{\"level\":1}")).isTrue();
        assertThat(finds("a{x}", "a{x}")).isTrue();
        assertThat(finds("^a{2}$", "aa")).isTrue();
        assertThat(finds("^a{,2}$", "aa")).isTrue();
        assertThat(finds("^a{,2}$", "aaa")).isFalse();
        assertThat(finds("^a{1,}$", "aaa")).isTrue();
    }

    @Test
    void groupNamesJavaRefusesAreRenamedWithTheirBackReferences() {
        Pattern p = Regexes.compile("(?<log_level>\\w+) \\k<log_level>");
        assertThat(p.matcher("warn warn").find()).isTrue();
        assertThat(p.matcher("warn info").find()).isFalse();
        assertThat(finds("(?'q'a)\\k'q'", "aa")).isTrue();
        assertThat(finds("(a)\\k<1>", "aa")).isTrue();
    }

    @Test
    void inlineRubyMultilineMeansDotMatchesNewline() {
        assertThat(finds("(?m)a.b", "a\nb")).isTrue();
        assertThat(finds("(?mi:A.B)", "a\nb")).isTrue();
        assertThat(finds("(?i)abc", "ABC")).isTrue();
    }

    @Test
    void otherOnigmoEscapes() {
        assertThat(finds("a\\vb", "a\u000bb")).isTrue();
        assertThat(finds("a\\0b", "a\u0000b")).isTrue();
        assertThat(finds("\\y", "y")).isTrue();
        assertThat(finds("[\\b]", "\b")).isTrue();
        assertThat(finds("\\x41\\x{42}\\x9", "AB\t")).isTrue();
        assertThat(finds("a(?#comment)b", "ab")).isTrue();
        assertThat(finds("^[]a]+$", "]a")).isTrue();
        assertThat(finds("\\/var\\/log", "/var/log")).isTrue();
        assertThat(finds("[[:nope:]x]", "x")).isTrue();
    }

    @Test
    void commonPatternsPassUnchanged() {
        assertThat(Regexes.translate("^(?<host>[^ ]*) [^ ]* (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\]"))
                .isEqualTo("^(?<host>[^ ]*) [^ ]* (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\]");
        assertThat(Regexes.translate("(?<=a)b(?!c)\\d+\\s*\\w\\b$")).isEqualTo("(?<=a)b(?!c)\\d+\\s*\\w\\b$");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a\\Kb|\\K",
        "(a)\\g<1>|subexpression call",
        "(?~abc)|absence operator",
        "\\M-a|\\M-",
        "(unclosed|Unclosed group",
        "a**|Dangling",
        "abc\\|trailing backslash",
    })
    void patternsJavaCannotUseAreRefusedNamingThePattern(String pattern, String reason) {
        assertThatThrownBy(() -> Regexes.compile(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + pattern + "'").hasMessageContaining(reason);
    }
}
