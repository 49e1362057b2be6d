package io.sluice.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ClassicParserPropertyTest {

    @Property(tries = 500)
    void randomBytesNeverFailWithAnythingButAOneLineConfigException(@ForAll byte[] bytes) {
        assertOnlyConfigErrors(new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void randomConfigLikeLinesNeverFailWithAnythingButAOneLineConfigException(@ForAll("lines") List<String> lines) {
        assertOnlyConfigErrors(String.join("\n", lines));
    }

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> fragment = Arbitraries.of("[INPUT]", "[OUTPUT", "[SERVICE]", "[", "]", "@INCLUDE x",
                "@SET a=b", "@SET =", "@", "#", " ", "  ", "\t", "\r", "Name", " cpu", "${X}", "=", "", "\u0000",
                "\u00e9");
        return fragment.list().ofMaxSize(6).map(parts -> String.join("", parts)).list().ofMaxSize(12);
    }

    private static void assertOnlyConfigErrors(String text) {
        try {
            ClassicParser.parse("random.conf", text, w -> { });
        } catch (ConfigException e) {
            assertThat(e.userMessage()).doesNotContain("\n").doesNotContain("\r").startsWith("[config] error in");
        }
    }
}
