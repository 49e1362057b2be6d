package io.sluice.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.support.event.EventBuffer;
import io.sluice.support.event.EventTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectedChunkPrinterTest {

    @TempDir
    Path dir;

    @Test
    void printsEveryEventOfADeadLetterFileAsJsonLines() throws Exception {
        EventBuffer events = new EventBuffer(64);
        events.writeEvent(new EventTime(1700000000L, 123456789), Map.of("seq", 1L));
        events.writeEvent(new EventTime(1700000001L, 0), Map.of("seq", 2L));
        Path file = Files.write(dir.resolve("app-1-1.msgpack"), events.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = RejectedChunkPrinter.print(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                file.toString());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"date\":\"2023-11-14T22:13:20.123456Z\",\"seq\":1}\n"
                        + "{\"date\":\"2023-11-14T22:13:21.000000Z\",\"seq\":2}\n");
    }

    @Test
    void unreadableFileIsReportedAndFails() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = RejectedChunkPrinter.print(System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                dir.resolve("missing.msgpack").toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.msgpack");
    }
}
