package io.sluice.support.accessor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;

/**
 * A tag template as rewrite_tag's NEW_TAG: literal text mixed with {@code $TAG} (the whole tag), {@code $TAG[n]}
 * (its n-th {@code .}-separated part from 0; {@code $TAG[-1]} the last), {@code $0}…{@code $9} (regex captures, one
 * digit each: {@code $10} is capture 1 then {@code 0}) and record accessors {@code $key['sub']}, where a {@code .},
 * {@code ,}, blank or {@code "} outside quotes ends the accessor. Values render as {@link ValueText} describes; a
 * missing key, an array or a missing capture renders as nothing. Immutable and thread-safe.
 */
public final class TagTemplate {

    private static final int LITERAL = 0;
    private static final int TAG = 1;
    private static final int TAG_PART = 2;
    private static final int CAPTURE = 3;
    private static final int KEY = 4;

    private final String text;
    private final int[] kinds;
    private final String[] literals;
    private final int[] numbers;
    private final RecordAccessor[] accessors;

    private TagTemplate(String text, List<Object[]> parts) {
        this.text = text;
        int n = parts.size();
        kinds = new int[n];
        literals = new String[n];
        numbers = new int[n];
        accessors = new RecordAccessor[n];
        for (int i = 0; i < n; i++) {
            Object[] p = parts.get(i);
            kinds[i] = (Integer) p[0];
            switch (kinds[i]) {
                case LITERAL -> literals[i] = (String) p[1];
                case TAG_PART, CAPTURE -> numbers[i] = (Integer) p[1];
                case KEY -> accessors[i] = (RecordAccessor) p[1];
                default -> {
                }
            }
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws AccessorSyntaxException when a {@code $} starts something that is not a capture, a tag reference or a
     *                                 record accessor
     */
    public static TagTemplate parse(String text) {
        List<Object[]> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int len = text.length();
        while (i < len) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= len) {
                literal.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next >= '0' && next <= '9') {
                flush(parts, literal);
                parts.add(new Object[] {CAPTURE, next - '0'});
                i += 2;
                continue;
            }
            if (text.startsWith("TAG", i + 1)) {
                flush(parts, literal);
                int after = i + 4;
                if (after < len && text.charAt(after) == '[') {
                    int close = text.indexOf(']', after);
                    if (close < 0) {
                        throw new AccessorSyntaxException("invalid tag template '" + text + "': unclosed $TAG[ at "
                                + "position " + i);
                    }
                    String number = text.substring(after + 1, close).trim();
                    if (!number.matches("-?\\d{1,9}")) {
                        throw new AccessorSyntaxException("invalid tag template '" + text + "': $TAG[" + number
                                + "] needs a part number such as $TAG[0], $TAG[1] or $TAG[-1]");
                    }
                    parts.add(new Object[] {TAG_PART, Integer.parseInt(number)});
                    i = close + 1;
                } else {
                    parts.add(new Object[] {TAG});
                    i = after;
                }
                continue;
            }
            if (next == '{') {
                throw new AccessorSyntaxException("invalid tag template '" + text + "': ${…} at position " + i
                        + " is an environment variable that was not defined when the configuration was read");
            }
            int stop = keyEnd(text, i + 1);
            flush(parts, literal);
            int[] end = new int[1];
            RecordAccessor accessor;
            try {
                accessor = RecordAccessor.parseTemplateKey(text, i, stop, end);
            } catch (AccessorSyntaxException e) {
                throw new AccessorSyntaxException("invalid tag template '" + text + "': " + e.getMessage());
            }
            parts.add(new Object[] {KEY, accessor});
            i = end[0];
        }
        flush(parts, literal);
        return new TagTemplate(text, parts);
    }

    /** Where a template key starting after the '$' at {@code from - 1} ends: '.', ',', blank or '"' outside quotes. */
    private static int keyEnd(String text, int from) {
        boolean quoted = false;
        int j = from;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '.' || c == ' ' || c == ',' || c == '"')) {
                break;
            }
            j++;
        }
        return j;
    }

    private static void flush(List<Object[]> parts, StringBuilder literal) {
        if (literal.length() > 0) {
            parts.add(new Object[] {LITERAL, literal.toString()});
            literal.setLength(0);
        }
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** Whether the template reads the record (has a {@code $key}). */
    public boolean readsRecord() {
        for (int kind : kinds) {
            if (kind == KEY) {
                return true;
            }
        }
        return false;
    }

    /**
     * Appends the rendered template to {@code out}.
     *
     * @param tag      the record's tag
     * @param captures the regex match whose groups {@code $0}…{@code $9} read, or null
     * @param r        a reader over the record's bytes
     * @param mapPos   where the record's body map starts
     * @return how many {@code $key} values were arrays (rendered as nothing; Fluent Bit logs them)
     * @throws MalformedMsgpackException when the record's bytes are not valid msgpack
     */
    public int render(StringBuilder out, String tag, MatchResult captures, MsgpackReader r, int mapPos) {
        int arrays = 0;
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case LITERAL -> out.append(literals[i]);
                case TAG -> out.append(tag);
                case TAG_PART -> appendTagPart(out, tag, numbers[i]);
                case CAPTURE -> {
                    int g = numbers[i];
                    if (captures != null && g <= captures.groupCount() && captures.start(g) >= 0) {
                        out.append(captures.group(g));
                    }
                }
                case KEY -> {
                    int at = accessors[i].find(r, mapPos);
                    if (at >= 0) {
                        r.position(at);
                        if (!ValueText.appendTemplateText(out, r)) {
                            arrays++;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return arrays;
    }

    /** The n-th {@code .}-separated part of {@code tag}, from 0 (negative: from the end, -1 the last). */
    static void appendTagPart(StringBuilder out, String tag, int n) {
        int parts = 1;
        for (int i = 0; i < tag.length(); i++) {
            if (tag.charAt(i) == '.') {
                parts++;
            }
        }
        int index = n < 0 ? parts + n : n;
        if (index < 0 || index >= parts) {
            return;
        }
        int start = 0;
        for (int p = 0; p < index; p++) {
            start = tag.indexOf('.', start) + 1;
        }
        int end = tag.indexOf('.', start);
        out.append(tag, start, end < 0 ? tag.length() : end);
    }

    @Override
    public String toString() {
        return text;
    }
}
