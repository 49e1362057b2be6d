package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.api.FlushResult;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTest {

    @TempDir
    Path storage;
    private Engine engine;
    private final LogCapture log = new LogCapture("engine");

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown();
        }
        log.close();
    }

    @Test
    void exhaustedRetriesWriteTheChunkToTheRejectedFolderAndLogTheFile() throws Exception {
        TestPipeline p = new TestPipeline().deadLetters(storage);
        TestInput in = p.input("in.0", "app/logs");
        p.output("ws.0", "*", null, 1, 1).answering((c, call, w) -> FlushResult.RETRY);
        engine = p.start();

        in.emit(5);

        Path folder = storage.resolve("rejected").resolve("ws.0");
        await().atMost(Duration.ofSeconds(5)).until(() -> files(folder).size() == 1);
        Path file = files(folder).get(0);
        assertThat(file.getFileName().toString()).matches("app_logs-\\d+-\\d+\\.msgpack");
        byte[] bytes = Files.readAllBytes(file);
        List<Event> events = EventDecoder.decode(bytes, 0, bytes.length);
        assertThat(events).extracting(e -> ((Number) e.body().get("seq")).longValue())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        await().atMost(Duration.ofSeconds(5)).until(() -> !log.containing(file.toString()).isEmpty());
        assertThat(log.containing(file.toString())).singleElement().asString().contains("5 records written to");
        assertThat(engine.metrics().output("ws.0").get("dropped_records")).isEqualTo(5);
    }

    @Test
    void anErrorIsDeadLetteredToo() throws Exception {
        TestPipeline p = new TestPipeline().deadLetters(storage);
        TestInput in = p.input("in.0", "t");
        p.output("bad.0", "*").answering((c, call, w) -> FlushResult.ERROR);
        engine = p.start();

        in.emit(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> files(storage.resolve("rejected/bad.0")).size() == 1);
    }

    private static List<Path> files(Path folder) throws java.io.IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }
}
