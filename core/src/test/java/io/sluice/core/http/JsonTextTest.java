package io.sluice.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.engine.StorageSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One JSON string escape for every body the monitoring API and the reload controller write. */
class JsonTextTest {

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedTheRestKept() {
        assertThat(JsonText.escape("a\"b\\c\nd\u0001é€")).isEqualTo("a\\\"b\\\\c\\u000ad\\u0001é€");
        assertThat(JsonText.quote(new StringBuilder("x"), "t\tab").toString()).isEqualTo("x\"t\\u0009ab\"");
    }

    @Test
    void theStorageJsonEscapesControlCharactersInInputNamesToo() {
        StorageSnapshot storage = new StorageSnapshot(List.of(new StorageSnapshot.InputStorage("in\u0007put", "memory",
                false, 0, 0, 0, 0, 0, 0, 0)), 0, 0, 0, 0, Map.of(), Map.of(), false, Map.of());

        assertThat(StorageRendering.json(storage)).contains("\"in\\u0007put\":{").doesNotContain("\u0007");
    }
}
