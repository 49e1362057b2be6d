package io.sluice.input.tcp;

import io.sluice.support.ByteSink;
import io.sluice.support.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decodes a stream of JSON values (newline-separated, concatenated or pretty-printed, split anywhere) into records,
 * byte by byte, straight from the connection's bytes into msgpack: no strings, no token objects.
 *
 * <ul>
 *   <li>A top-level object is one record. A top-level array is a batch: each element that is an object becomes a
 *       record, other elements are skipped with a warning. (Fluent Bit wraps the array as {@code {"msg":[...]}};
 *       a sender that batches its records in an array means each of them as a record, so sluice splits it.)</li>
 *   <li>A top-level scalar is skipped with a warning; the values after it are kept.</li>
 *   <li>Values keep their exact value: integers become the smallest msgpack integer (up to 2^64−1); {@code -0}
 *       becomes float64 −0.0; numbers with {@code .}, {@code e} or {@code E} become float64. A number msgpack
 *       cannot hold (an integer beyond 64 bits, a float beyond float64's range, a non-zero float that would read as
 *       0) is kept as a string of its digits, and counted.</li>
 *   <li>Strings are copied as UTF-8: an invalid UTF-8 sequence or an unpaired surrogate escape becomes U+FFFD, an
 *       escape JSON does not define ({@code \q}, {@code \}{@code uZZZZ}) is kept as written, raw control characters
 *       are kept; each change is counted and the record kept. A raw line feed inside a string is invalid JSON: on a
 *       newline-delimited stream it means the line was cut, and the next line is a new record.</li>
 *   <li>Invalid JSON is reported once per stretch, the record in progress dropped, and decoding starts again at the
 *       next object start outside the broken record: after the broken record's last brace (found by counting
 *       brackets outside strings), at the end of its line if it was all on one line, at a {@code {} that begins a
 *       line if it was pretty-printed, or at the {@code {} where the error was; after
 *       garbage between records, at the next {@code {} or the next line, whichever comes first. A stretch ends at a
 *       value decoded successfully or at a line feed skipped.</li>
 *   <li>A record of more than {@code limit} bytes of JSON is dropped and counted once; the decoder reads on to its
 *       end without keeping any of it (a string of any length included), so what follows is decoded as usual.</li>
 * </ul>
 * A record spanning reads waits in its {@link OpenRecord}, so the caller's buffer holds only complete records.
 */
final class JsonStreamDecoder implements RecordDecoder {

    /** Deeper nesting is refused as invalid JSON (Jackson's default, which sluice used before). */
    static final int MAX_DEPTH = 1000;
    /** Bytes decoded in short windows while the JIT profiles the decoder (see {@link #training}). */
    static final long TRAINING_BYTES = 4 << 20;
    /**
     * The process's training budget: the JIT's profile belongs to this class, not to a connection, so the first
     * {@link #TRAINING_BYTES} bytes of all connections together are decoded in windows, and none after that.
     */
    private static final AtomicLong PROCESS_TRAINING = new AtomicLong(TRAINING_BYTES);

    private static final int VALUE = 0;
    private static final int VALUE_OR_END = 1;
    private static final int KEY_OR_END = 2;
    private static final int KEY = 3;
    private static final int COLON = 4;
    private static final int AFTER_VALUE = 5;
    private static final int STRING = 6;
    private static final int NUMBER = 7;
    private static final int LITERAL = 8;
    private static final int RECOVER = 9;
    private static final int SKIP = 10;

    private static final byte OBJECT = 1;
    private static final byte ARRAY = 2;

    private static final int N_START = 0;
    private static final int N_MINUS = 1;
    private static final int N_ZERO = 2;
    private static final int N_INT = 3;
    private static final int N_DOT = 4;
    private static final int N_FRAC = 5;
    private static final int N_E = 6;
    private static final int N_ESIGN = 7;
    private static final int N_EXP = 8;

    /** ULONG_MAX / 10: a 20th digit fits 64 bits only on top of at most this, and only up to 5 on top of it. */
    private static final long U64_TENTH = 1844674407370955161L;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final DecodeProblems problems;
    private final int limit;
    private final byte[] sourceKey;
    private final byte[] sourceValue;
    private final OpenRecord record = new OpenRecord();

    private int state = VALUE;
    private byte[] stack = new byte[16];
    private int depth;
    /** The depth outside the open record's body (0, or 1 inside a top-level array), or −1 when none is open. */
    private int recordBase = -1;
    /** Whether the open record is over the limit: it is read to its end, nothing of it written. */
    private boolean discarding;
    /** The depth outside a skipped array inside a top-level array, or −1. */
    private int skipBase = -1;
    /** Whether the decoder is inside a stretch of invalid input already reported. */
    private boolean badStretch;
    /**
     * Whether a line feed came in an earlier read since the open record began (it is pretty-printed, not one line);
     * kept up at the end of each read, not per byte (a raw line feed in a string is an error, so any is whitespace).
     */
    private boolean recordMultiline;
    private long streamPos;

    // the current feed
    private RecordBuffer out;
    private byte[] data;
    private long base;
    private int feedOff;
    private int feedEnd;
    /** Where the handlers stop: the feed's end, or a window's (see {@link #training}). */
    private int windowEnd;
    /**
     * How many more bytes to decode in short windows. Each handler's scanning loop leaves at the end of the input,
     * which in whole reads (tens of KB) happens in any one state too rarely for the JIT's profile to have seen it
     * when C2 compiles the decoder: C2 then compiles that exit as a trap, and the first read ending in that state
     * throws the compiled decoder away to compile it again (two to four C2 compilations of the decoding loop in a cold
     * run of a million records, 0.5 to 1.4 s of compiler time). Ending a window every 16 to 1039 bytes at first makes
     * every exit common in the profile; splitting the input changes nothing else, as any split of the stream gives the
     * same records and problems. Shared by every decoder of the process (see {@link #PROCESS_TRAINING}).
     */
    private final AtomicLong training;
    private int windows;
    private long seconds;
    private int nanos;

    // the open string
    private boolean strKey;
    /** Where the open string's reserved header is in {@code out} while it is being written, else −1. */
    private int strMark = -1;
    /** 0, or 1 after a backslash, or 2 inside the digits of a {@code \}{@code u} escape. */
    private int esc;
    private int uDigits;
    private int uValue;
    private int uRaw;
    private int pendingHigh;
    private int utfNeed;
    private int utfLo;
    private int utfHi;
    private int utfBytes;
    private int utfLen;

    // the open number
    private int numState;
    private boolean numNeg;
    private boolean numFloat;
    private boolean numOverflow;
    private long numMant;
    private int numSig;
    private int numScale;
    private int numExp;
    private boolean numExpNeg;
    private int numStart;
    private boolean numSpans;
    private final ByteSink numText = new ByteSink(32);

    // the open literal
    private byte[] literal;
    private int litIdx;

    // recovering from a broken record
    private int recoverDepth;
    /** Whether the broken record is an element of a top-level array, which decoding returns to after it. */
    private boolean recoverInArray;
    /** Whether the broken record spans lines: else its line's end is its end. */
    private boolean recoverMultiline;
    private boolean recoverInString;
    private boolean recoverEscape;
    private boolean recoverLineStart;
    private long recoverStart;

    /**
     * A decoder reporting to {@code problems}, dropping records over {@code limit} bytes, and adding
     * {@code sourceKey: sourceValue} (UTF-8, both or neither {@code null}) as the last key of every record.
     */
    JsonStreamDecoder(DecodeProblems problems, int limit, byte[] sourceKey, byte[] sourceValue) {
        this(problems, limit, sourceKey, sourceValue, PROCESS_TRAINING);
    }

    /** As above, decoding its own first {@code trainingBytes} bytes in short windows (tests compare both ways). */
    JsonStreamDecoder(DecodeProblems problems, int limit, byte[] sourceKey, byte[] sourceValue, long trainingBytes) {
        this(problems, limit, sourceKey, sourceValue, new AtomicLong(trainingBytes));
    }

    /** What is left of the process's training budget (for tests). */
    static long processTrainingLeft() {
        return PROCESS_TRAINING.get();
    }

    private JsonStreamDecoder(DecodeProblems problems, int limit, byte[] sourceKey, byte[] sourceValue,
                              AtomicLong training) {
        this.problems = problems;
        this.limit = limit;
        this.sourceKey = sourceKey;
        this.sourceValue = sourceValue;
        this.training = training;
    }

    @Override
    public void feed(byte[] bytes, int off, int len, RecordBuffer buffer, long sec, int nano) {
        int shift = record.restore(buffer);
        if (strMark >= 0) {
            strMark += shift;
        }
        out = buffer;
        data = bytes;
        seconds = sec;
        nanos = nano;
        base = streamPos - off;
        feedOff = off;
        int end = off + len;
        feedEnd = end;
        if (state == NUMBER) {
            numStart = off;
        }
        if (training.get() > 0 && training.getAndAdd(-len) > 0) {
            decodeInWindows(off, end);
        } else {
            decode(off, end);
        }
        if (state == NUMBER && writing()) {
            numText.write(bytes, numStart, end - numStart);
            numSpans = true;
        }
        if (recordBase >= 0 && !recordMultiline) {
            recordMultiline = hasLineFeed(bytes, (int) Math.max(off, record.start() - base), end);
        }
        streamPos += len;
        if (writing() && streamPos - record.start() > limit) {
            problems.oversize(streamPos - record.start(), limit);
            record.abandon(buffer);
            discarding = true;
            strMark = -1;
        } else if (state == RECOVER && streamPos - recoverStart > limit) {
            // the broken record's end is nowhere near: look for the next object start instead
            state = SKIP;
        }
        record.save(buffer);
        out = null;
        data = null;
    }

    /** Decodes {@code data[i, end)}; the handlers stop at {@link #windowEnd}. */
    private void decode(int i, int end) {
        windowEnd = end;
        while (i < end) {
            switch (state) {
                case VALUE, VALUE_OR_END -> i = value(i);
                case KEY_OR_END, KEY -> i = key(i);
                case COLON -> i = colon(i);
                case AFTER_VALUE -> i = afterValue(i);
                case STRING -> i = string(i);
                case NUMBER -> i = number(i);
                case LITERAL -> i = literal(i);
                case RECOVER -> i = recover(i);
                default -> i = skip(i);
            }
        }
    }

    /**
     * Decodes {@code data[off, end)} in windows of 16 to 1039 bytes in a scrambled order, so that the handlers run out
     * of input in every state and at every point of a record while the JIT is still profiling them, and strings and
     * numbers of every length are still seen whole most of the time; see {@link #training}.
     */
    private void decodeInWindows(int off, int end) {
        int i = off;
        while (i < end) {
            int next = (int) Math.min(end, (long) i + 16 + ((windows++ * 0x9E3779B9) >>> 22));
            decode(i, next);
            i = next;
        }
    }

    @Override
    public void finish(RecordBuffer buffer, long sec, int nano) {
        if (recordBase >= 0) {
            if (!discarding) {
                problems.incomplete(streamPos - record.start());
            }
        } else if (skipBase >= 0 || state == STRING || state == NUMBER || state == LITERAL) {
            problems.skippedValue("top-level value cut off by the end of the stream");
        }
        record.discard();
        recordBase = -1;
        discarding = false;
        depth = 0;
        skipBase = -1;
        strMark = -1;
        state = VALUE;
    }

    private boolean writing() {
        return recordBase >= 0 && !discarding;
    }

    // ----------------------------------------------------------------------------------------------- structure

    private int value(int i) {
        byte[] d = data;
        int end = windowEnd;
        while (i < end) {
            byte b = d[i];
            switch (b) {
                case ' ', '\n', '\r', '\t' -> i++;
                case '{' -> {
                    return openObject(i);
                }
                case '[' -> {
                    return openArray(i);
                }
                case '"' -> {
                    return startString(i, false);
                }
                case ']' -> {
                    return state == VALUE_OR_END ? close(i) : fail(i, "expected a value, not ']'", true);
                }
                case 't' -> {
                    return startLiteral(i, TRUE);
                }
                case 'f' -> {
                    return startLiteral(i, FALSE);
                }
                case 'n' -> {
                    return startLiteral(i, NULL);
                }
                default -> {
                    if (b == '-' || (b >= '0' && b <= '9')) {
                        return startNumber(i);
                    }
                    return fail(i, "expected a value", true);
                }
            }
        }
        return i;
    }

    private int key(int i) {
        byte[] d = data;
        int end = windowEnd;
        while (i < end) {
            byte b = d[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                i++;
            } else if (b == '"') {
                return startString(i, true);
            } else if (b == '}' && state == KEY_OR_END) {
                return close(i);
            } else {
                return fail(i, "expected a field name in double quotes", true);
            }
        }
        return i;
    }

    private int colon(int i) {
        byte[] d = data;
        int end = windowEnd;
        while (i < end) {
            byte b = d[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                i++;
            } else if (b == ':') {
                state = VALUE;
                return i + 1;
            } else {
                return fail(i, "expected ':' after a field name", true);
            }
        }
        return i;
    }

    private int afterValue(int i) {
        byte[] d = data;
        int end = windowEnd;
        while (i < end) {
            byte b = d[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                i++;
                continue;
            }
            boolean object = stack[depth - 1] == OBJECT;
            if (b == ',') {
                state = object ? KEY : VALUE;
                return i + 1;
            }
            if (b == (object ? '}' : ']')) {
                return close(i);
            }
            return fail(i, object ? "expected ',' or '}' after a value" : "expected ',' or ']' after a value", true);
        }
        return i;
    }

    private int openObject(int i) {
        if (depth == MAX_DEPTH) {
            return fail(i, "nesting deeper than " + MAX_DEPTH + " levels", false);
        }
        if (recordBase < 0 && skipBase < 0 && (depth == 0 || (depth == 1 && stack[0] == ARRAY))) {
            recordBase = depth;
            discarding = false;
            recordMultiline = false;
            record.begin(out, seconds, nanos, base + i);
        } else if (writing()) {
            record.enter(out, false);
        }
        push(OBJECT);
        state = KEY_OR_END;
        return i + 1;
    }

    private int openArray(int i) {
        if (depth == MAX_DEPTH) {
            return fail(i, "nesting deeper than " + MAX_DEPTH + " levels", false);
        }
        if (recordBase >= 0) {
            if (!discarding) {
                record.enter(out, true);
            }
        } else if (skipBase < 0 && depth == 1 && stack[0] == ARRAY) {
            skipBase = 1;
        }
        push(ARRAY);
        state = VALUE_OR_END;
        return i + 1;
    }

    private void push(byte kind) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = kind;
    }

    /** Closes the innermost object or array, whose closing bracket is at {@code i}. */
    private int close(int i) {
        depth--;
        if (recordBase >= 0) {
            if (depth == recordBase) {
                endRecord(i);
            } else if (!discarding) {
                record.exit(out);
            }
        } else if (depth == skipBase) {
            skipBase = -1;
            problems.skippedValue("array inside a top-level array");
        }
        return valueDone(i + 1);
    }

    private void endRecord(int closingBrace) {
        if (!discarding) {
            long size = base + closingBrace + 1 - record.start();
            if (size > limit) {
                problems.oversize(size, limit);
                record.abandon(out);
            } else {
                record.end(out, sourceKey, sourceValue);
            }
        }
        recordBase = -1;
        discarding = false;
        badStretch = false;
    }

    /** A value ended just before {@code next}. */
    private int valueDone(int next) {
        if (depth == 0) {
            state = VALUE;
            badStretch = false;
        } else {
            state = AFTER_VALUE;
        }
        return next;
    }

    /** A string, number or literal ended just before {@code next}. */
    private int scalarDone(String kind, int next) {
        if (recordBase < 0 && skipBase < 0) {
            problems.skippedValue(depth == 0 ? "top-level " + kind : "non-object element of a top-level array");
        }
        return valueDone(next);
    }

    // ------------------------------------------------------------------------------------------------ strings

    private int startString(int i, boolean key) {
        boolean write = writing();
        if (write) {
            if (key) {
                record.key();
            } else {
                record.value();
            }
        }
        strKey = key;
        byte[] d = data;
        int end = windowEnd;
        int j = i + 1;
        while (j < end) {
            byte b = d[j];
            // stops at '"', '\\', control characters and (negative as bytes) everything not ASCII
            if (b == '"' || b == '\\' || b < 0x20) {
                break;
            }
            j++;
        }
        if (j < end && d[j] == '"') {
            if (write) {
                out.writeString(d, i + 1, j - i - 1);
            }
            return stringDone(j + 1);
        }
        esc = 0;
        pendingHigh = 0;
        utfNeed = 0;
        strMark = -1;
        if (write) {
            strMark = out.beginString();
            out.write(d, i + 1, j - i - 1);
        }
        state = STRING;
        return j;
    }

    private int string(int i) {
        byte[] d = data;
        int end = windowEnd;
        RecordBuffer o = out;
        while (i < end) {
            boolean write = strMark >= 0;
            int b = d[i] & 0xff;
            if (utfNeed > 0) {
                if (b >= utfLo && b <= utfHi) {
                    utfBytes = (utfBytes << 8) | b;
                    utfLen++;
                    utfLo = 0x80;
                    utfHi = 0xbf;
                    i++;
                    if (--utfNeed == 0 && write) {
                        for (int k = utfLen - 1; k >= 0; k--) {
                            o.write(utfBytes >>> (8 * k));
                        }
                    }
                    continue;
                }
                // the sequence so far is a maximal invalid subpart; b is read again below
                utfNeed = 0;
                replacement(write);
            }
            if (esc != 0) {
                i = escape(i, b, write);
                continue;
            }
            if (pendingHigh != 0 && b != '\\') {
                pendingHigh = 0;
                replacement(write);
            }
            if (b == '"') {
                if (write) {
                    o.endString(strMark);
                    strMark = -1;
                }
                return stringDone(i + 1);
            }
            if (b == '\\') {
                esc = 1;
                i++;
                continue;
            }
            if (b == '\n') {
                return fail(i, "line feed inside a string (a line cut short?)", true);
            }
            int j = i;
            while (j < end) {
                byte c = d[j];
                if (c >= 0) {
                    if (c == '"' || c == '\\' || c == '\n') {
                        break;
                    }
                    j++;
                } else {
                    int n = Utf8.sequenceLength(d, j, end);
                    if (n == 0) {
                        break;
                    }
                    j += n;
                }
            }
            if (j > i) {
                if (write) {
                    o.write(d, i, j - i);
                }
                i = j;
                continue;
            }
            i = leadByte(i, b, write);
        }
        return i;
    }

    private int stringDone(int next) {
        if (strKey) {
            state = COLON;
            return next;
        }
        return scalarDone("string", next);
    }

    /** A byte above 0x7f that does not start a complete sequence in this read: a lead byte to continue, or invalid. */
    private int leadByte(int i, int b, boolean write) {
        if (b >= 0xc2 && b <= 0xdf) {
            utfNeed = 1;
            utfLo = 0x80;
            utfHi = 0xbf;
        } else if (b >= 0xe0 && b <= 0xef) {
            utfNeed = 2;
            utfLo = b == 0xe0 ? 0xa0 : 0x80;
            utfHi = b == 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
            utfNeed = 3;
            utfLo = b == 0xf0 ? 0x90 : 0x80;
            utfHi = b == 0xf4 ? 0x8f : 0xbf;
        } else {
            replacement(write);
            return i + 1;
        }
        utfBytes = b;
        utfLen = 1;
        return i + 1;
    }

    /** Handles byte {@code b} at {@code i} after a backslash or inside a {@code \}{@code u} escape. */
    private int escape(int i, int b, boolean write) {
        RecordBuffer o = out;
        if (esc == 1) {
            int c;
            switch (b) {
                case '"', '\\', '/' -> c = b;
                case 'b' -> c = '\b';
                case 'f' -> c = '\f';
                case 'n' -> c = '\n';
                case 'r' -> c = '\r';
                case 't' -> c = '\t';
                case 'u' -> {
                    esc = 2;
                    uDigits = 0;
                    uValue = 0;
                    uRaw = 0;
                    return i + 1;
                }
                default -> {
                    // not a JSON escape: the backslash is kept, the byte after it read again as it is
                    flushHigh(write);
                    esc = 0;
                    if (write) {
                        o.write('\\');
                        problems.invalidEscape();
                    }
                    return i;
                }
            }
            flushHigh(write);
            esc = 0;
            if (write) {
                o.write(c);
            }
            return i + 1;
        }
        int h = hex(b);
        if (h < 0) {
            flushHigh(write);
            esc = 0;
            if (write) {
                o.write('\\');
                o.write('u');
                for (int k = uDigits - 1; k >= 0; k--) {
                    o.write(uRaw >>> (8 * k));
                }
                problems.invalidEscape();
            }
            return i;
        }
        uValue = (uValue << 4) | h;
        uRaw = (uRaw << 8) | b;
        if (++uDigits == 4) {
            esc = 0;
            codeUnit(uValue, write);
        }
        return i + 1;
    }

    private void codeUnit(int cu, boolean write) {
        if (pendingHigh != 0) {
            if (cu >= 0xdc00 && cu <= 0xdfff) {
                int cp = 0x10000 + ((pendingHigh - 0xd800) << 10) + (cu - 0xdc00);
                pendingHigh = 0;
                if (write) {
                    out.writeCodePoint(cp);
                }
                return;
            }
            pendingHigh = 0;
            replacement(write);
        }
        if (cu >= 0xd800 && cu <= 0xdbff) {
            pendingHigh = cu;
        } else if (cu >= 0xdc00 && cu <= 0xdfff) {
            replacement(write);
        } else if (write) {
            out.writeCodePoint(cu);
        }
    }

    /** A high surrogate escape not followed by a low one: U+FFFD. */
    private void flushHigh(boolean write) {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            replacement(write);
        }
    }

    private void replacement(boolean write) {
        if (write) {
            out.writeReplacement();
            problems.invalidUtf8();
        }
    }

    private static int hex(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------- numbers and literals

    private int startNumber(int i) {
        if (writing()) {
            record.value();
        }
        numState = N_START;
        numNeg = false;
        numFloat = false;
        numOverflow = false;
        numMant = 0;
        numSig = 0;
        numScale = 0;
        numExp = 0;
        numExpNeg = false;
        numStart = i;
        numSpans = false;
        numText.clear();
        state = NUMBER;
        return number(i);
    }

    private int number(int i) {
        byte[] d = data;
        int end = windowEnd;
        while (i < end) {
            int b = d[i];
            switch (numState) {
                case N_START -> {
                    numState = N_MINUS;
                    if (b == '-') {
                        numNeg = true;
                        i++;
                    }
                }
                case N_MINUS -> {
                    if (b == '0') {
                        numState = N_ZERO;
                    } else if (b >= '1' && b <= '9') {
                        numState = N_INT;
                        intDigit(b - '0');
                    } else {
                        return fail(i, "expected a digit in a number", true);
                    }
                    i++;
                }
                case N_ZERO, N_INT -> {
                    if (numState == N_INT) {
                        while (b >= '0' && b <= '9') {
                            intDigit(b - '0');
                            if (++i == end) {
                                return i;
                            }
                            b = d[i];
                        }
                    } else if (b >= '0' && b <= '9') {
                        return fail(i, "leading zero in a number", true);
                    }
                    if (b == '.') {
                        numFloat = true;
                        numState = N_DOT;
                        i++;
                    } else if (b == 'e' || b == 'E') {
                        numFloat = true;
                        numState = N_E;
                        i++;
                    } else {
                        return numberDone(i);
                    }
                }
                case N_DOT, N_FRAC -> {
                    if (b >= '0' && b <= '9') {
                        numState = N_FRAC;
                        fracDigit(b - '0');
                        i++;
                    } else if (numState == N_DOT) {
                        return fail(i, "expected a digit after '.' in a number", true);
                    } else if (b == 'e' || b == 'E') {
                        numState = N_E;
                        i++;
                    } else {
                        return numberDone(i);
                    }
                }
                case N_E, N_ESIGN -> {
                    if (numState == N_E && (b == '+' || b == '-')) {
                        numExpNeg = b == '-';
                        numState = N_ESIGN;
                        i++;
                    } else if (b >= '0' && b <= '9') {
                        numState = N_EXP;
                        numExp = b - '0';
                        i++;
                    } else {
                        return fail(i, "expected a digit in a number's exponent", true);
                    }
                }
                default -> {
                    if (b >= '0' && b <= '9') {
                        numExp = Math.min(numExp * 10 + (b - '0'), 1_000_000);
                        i++;
                    } else {
                        return numberDone(i);
                    }
                }
            }
        }
        return i;
    }

    /** An integer digit: kept exactly while the value fits 64 bits unsigned. */
    private void intDigit(int v) {
        if (numSig < 19) {
            numMant = numMant * 10 + v;
            if (numMant != 0) {
                numSig++;
            }
        } else if (!numOverflow && numSig == 19
                && (Long.compareUnsigned(numMant, U64_TENTH) < 0 || (numMant == U64_TENTH && v <= 5))) {
            numMant = numMant * 10 + v;
            numSig++;
        } else {
            numOverflow = true;
            numScale++;
        }
    }

    /** A digit after the point: part of the significand while 19 digits hold it. */
    private void fracDigit(int v) {
        if (numMant == 0 && v == 0) {
            numScale--;
        } else if (numSig < 19 && !numOverflow) {
            numMant = numMant * 10 + v;
            numSig++;
            numScale--;
        } else {
            numOverflow = true;
        }
    }

    /** The number ended just before {@code i}. */
    private int numberDone(int i) {
        if (writing()) {
            writeNumber(i);
        }
        return scalarDone("number", i);
    }

    private void writeNumber(int i) {
        RecordBuffer o = out;
        if (!numFloat) {
            if (!numOverflow) {
                if (!numNeg) {
                    if (numMant >= 0) {
                        o.writeLong(numMant);
                    } else {
                        o.writeUnsignedLong(numMant);
                    }
                    return;
                }
                if (numMant == 0) {
                    // JSON's -0 is a number with a sign: float64 keeps it, an integer would not
                    o.writeDouble(-0.0);
                    return;
                }
                if (numMant > 0 || numMant == Long.MIN_VALUE) {
                    o.writeLong(-numMant);
                    return;
                }
            }
            asText(i);
            return;
        }
        if (numMant == 0) {
            o.writeDouble(numNeg ? -0.0 : 0.0);
            return;
        }
        int e10 = numScale + (numExpNeg ? -numExp : numExp);
        if (!numOverflow && numSig <= 15 && e10 >= -22 && e10 <= 22) {
            // both exact in float64, so one operation rounds correctly (Clinger's fast path)
            double v = e10 >= 0 ? numMant * POW10[e10] : numMant / POW10[-e10];
            o.writeDouble(numNeg ? -v : v);
            return;
        }
        double v = Double.parseDouble(numberText(i));
        if (Double.isInfinite(v) || v == 0.0) {
            asText(i);
        } else {
            o.writeDouble(v);
        }
    }

    private String numberText(int i) {
        if (numSpans) {
            return new String(numText.array(), 0, numText.size(), StandardCharsets.ISO_8859_1)
                    + new String(data, numStart, i - numStart, StandardCharsets.ISO_8859_1);
        }
        return new String(data, numStart, i - numStart, StandardCharsets.ISO_8859_1);
    }

    /** Writes the number ending before {@code i} as a string of its text. */
    private void asText(int i) {
        byte[] text;
        int off;
        int len;
        if (numSpans) {
            numText.write(data, numStart, i - numStart);
            numSpans = false;
            text = numText.array();
            off = 0;
            len = numText.size();
        } else {
            text = data;
            off = numStart;
            len = i - numStart;
        }
        out.writeString(text, off, len);
        problems.numberAsText(text, off, len);
    }

    private int startLiteral(int i, byte[] which) {
        if (writing()) {
            record.value();
        }
        literal = which;
        litIdx = 1;
        state = LITERAL;
        return literal(i + 1);
    }

    private int literal(int i) {
        byte[] d = data;
        int end = windowEnd;
        byte[] lit = literal;
        while (litIdx < lit.length) {
            if (i == end) {
                return i;
            }
            if (d[i] != lit[litIdx]) {
                return fail(i, "invalid literal (expected true, false or null)", true);
            }
            i++;
            litIdx++;
        }
        if (writing()) {
            if (lit == NULL) {
                out.writeNil();
            } else {
                out.writeBoolean(lit == TRUE);
            }
        }
        return scalarDone(lit == NULL ? "null" : "boolean", i);
    }

    // ---------------------------------------------------------------------------------------- invalid input

    /**
     * Invalid JSON at {@code i}: reports it (once per stretch; not at all inside a record already dropped as
     * oversize), drops the open record and returns where to go on. Inside a record, decoding resumes at its end, at
     * a {@code {} that begins a line, or, when {@code resumeAtBrace}, at {@code i} itself if that is a {@code {};
     * outside one, at the next {@code {}.
     */
    private int fail(int i, String reason, boolean resumeAtBrace) {
        boolean inRecord = recordBase >= 0;
        if (!badStretch && !(inRecord && discarding)) {
            long shownFrom = inRecord ? record.start() - base : i - 16;
            int preview = (int) Math.max(feedOff, Math.min(i, shownFrom));
            problems.invalidJson(reason, data, preview, feedEnd - preview);
        }
        badStretch = true;
        strMark = -1;
        esc = 0;
        pendingHigh = 0;
        utfNeed = 0;
        if (inRecord) {
            if (!discarding) {
                record.abandon(out);
            }
            recoverDepth = depth - recordBase;
            recoverInArray = recordBase == 1;
            recoverMultiline = recordMultiline
                    || hasLineFeed(data, (int) Math.max(feedOff, record.start() - base), i);
            recoverStart = record.start();
            recordBase = -1;
            discarding = false;
        }
        depth = 0;
        skipBase = -1;
        if (!inRecord) {
            state = SKIP;
        } else if (resumeAtBrace && data[i] == '{') {
            state = VALUE;
        } else {
            state = RECOVER;
            recoverInString = false;
            recoverEscape = false;
            recoverLineStart = false;
        }
        return i;
    }

    /**
     * Inside a broken record: counts brackets outside strings to find its end, after which decoding goes on in the
     * top-level array it was an element of, or else skips to the next object start. A record that was on one line
     * ends with that line; one that spans lines (pretty-printed) ends at a line starting with '{' too.
     */
    private int recover(int i) {
        byte[] d = data;
        int end = windowEnd;
        while (i < end) {
            byte b = d[i];
            if (b == '\n') {
                if (!recoverMultiline) {
                    // a record on one line ends with it: the next line is new input
                    badStretch = false;
                    state = VALUE;
                    return i + 1;
                }
                recoverInString = false;
                recoverEscape = false;
                recoverLineStart = true;
                i++;
                continue;
            }
            if (recoverLineStart) {
                recoverLineStart = false;
                if (b == '{') {
                    state = VALUE;
                    return i;
                }
            }
            if (recoverInString) {
                if (recoverEscape) {
                    recoverEscape = false;
                } else if (b == '\\') {
                    recoverEscape = true;
                } else if (b == '"') {
                    recoverInString = false;
                }
            } else if (b == '"') {
                recoverInString = true;
            } else if (b == '{' || b == '[') {
                recoverDepth++;
            } else if ((b == '}' || b == ']') && --recoverDepth == 0) {
                if (recoverInArray) {
                    // back in the top-level array the broken record was an element of
                    push(ARRAY);
                    state = AFTER_VALUE;
                } else {
                    state = SKIP;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static boolean hasLineFeed(byte[] d, int from, int to) {
        for (int k = from; k < to; k++) {
            if (d[k] == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * Outside records after invalid JSON: skips to the next '{', or past the next line feed, which also ends the
     * stretch (a new line is new input: garbage there is reported on its own).
     */
    private int skip(int i) {
        byte[] d = data;
        int end = windowEnd;
        while (i < end) {
            byte b = d[i];
            if (b == '{') {
                state = VALUE;
                return i;
            }
            i++;
            if (b == '\n') {
                badStretch = false;
                state = VALUE;
                return i;
            }
        }
        return i;
    }
}
