package io.sluice.core.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.support.event.Event;
import io.sluice.support.event.EventDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Prints chunk files and dead-letter files ({@code .msgpack} event streams) as JSON lines, damaged ones included:
 * per file a line describing it, one line per event
 * {@code {"tag":…,"time":<sec.nanos>,"metadata":{…},"body":{…}}}, and, when something was lost, a last line saying
 * what. For {@code sluice --print-chunk FILE…}.
 */
public final class ChunkFilePrinter {

    /** Exit code when every file was printed whole. */
    public static final int OK = 0;
    /** Exit code when a file was damaged, unreadable or could not be read. */
    public static final int DAMAGED = 1;
    /** Exit code when no file was named. */
    public static final int USAGE = 2;

    /** A dead letter is named {@code <tag>-<epoch-millis>-<chunk-seq>.msgpack}. */
    private static final Pattern DEAD_LETTER_NAME = Pattern.compile("(.*)-\\d+-\\d+\\.msgpack");

    private final JsonFactory json = new JsonFactory();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    private final PrintStream out;
    private final PrintStream err;

    private ChunkFilePrinter(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Prints the files named on the command line; see {@link #print}. */
    public static void main(String[] args) {
        System.exit(print(Arrays.stream(args).map(Path::of).toList(), System.out, System.err));
    }

    /**
     * Prints every file to {@code out}, reporting files that cannot be read at all on {@code err}. Returns
     * {@link #OK} when every file was printed whole, {@link #DAMAGED} when one was damaged or unreadable (the others
     * are printed all the same), {@link #USAGE} when {@code files} is empty.
     */
    public static int print(List<Path> files, PrintStream out, PrintStream err) {
        if (files.isEmpty()) {
            err.println("usage: sluice --print-chunk FILE...");
            return USAGE;
        }
        ChunkFilePrinter printer = new ChunkFilePrinter(out, err);
        int status = OK;
        for (Path file : files) {
            try {
                if (!printer.printFile(file)) {
                    status = DAMAGED;
                }
            } catch (IOException e) {
                out.flush();
                err.println(file + ": " + e.getMessage());
                status = DAMAGED;
            }
        }
        out.flush();
        return status;
    }

    /** Prints one file; false when it was damaged or unreadable. */
    private boolean printFile(Path file) throws IOException {
        byte[] start = new byte[ChunkFormat.MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(start, 0, start.length);
        }
        if (n >= 2 && (start[0] & 0xff) == 0xC1 && start[1] == 0) {
            throw new IOException("a Fluent Bit chunk file: not readable by this printer");
        }
        // the magic decides; without it a .msgpack file is a dead letter and anything else a damaged chunk
        boolean chunk = n == start.length && Arrays.equals(start, ChunkFormat.MAGIC)
                || !file.getFileName().toString().endsWith(".msgpack");
        return chunk ? printChunk(file) : printDeadLetter(file);
    }

    private boolean printChunk(Path file) throws IOException {
        LoadedChunk c = ChunkLoader.load(file, Integer.MAX_VALUE);
        writeLine(g -> {
            g.writeStartObject();
            g.writeStringField("file", file.toString());
            g.writeStringField("format", "sluice chunk");
            g.writeStringField("status", c.status().name().toLowerCase(Locale.ROOT));
            if (c.header() != null) {
                g.writeNumberField("version", c.header().version());
                g.writeStringField("tag", c.tag());
                g.writeNumberField("frames", c.frames());
                g.writeNumberField("batches", c.batches());
                g.writeNumberField("records", c.records());
                g.writeArrayFieldStart("outputs_done");
                for (String o : c.doneOutputs()) {
                    g.writeString(o);
                }
                g.writeEndArray();
                g.writeNumberField("valid_bytes", c.validLength());
            }
            g.writeNumberField("bytes", c.fileLength());
            g.writeStringField("problems", c.status() == ChunkStatus.OK ? "none" : c.describe());
            g.writeEndObject();
        });
        if (!c.status().readable()) {
            return false;
        }
        List<String> damage = new ArrayList<>();
        if (c.status() == ChunkStatus.DAMAGED) {
            damage.add(c.damage().describe());
        }
        printEvents(c.tag(), c.events(), c.eventsLength(), damage);
        return finish(file, damage);
    }

    private boolean printDeadLetter(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        Matcher m = DEAD_LETTER_NAME.matcher(name);
        // the name holds the tag with unsafe characters replaced: the best there is
        String tag = m.matches() ? m.group(1) : name.replaceFirst("\\.msgpack$", "");
        Path dir = file.toAbsolutePath().getParent();
        writeLine(g -> {
            g.writeStartObject();
            g.writeStringField("file", file.toString());
            g.writeStringField("format", "msgpack events (dead letter)");
            g.writeStringField("tag", tag);
            if (dir != null && dir.getFileName() != null) {
                g.writeStringField("output", dir.getFileName().toString());
            }
            g.writeNumberField("bytes", data.length);
            g.writeEndObject();
        });
        List<String> damage = new ArrayList<>();
        printEvents(tag, data, data.length, damage);
        return finish(file, damage);
    }

    /**
     * Prints each event of {@code data[0, length)} on its own line. A value that is msgpack but not an event is
     * skipped and reported; bytes that are not msgpack end the printing and are reported.
     */
    private void printEvents(String tag, byte[] data, int length, List<String> damage) throws IOException {
        int printed = 0;
        int skipped = 0;
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(data, 0, length)) {
            while (true) {
                long from = in.getTotalReadBytes();
                try {
                    if (!in.hasNext()) {
                        break;
                    }
                    in.skipValue();
                } catch (IOException | RuntimeException e) {
                    damage.add("bytes " + from + " to " + length + " (" + (length - from)
                            + " bytes) are not msgpack events, after " + printed + " events: " + oneLine(e));
                    break;
                }
                int at = (int) from;
                int len = (int) (in.getTotalReadBytes() - from);
                try {
                    for (Event ev : EventDecoder.decode(data, at, len)) {
                        writeLine(g -> writeEvent(g, tag, ev));
                        printed++;
                    }
                } catch (IOException | RuntimeException | StackOverflowError e) {
                    // a well-formed value that is not an event, or too deep to print: skip just this one
                    if (skipped++ == 0) {
                        damage.add("value at byte " + at + " (" + len + " bytes) is not a printable event: "
                                + oneLine(e));
                    }
                }
            }
        }
        if (skipped > 1) {
            damage.add(skipped + " values in all were not printable events");
        }
    }

    private boolean finish(Path file, List<String> damage) throws IOException {
        if (damage.isEmpty()) {
            out.flush();
            return true;
        }
        writeLine(g -> {
            g.writeStartObject();
            g.writeStringField("file", file.toString());
            g.writeStringField("damage", String.join("; ", damage));
            g.writeEndObject();
        });
        out.flush();
        return false;
    }

    private static void writeEvent(JsonGenerator g, String tag, Event ev) throws IOException {
        g.writeStartObject();
        g.writeStringField("tag", tag);
        g.writeFieldName("time");
        g.writeNumber(ev.time().seconds() + "." + String.format("%09d", ev.time().nanos()));
        g.writeFieldName("metadata");
        writeValue(g, ev.metadata());
        g.writeFieldName("body");
        writeValue(g, ev.body());
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigInteger big) {
            g.writeNumber(big);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeString(d.toString());
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof byte[] bytes) {
            // binary and extension values print as text, as Fluent Bit's JSON does
            g.writeString(new String(bytes, StandardCharsets.UTF_8));
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    /** Writes one JSON line, all or nothing: a value that fails half-way leaves no half line behind. */
    private void writeLine(JsonBody body) throws IOException {
        line.reset();
        try (JsonGenerator g = json.createGenerator(line)) {
            body.write(g);
        }
        line.write('\n');
        line.writeTo(out);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ");
    }

    /** Writes the JSON of one line. */
    @FunctionalInterface
    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }
}
