package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpanderTest {

    private final List<String> warnings = new ArrayList<>();
    private final VariableExpander expander = new VariableExpander(Map.of("PORT", "9000", "HOME", "/from/set"),
            Map.of("HOME", "/home/me", "USER", "me", "EMPTY", ""), "box", warnings::add);

    @Test
    void setVariablesComeBeforeTheEnvironment() {
        assertThat(expander.expand("${HOME}/x:${PORT}")).isEqualTo("/from/set/x:9000");
    }

    @Test
    void environmentIsUsedWhenNotSet() {
        assertThat(expander.expand("user=${USER}")).isEqualTo("user=me");
    }

    @Test
    void homeComesFromTheEnvironment() {
        VariableExpander plain = new VariableExpander(Map.of(), Map.of("HOME", "/home/me"), "box", warnings::add);

        assertThat(plain.expand("${HOME}/logs")).isEqualTo("/home/me/logs");
    }

    @Test
    void unsetVariableBecomesEmptyWithAWarning() {
        assertThat(expander.expand("a${NOPE}b")).isEqualTo("ab");
        assertThat(warnings).containsExactly("[env] variable ${NOPE} is used but not set");
    }

    @Test
    void emptyEnvironmentValueCountsAsUnset() {
        assertThat(expander.expand("${EMPTY}")).isEmpty();
        assertThat(warnings).containsExactly("[env] variable ${EMPTY} is used but not set");
    }

    @Test
    void defaultAppliesWhenUnsetOrEmpty() {
        assertThat(expander.expand("${NOPE:-5170} ${EMPTY:-x} ${PORT:-1}")).isEqualTo("5170 x 9000");
        assertThat(warnings).isEmpty();
    }

    @Test
    void hostNameIsPresetWhenTheEnvironmentLacksIt() {
        assertThat(expander.expand("${HOSTNAME}")).isEqualTo("box");
    }

    @Test
    void withoutBracesOrClosingBraceTheTextIsLiteral() {
        assertThat(expander.expand("$HOME ${HOME")).isEqualTo("$HOME ${HOME");
    }

    @Test
    void namesAreCaseSensitive() {
        assertThat(expander.expand("${port}")).isEmpty();
    }
}
