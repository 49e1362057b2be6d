package io.sluice.input.tcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * Decodes a stream of JSON values (newline-separated, concatenated or pretty-printed, split anywhere) into records,
 * token by token with Jackson's non-blocking parser, straight into msgpack.
 *
 * <ul>
 *   <li>A top-level object is one record. A top-level array is a batch: each element that is an object becomes a
 *       record, other elements are skipped with a warning. (Fluent Bit wraps the array as {@code {"msg":[...]}};
 *       sluice follows issue 4, which wants the objects of a batch as records.)</li>
 *   <li>A top-level scalar is skipped with a warning; the values after it are kept.</li>
 *   <li>Integers become the smallest msgpack integer, integers above {@code Long.MAX_VALUE} an unsigned 64-bit
 *       integer when they fit and a float64 otherwise; numbers with {@code .}, {@code e} or {@code E} become
 *       float64.</li>
 *   <li>Invalid JSON is reported, the record in progress dropped, and decoding starts again after the next newline.
 *       If no newline comes within {@code limit} bytes, decoding starts again at the next read instead.</li>
 *   <li>A record of more than {@code limit} bytes of JSON is dropped and reported; decoding goes on after it.</li>
 * </ul>
 * A record spanning reads waits in its {@link OpenRecord}, so the caller's buffer holds only complete records.
 */
final class JsonStreamDecoder implements RecordDecoder {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** Where {@link #sizeIfOverLimit} lets the parser "release" its unread bytes: nowhere, they stay in the parser. */
    private static final OutputStream UNREAD = OutputStream.nullOutputStream();

    private final JsonFactory factory;
    private final DecodeProblems problems;
    private final int limit;
    private final byte[] sourceKey;
    private final byte[] sourceValue;

    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private long parserStart;
    private long streamPos;
    private long fedEnd;

    private int depth;
    private boolean topArray;
    private int ignoreDepth;
    private int recordDepth;
    private final OpenRecord record = new OpenRecord();
    private final FieldNames names = new FieldNames();

    private boolean resyncing;
    private long discarded;

    /**
     * A decoder reporting to {@code problems}, dropping records over {@code limit} bytes, and adding
     * {@code sourceKey: sourceValue} (UTF-8, both or neither {@code null}) as the last key of every record.
     */
    JsonStreamDecoder(JsonFactory factory, DecodeProblems problems, int limit, byte[] sourceKey, byte[] sourceValue) {
        this.factory = factory;
        this.problems = problems;
        this.limit = limit;
        this.sourceKey = sourceKey;
        this.sourceValue = sourceValue;
    }

    /** A parser factory whose string limits follow {@code limit}, so one huge string cannot exhaust memory. */
    static JsonFactory factory(int limit) {
        return JsonFactory.builder()
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Math.max(limit, 1024)).maxNameLength(Math.max(limit, 1024)).build())
                .build();
    }

    @Override
    public void feed(byte[] data, int off, int len, RecordBuffer out, long seconds, int nanos) {
        record.restore(out);
        int end = off + len;
        int pos = off;
        while (pos < end) {
            if (resyncing) {
                int nl = indexOfNewline(data, pos, end);
                if (nl < 0) {
                    discarded += end - pos;
                    break;
                }
                pos = nl + 1;
                resyncing = false;
                continue;
            }
            pos = parse(data, off, pos, end, out, seconds, nanos);
        }
        streamPos += len;
        if (resyncing && discarded > limit) {
            resyncing = false;
        }
        if (record.isOpen() && streamPos - record.start() > limit) {
            drop(out, streamPos - record.start());
        }
        record.save(out);
    }

    @Override
    public void finish() {
        if (record.isOpen()) {
            problems.incomplete(streamPos - record.start());
        }
        closeParser();
        record.discard();
    }

    /** Parses {@code data[from, end)}; returns {@code end}, or where to look for a newline after invalid JSON. */
    private int parse(byte[] data, int off, int from, int end, RecordBuffer out, long seconds, int nanos) {
        long chunkStart = streamPos - off;
        try {
            if (parser == null) {
                parser = factory.createNonBlockingByteArrayParser();
                feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
                parserStart = chunkStart + from;
            }
            fedEnd = chunkStart + end;
            feeder.feedInput(data, from, end);
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.NOT_AVAILABLE && t != null) {
                onToken(t, out, seconds, nanos);
            }
            return end;
        } catch (IOException e) {
            JsonLocation where = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
            if ((where == null || where.getByteOffset() < 0) && parser != null) {
                // a constraint violation (e.g. a string over the limit) carries no location: the parser knows it,
                // and restarting from the segment's start would emit its earlier records again
                where = parser.currentLocation();
            }
            long at = where == null || where.getByteOffset() < 0 ? chunkStart + from
                    : parserStart + where.getByteOffset();
            int idx = (int) Math.max(from, Math.min(end, at - chunkStart));
            if (e instanceof StreamConstraintsException && record.isOpen()) {
                problems.oversize(Math.max(at, chunkStart + idx) - record.start(), limit);
            } else if (ignoreDepth == 0) {
                // show the bad record from its start when it began in this read, else the bytes before the error
                long shownFrom = record.isOpen() ? record.start() - chunkStart : idx - 16;
                int preview = (int) Math.max(off, Math.min(idx, shownFrom));
                problems.invalidJson(e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.toString(),
                        data, preview, end - preview);
            }
            if (record.isOpen()) {
                record.abandon(out);
            }
            closeParser();
            resetStructure();
            resyncing = true;
            discarded = 0;
            return Math.max(from, idx - 1);
        }
    }

    private void onToken(JsonToken t, RecordBuffer out, long seconds, int nanos) throws IOException {
        if (ignoreDepth > 0) {
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd() && --depth < ignoreDepth) {
                ignoreDepth = 0;
            }
        } else if (record.isOpen()) {
            onRecordToken(t, out);
        } else if (t == JsonToken.START_OBJECT) {
            depth++;
            recordDepth = depth;
            record.begin(out, seconds, nanos, objectStart());
        } else if (t == JsonToken.START_ARRAY) {
            depth++;
            if (depth == 1) {
                topArray = true;
            } else {
                ignoreDepth = depth;
                problems.skippedValue("array inside a top-level array");
            }
        } else if (t == JsonToken.END_ARRAY) {
            depth--;
            topArray = false;
        } else if (t.isScalarValue()) {
            problems.skippedValue(topArray ? "non-object element of a top-level array" : "top-level " + kind(t));
        }
    }

    private void onRecordToken(JsonToken t, RecordBuffer out) throws IOException {
        switch (t) {
            case START_OBJECT, START_ARRAY -> {
                depth++;
                record.enter(out, t == JsonToken.START_ARRAY);
            }
            case END_OBJECT, END_ARRAY -> {
                depth--;
                if (record.exit(out)) {
                    endRecord(out);
                }
            }
            case FIELD_NAME -> record.key(out, names.utf8(parser.currentName()));
            default -> {
                record.value();
                writeScalar(t, out);
            }
        }
    }

    private void writeScalar(JsonToken t, RecordBuffer out) throws IOException {
        switch (t) {
            case VALUE_STRING ->
                    out.writeChars(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    writeBigInteger(parser.getBigIntegerValue(), out);
                } else {
                    out.writeLong(parser.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> out.writeDouble(parser.getDoubleValue());
            case VALUE_TRUE -> out.writeBoolean(true);
            case VALUE_FALSE -> out.writeBoolean(false);
            default -> out.writeNil();
        }
    }

    private static void writeBigInteger(BigInteger v, RecordBuffer out) {
        if (v.bitLength() <= 63) {
            out.writeLong(v.longValue());
        } else if (v.signum() > 0 && v.compareTo(UINT64_MAX) <= 0) {
            out.writeUnsignedLong(v.longValue());
        } else {
            out.writeDouble(v.doubleValue());
        }
    }

    private void endRecord(RecordBuffer out) throws IOException {
        long size = sizeIfOverLimit();
        if (size > 0) {
            problems.oversize(size, limit);
            record.abandon(out);
        } else {
            record.end(out, sourceKey, sourceValue);
        }
    }

    /**
     * The stream offset of the current {@code {}. Jackson's token offset is exact for a start token (it counts the
     * brace as read), so this costs no allocation.
     */
    private long objectStart() {
        return parserStart + ((ParserBase) parser).getTokenCharacterOffset() - 1;
    }

    /**
     * The size of the record whose {@code }} is the current token, or 0 when it is certainly within the limit.
     * Jackson's token offset is stale for end tokens and its reading position costs an object, so when the cheap
     * upper bound, everything fed so far, is over the limit, the position is taken from how many fed bytes the parser
     * has not read yet ({@code releaseBuffered} into a sink that keeps nothing): right after a {@code }} that is
     * the byte after it.
     */
    private long sizeIfOverLimit() throws IOException {
        if (fedEnd - record.start() <= limit) {
            return 0;
        }
        long size = fedEnd - parser.releaseBuffered(UNREAD) - record.start();
        return size > limit ? size : 0;
    }

    /** Drops the open record as over the limit and skips the rest of it. */
    private void drop(RecordBuffer out, long size) {
        problems.oversize(size, limit);
        record.abandon(out);
        ignoreDepth = recordDepth;
    }

    private void resetStructure() {
        depth = 0;
        topArray = false;
        ignoreDepth = 0;
    }

    private void closeParser() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            parser = null;
            feeder = null;
        }
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            default -> "null";
        };
    }

    private static int indexOfNewline(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
