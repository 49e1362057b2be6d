package io.sluice.support.accessor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path into a record: a root key, then map keys ({@code ['sub']}) and array indexes ({@code [0]}), as Fluent Bit's
 * record accessor {@code $kubernetes['labels']['app']}. Immutable and thread-safe; lookups read msgpack bytes with a
 * caller's {@link MsgpackReader} and create no objects.
 *
 * <p>Grammar: {@code $} + root, then any number of {@code ['string']} or {@code [N]} steps. Inside quotes any
 * character may appear, {@code ''} stands for one quote. In a <em>pure</em> accessor ({@link #parse}) the root name
 * runs to the first {@code [} or the end of the text, dots included ({@code $k2.foo} is the key {@code k2.foo});
 * it must start with a letter or {@code _} and continue with letters, digits, {@code _ - / .}. A bracketed root
 * {@code $['@timestamp']} addresses any key. Keys compare exactly; when a map holds a key twice the last one wins;
 * a missing key, an index out of range or a step into a value that is not a map or an array means "not found".
 */
public final class RecordAccessor {

    private final String text;
    /** Per step: the key's UTF-8 bytes, or null for an index step. */
    private final byte[][] keys;
    private final int[] indexes;

    private RecordAccessor(String text, List<Object> steps) {
        this.text = text;
        this.keys = new byte[steps.size()][];
        this.indexes = new int[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            if (step instanceof String s) {
                keys[i] = s.getBytes(StandardCharsets.UTF_8);
            } else {
                indexes[i] = (Integer) step;
            }
        }
    }

    /**
     * Parses a pure accessor such as {@code $log}, {@code $k8s['labels'][0]} or {@code $['key.with.dots']}.
     *
     * @throws AccessorSyntaxException when {@code text} does not follow the grammar
     */
    public static RecordAccessor parse(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != '$') {
            throw new AccessorSyntaxException("record accessor '" + text + "' must start with $, e.g. $log or "
                    + "$kubernetes['labels']['app']");
        }
        Parser p = new Parser(text, 1, false);
        List<Object> steps = p.parse();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' at position " + p.pos);
        }
        return new RecordAccessor(text, steps);
    }

    /** The top-level key named exactly {@code key} (any characters): modify's conditions without {@code $}. */
    public static RecordAccessor literalKey(String key) {
        return new RecordAccessor(key, List.of(key));
    }

    /**
     * Parses the accessor starting at {@code text[start]} (a {@code $}) in a tag template, where a dot ends the root
     * name; returns the accessor and sets {@code end[0]} to where it stopped.
     */
    static RecordAccessor parseTemplateKey(String text, int start, int stop, int[] end) {
        Parser p = new Parser(text.substring(0, stop), start + 1, true);
        List<Object> steps = p.parse();
        if (p.pos != stop) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' at position " + p.pos);
        }
        end[0] = p.pos;
        return new RecordAccessor(text.substring(start, stop), steps);
    }

    /** The accessor as written. */
    public String text() {
        return text;
    }

    /** How many steps, the root included. */
    public int depth() {
        return keys.length;
    }

    /** Whether this is a root key alone, without subkeys. */
    public boolean isTopLevel() {
        return keys.length == 1;
    }

    /** The root key as UTF-8 bytes (a copy). */
    public byte[] rootKey() {
        return keys[0].clone();
    }

    /**
     * Finds the value this accessor addresses in the map at {@code mapPos} of {@code r}'s bytes: returns the value's
     * position, or -1 when it is not there (or {@code mapPos} is not a map). A {@linkplain #isTopLevel() top-level}
     * accessor reads the whole map (the last duplicate wins) and leaves the reader at the map's end; when
     * {@code mapPos} is not a map the reader stays there.
     *
     * @throws MalformedMsgpackException when the bytes are not valid msgpack
     */
    public int find(MsgpackReader r, int mapPos) {
        byte[] data = r.data();
        int at = mapPos;
        for (int s = 0; s < keys.length; s++) {
            r.position(at);
            byte[] key = keys[s];
            if (key != null) {
                if (r.kind() != MsgpackReader.MAP) {
                    return -1;
                }
                int n = r.readMapHeader();
                int found = -1;
                int klen = key.length;
                for (int i = 0; i < n; i++) {
                    int kind = r.kind();
                    if (kind == MsgpackReader.STR || kind == MsgpackReader.BIN) {
                        int len = r.readBytesHeader();
                        int p = r.position();
                        r.skip(len);
                        if (len == klen && equal(data, p, key)) {
                            found = p + len;
                        }
                    } else {
                        r.skipValue();
                    }
                    r.skipValue();
                }
                if (found < 0) {
                    return -1;
                }
                at = found;
            } else {
                if (r.kind() != MsgpackReader.ARRAY) {
                    return -1;
                }
                int n = r.readArrayHeader();
                int idx = indexes[s];
                if (idx >= n) {
                    return -1;
                }
                for (int i = 0; i < idx; i++) {
                    r.skipValue();
                }
                at = r.position();
            }
        }
        return at;
    }

    /**
     * Whether {@code a[at, at + b.length)} equals {@code b}: a plain loop for short keys, the intrinsic beyond. The
     * caller has checked the bounds. Public for plugins that compare keys in place, as the accessor does.
     */
    public static boolean equal(byte[] a, int at, byte[] b) {
        int n = b.length;
        if (n > 16) {
            return Arrays.equals(a, at, at + n, b, 0, n);
        }
        for (int i = 0; i < n; i++) {
            if (a[at + i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The recursive-descent parser shared by pure accessors and template keys. */
    private static final class Parser {
        private final String s;
        private final boolean template;
        int pos;

        Parser(String s, int pos, boolean template) {
            this.s = s;
            this.pos = pos;
            this.template = template;
        }

        AccessorSyntaxException error(String what) {
            return new AccessorSyntaxException("invalid record accessor '" + s + "': " + what);
        }

        List<Object> parse() {
            List<Object> steps = new ArrayList<>();
            if (pos >= s.length()) {
                throw error("a key name must follow $");
            }
            char first = s.charAt(pos);
            if (first == '[') {
                int before = pos;
                Object root = step();
                if (!(root instanceof String)) {
                    pos = before;
                    throw error("a bracketed root must be a quoted key such as $['key.with.dots']");
                }
                steps.add(root);
            } else {
                steps.add(rootName());
            }
            while (pos < s.length() && s.charAt(pos) == '[') {
                steps.add(step());
            }
            return steps;
        }

        private String rootName() {
            char first = s.charAt(pos);
            if (!(first == '_' || (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
                if (first >= '0' && first <= '9') {
                    throw error("a key name cannot start with a digit ($1 … $9 are regex captures, used in tag "
                            + "templates only); write $['" + s.substring(pos) + "'] for such a key");
                }
                throw error("a key name must start with a letter or _; write $['" + s.substring(pos)
                        + "'] for a key with other characters");
            }
            int start = pos;
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                        || c == '-' || c == '/' || (c == '.' && !template)) {
                    pos++;
                } else if (c == '[') {
                    break;
                } else {
                    if (template) {
                        break;
                    }
                    throw error("'" + c + "' cannot appear in a key name; write $['" + s.substring(start)
                            + "'] for such a key");
                }
            }
            return s.substring(start, pos);
        }

        /** One {@code ['key']} or {@code [N]} step; pos is at the '['. */
        private Object step() {
            int open = pos;
            pos++;
            if (pos >= s.length()) {
                throw error("unclosed [ at position " + open);
            }
            char c = s.charAt(pos);
            if (c == '\'') {
                StringBuilder key = new StringBuilder();
                pos++;
                while (true) {
                    if (pos >= s.length()) {
                        throw error("unclosed quote after [ at position " + open);
                    }
                    char k = s.charAt(pos);
                    if (k == '\'') {
                        if (pos + 1 < s.length() && s.charAt(pos + 1) == '\'') {
                            key.append('\'');
                            pos += 2;
                            continue;
                        }
                        pos++;
                        break;
                    }
                    key.append(k);
                    pos++;
                }
                if (pos >= s.length() || s.charAt(pos) != ']') {
                    throw error("expected ] after the quoted key at position " + pos);
                }
                pos++;
                return key.toString();
            }
            if (c >= '0' && c <= '9') {
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (pos >= s.length() || s.charAt(pos) != ']') {
                    throw error("expected ] after the index at position " + pos);
                }
                String digits = s.substring(start, pos);
                pos++;
                try {
                    return Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    throw error("index " + digits + " is too large");
                }
            }
            throw error("expected 'key' or a number after [ at position " + open);
        }
    }
}
