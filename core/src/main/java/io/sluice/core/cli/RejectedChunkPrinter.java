package io.sluice.core.cli;

import io.sluice.support.ByteSink;
import io.sluice.api.EventChunk;
import io.sluice.support.format.DateFormat;
import io.sluice.support.format.EventFormatter;
import io.sluice.support.format.Format;
import io.sluice.support.format.FormatException;
import io.sluice.support.format.FormatOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints dead-letter files (chunks written under {@code storage.path} when delivery failed for good) as JSON lines
 * with ISO-8601 dates: {@code java -cp 'lib/*' io.sluice.core.cli.RejectedChunkPrinter FILE...}.
 */
public final class RejectedChunkPrinter {

    private RejectedChunkPrinter() {
    }

    /** Prints every file named; exits 1 if one cannot be read or decoded. */
    public static void main(String[] args) {
        System.exit(print(System.out, System.err, args));
    }

    static int print(PrintStream out, PrintStream err, String... files) {
        if (files.length == 0) {
            err.println("usage: RejectedChunkPrinter FILE.msgpack...");
            return 1;
        }
        EventFormatter formatter = new EventFormatter(FormatOptions.of(Format.JSON_LINES)
                .withDateFormat(DateFormat.ISO8601).withEscapeUnicode(false));
        ByteSink sink = new ByteSink(64 * 1024);
        int status = 0;
        for (String file : files) {
            try {
                byte[] data = Files.readAllBytes(Path.of(file));
                sink.clear();
                formatter.format(new EventChunk(file, "rejected", data, 0, data.length, 0), sink);
                out.write(sink.array(), 0, sink.size());
            } catch (IOException | FormatException e) {
                err.println(file + ": " + e.getMessage());
                status = 1;
            }
        }
        out.flush();
        return status;
    }
}
