package io.sluice.support.accessor;

import java.nio.charset.StandardCharsets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Searches UTF-8 values for one compiled {@link Regexes} pattern, the way grep, modify and rewrite_tag test values.
 * A pattern that is plain text, optionally anchored ({@code error}, {@code ^GET }, {@code done$}), is searched for
 * as bytes, without decoding the value (valid UTF-8 makes the byte and the character search agree; {@code ^} and
 * {@code $} match at line boundaries as the regex would); any other pattern runs on the value decoded into a reused
 * buffer. Either way a search creates no objects. One per filter instance; not thread-safe.
 */
public final class ValueMatcher {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final String META = "\\^$.|?*+()[]{}";

    private final Pattern pattern;
    private final Matcher matcher;
    private final Utf8Chars chars = new Utf8Chars();
    /** The text a plain pattern stands for, or null. */
    private final byte[] literal;
    private final boolean anchorStart;
    private final boolean anchorEnd;
    private long overflows;

    /** A matcher for {@code pattern} (as {@link Regexes#compile} made it). */
    public ValueMatcher(Pattern pattern) {
        this.pattern = pattern;
        this.matcher = pattern.matcher("");
        String text = pattern.pattern();
        boolean start = text.startsWith("^");
        boolean end = text.endsWith("$") && !text.endsWith("\\$");
        String body = text.substring(start ? 1 : 0, text.length() - (end && text.length() > (start ? 1 : 0)
                ? 1 : 0));
        String plain = plainText(body);
        int flags = pattern.flags() & ~(Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.DOTALL);
        if (plain != null && !plain.isEmpty() && flags == 0 && plain.indexOf('\uFFFD') < 0) {
            literal = plain.getBytes(StandardCharsets.UTF_8);
            boolean multiline = (pattern.flags() & Pattern.MULTILINE) != 0;
            // without MULTILINE, ^ and $ would mean the whole value: not handled here
            if ((start || end) && !multiline) {
                throw new IllegalStateException("unreachable: Regexes always sets MULTILINE");
            }
            anchorStart = start;
            anchorEnd = end;
        } else {
            literal = null;
            anchorStart = false;
            anchorEnd = false;
        }
    }

    /** {@code body} unescaped when it has no regex operator, else null. */
    private static String plainText(String body) {
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 >= body.length()) {
                    return null;
                }
                char e = body.charAt(++i);
                if (Character.isLetterOrDigit(e) || e > 127) {
                    return null;
                }
                sb.append(e);
            } else if (META.indexOf(c) >= 0 || c == '#' || Character.isWhitespace(c) && c != ' ') {
                return null;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The pattern. */
    public Pattern pattern() {
        return pattern;
    }

    /** Whether the pattern is searched for as plain bytes. */
    public boolean isPlainText() {
        return literal != null;
    }

    /**
     * Whether the pattern finds a match in the UTF-8 text {@code data[offset, offset+len)}. A search that overflows
     * the stack (java.util.regex recurses on some patterns over long values) counts as no match and is counted in
     * {@link #overflows()}.
     */
    public boolean find(byte[] data, int offset, int len) {
        if (literal != null) {
            return findLiteral(data, offset, offset + len);
        }
        try {
            return matcher.reset(chars.set(data, offset, len)).find();
        } catch (StackOverflowError e) {
            overflows++;
            return false;
        }
    }

    /** Whether the pattern finds a match in {@code text}; an overflow counts as no match, as above. */
    public boolean find(CharSequence text) {
        try {
            return matcher.reset(text).find();
        } catch (StackOverflowError e) {
            overflows++;
            return false;
        }
    }

    /**
     * Drops the text searched last, which may be a view of the caller's bytes (so those can be collected); a
     * {@link #match} result is no longer valid after it.
     */
    public void forgetText() {
        chars.clear();
    }

    /** How many searches overflowed the stack and were taken as no match. */
    public long overflows() {
        return overflows;
    }

    /**
     * Runs the regex itself on the UTF-8 text and returns its matcher, positioned on the first match, for callers
     * that need the captures; null when there is no match (or the search overflowed the stack).
     */
    public Matcher match(byte[] data, int offset, int len) {
        Matcher m = matcher.reset(chars.set(data, offset, len));
        try {
            return m.find() ? m : null;
        } catch (StackOverflowError e) {
            overflows++;
            return null;
        }
    }

    private boolean findLiteral(byte[] d, int from, int end) {
        byte[] lit = literal;
        int n = lit.length;
        int last = end - n;
        if (last < from) {
            return false;
        }
        if (anchorStart) {
            for (int i = from; i <= last; i++) {
                if ((i == from || d[i - 1] == '\n') && regionMatches(d, i, lit)
                        && (!anchorEnd || i + n == end || d[i + n] == '\n')) {
                    return true;
                }
                // next line start
                while (i <= last && d[i] != '\n') {
                    i++;
                }
                if (i > last) {
                    return false;
                }
                // loop's i++ moves past the newline; the check above tests d[i - 1] == '\n'
            }
            return false;
        }
        byte first = lit[0];
        long pattern = (first & 0xffL) * 0x0101010101010101L;
        int i = from;
        while (i <= last) {
            if (i + 8 <= end) {
                // eight bytes at a time: find a byte equal to the literal's first
                long x = (long) LONGS.get(d, i) ^ pattern;
                long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
                if (found == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(found) >>> 3;
                if (i > last) {
                    return false;
                }
            } else if (d[i] != first) {
                i++;
                continue;
            }
            if (regionMatches(d, i, lit) && (!anchorEnd || i + n == end || d[i + n] == '\n')) {
                return true;
            }
            i++;
        }
        return false;
    }

    private static boolean regionMatches(byte[] d, int at, byte[] lit) {
        return RecordAccessor.equal(d, at, lit);
    }
}
