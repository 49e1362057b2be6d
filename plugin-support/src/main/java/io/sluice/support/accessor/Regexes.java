package io.sluice.support.accessor;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Fluent Bit's regular expressions (Onigmo, Ruby syntax) compiled as java.util.regex patterns. {@code /re/flags}
 * with flags from {@code i}, {@code m}, {@code x}, {@code o} loses its slashes and takes the flags ({@code i} →
 * case-insensitive with Unicode case, {@code m} → dot matches newline, {@code x} → extended, {@code o} ignored);
 * {@code ^} and {@code $} always match at line boundaries, and only {@code \n} ends a line, as in Ruby.
 *
 * <p>The Onigmo constructs that mean something else in Java are translated: {@code \h}/{@code \H} (hex digit),
 * POSIX brackets {@code [[:alpha:]]} (Unicode-aware, as Onigmo's), {@code \p{^X}}, {@code \v} (vertical tab),
 * {@code \0} (NUL), unknown letter escapes (the letter itself), a {@code {} that starts no quantifier (a literal),
 * {@code {,n}}, inline {@code (?m)} (dot matches newline), {@code (?#comments)} and group names Java does not
 * accept ({@code (?<log_level>…)}). Constructs Java lacks ({@code \K}, {@code \g<…>}, {@code (?~…)}, Ruby's
 * {@code \M-}/{@code \C-} escapes) are refused with a message.
 */
public final class Regexes {

    private static final Map<String, String> POSIX = new HashMap<>();

    static {
        // Onigmo's Unicode definitions of the POSIX brackets, as Java class items (usable inside [...])
        String graph = "[^\\p{Zs}\\p{Zl}\\p{Zp}\\t\\n\\x0B\\f\\r\\x85\\p{Cc}\\p{Cn}\\p{Cs}]";
        POSIX.put("alnum", "\\p{L}\\p{M}\\p{Nd}");
        POSIX.put("alpha", "\\p{L}\\p{M}");
        POSIX.put("ascii", "\\x00-\\x7F");
        POSIX.put("blank", "\\p{Zs}\\t");
        POSIX.put("cntrl", "\\p{Cc}\\p{Cf}\\p{Cn}\\p{Co}\\p{Cs}");
        POSIX.put("digit", "\\p{Nd}");
        POSIX.put("graph", graph);
        POSIX.put("lower", "\\p{Ll}");
        POSIX.put("print", graph + "\\p{Zs}");
        POSIX.put("punct", "\\p{P}");
        POSIX.put("space", "\\p{Zs}\\p{Zl}\\p{Zp}\\t\\n\\x0B\\f\\r\\x85");
        POSIX.put("upper", "\\p{Lu}");
        POSIX.put("xdigit", "0-9A-Fa-f");
        POSIX.put("word", "\\p{L}\\p{M}\\p{Nd}\\p{Pc}");
    }

    /** Escapes Java understands the same way as Onigmo, passed on as they are. */
    private static final String SAME_ESCAPES = "tnrfaedDsSwWbBAGZzRX";

    private Regexes() {
    }

    /**
     * Compiles {@code text} as Fluent Bit would ({@code /re/flags} understood), searching with {@code find()}.
     *
     * @throws IllegalArgumentException naming the pattern and the reason when it cannot be used
     */
    public static Pattern compile(String text) {
        String pattern = text;
        int flags = Pattern.MULTILINE | Pattern.UNIX_LINES;
        int last = text.lastIndexOf('/');
        if (text.length() >= 2 && text.charAt(0) == '/' && last > 0) {
            String f = text.substring(last + 1);
            if (f.chars().allMatch(c -> "imxo".indexOf(c) >= 0)) {
                pattern = text.substring(1, last);
                if (f.indexOf('i') >= 0) {
                    flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                }
                if (f.indexOf('m') >= 0) {
                    flags |= Pattern.DOTALL;
                }
                if (f.indexOf('x') >= 0) {
                    flags |= Pattern.COMMENTS;
                }
            }
        }
        String java;
        try {
            java = translate(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid regular expression '" + text + "': " + e.getMessage());
        }
        try {
            return Pattern.compile(java, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + text + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")
                    + (java.equals(pattern) ? "" : " (as translated to Java: " + java + ")"));
        }
    }

    /**
     * The Java form of Onigmo pattern {@code onig} (without {@code /…/flags}).
     *
     * @throws IllegalArgumentException for a construct Java cannot express
     */
    public static String translate(String onig) {
        return new Translator(onig).run();
    }

    private static final class Translator {
        private final String s;
        private final StringBuilder out;
        private final Map<String, String> names = new HashMap<>();
        private int pos;
        private int classDepth;
        private int renamed;

        Translator(String s) {
            this.s = s;
            this.out = new StringBuilder(s.length() + 16);
        }

        String run() {
            collectNames();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (classDepth > 0) {
                    inClass(c);
                } else {
                    outside(c);
                }
            }
            return out.toString();
        }

        /** Group names Java refuses ({@code [a-zA-Z][a-zA-Z0-9]*} only) get a valid unique name. */
        private void collectNames() {
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '(' && s.startsWith("(?", i) && i + 3 < s.length()) {
                    char open = s.charAt(i + 2);
                    char next = s.charAt(i + 3);
                    if ((open == '<' && next != '=' && next != '!') || open == '\'') {
                        char close = open == '<' ? '>' : '\'';
                        int end = s.indexOf(close, i + 3);
                        if (end > 0) {
                            String name = s.substring(i + 3, end);
                            if (!name.matches("[a-zA-Z][a-zA-Z0-9]*") && !names.containsKey(name)) {
                                String base = name.replaceAll("[^a-zA-Z0-9]", "");
                                if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
                                    base = "g" + base;
                                }
                                names.put(name, base + "x" + (++renamed));
                            }
                        }
                    }
                }
                i++;
            }
        }

        private String javaName(String name) {
            return names.getOrDefault(name, name);
        }

        private IllegalArgumentException refuse(String what) {
            return new IllegalArgumentException(what + " (at position " + pos + ") is not supported by Java "
                    + "regular expressions");
        }

        private void outside(char c) {
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> openClass();
                case '(' -> group();
                case '{' -> brace();
                default -> {
                    out.append(c);
                    pos++;
                }
            }
        }

        private void openClass() {
            classDepth++;
            out.append('[');
            pos++;
            if (pos < s.length() && s.charAt(pos) == '^') {
                out.append('^');
                pos++;
            }
            // a ']' first in a class is a literal in Onigmo
            if (pos < s.length() && s.charAt(pos) == ']') {
                out.append("\\]");
                pos++;
            }
        }

        private void inClass(char c) {
            if (c == '\\') {
                escape(true);
            } else if (c == '[') {
                if (s.startsWith("[:", pos)) {
                    int end = s.indexOf(":]", pos + 2);
                    if (end > 0) {
                        String name = s.substring(pos + 2, end);
                        boolean negated = name.startsWith("^");
                        String key = (negated ? name.substring(1) : name).toLowerCase(Locale.ROOT);
                        String items = POSIX.get(key);
                        if (items != null && key.equals(negated ? name.substring(1) : name)) {
                            out.append(negated ? "[^" + items + "]" : items);
                            pos = end + 2;
                            return;
                        }
                    }
                    // not a POSIX bracket: a nested class, in Onigmo as in Java
                }
                openClass();
            } else if (c == ']') {
                classDepth--;
                out.append(']');
                pos++;
            } else {
                out.append(c);
                pos++;
            }
        }

        private void escape(boolean inClass) {
            if (pos + 1 >= s.length()) {
                throw new IllegalArgumentException("a trailing backslash ends the pattern");
            }
            char e = s.charAt(pos + 1);
            switch (e) {
                case 'h' -> {
                    out.append(inClass ? "0-9a-fA-F" : "[0-9a-fA-F]");
                    pos += 2;
                }
                case 'H' -> {
                    out.append("[^0-9a-fA-F]");
                    pos += 2;
                }
                case 'v' -> {
                    out.append("\\x0B");
                    pos += 2;
                }
                case 'K' -> throw refuse("\\K (keep)");
                case 'g' -> throw refuse("the subexpression call \\g");
                case 'M', 'C' -> {
                    if (pos + 2 < s.length() && s.charAt(pos + 2) == '-') {
                        throw refuse("the Ruby escape \\" + e + "-");
                    }
                    out.append(e);
                    pos += 2;
                }
                case 'k' -> backReference();
                case 'p', 'P' -> property(e, inClass);
                case '0' -> {
                    int end = pos + 2;
                    while (end < s.length() && end < pos + 4 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    int value = end == pos + 2 ? 0 : Integer.parseInt(s.substring(pos + 2, end), 8);
                    out.append(String.format("\\x{%x}", value));
                    pos = end;
                }
                case 'x' -> {
                    // \xHH or \x{H…}: same in Java, but Java needs two digits after \x
                    if (pos + 2 < s.length() && s.charAt(pos + 2) == '{') {
                        out.append("\\x");
                        pos += 2;
                    } else {
                        int end = pos + 2;
                        while (end < s.length() && end < pos + 4 && Character.digit(s.charAt(end), 16) >= 0) {
                            end++;
                        }
                        if (end == pos + 2) {
                            throw new IllegalArgumentException("\\x without hex digits at position " + pos);
                        }
                        out.append("\\x{").append(s, pos + 2, end).append('}');
                        pos = end;
                    }
                }
                case 'u', 'c' -> {
                    out.append('\\').append(e);
                    pos += 2;
                }
                default -> {
                    if (e == 'b' && inClass) {
                        // [\b] is a backspace in Onigmo, an error in Java
                        out.append("\\x08");
                    } else if (Character.isLetter(e) && e < 128) {
                        if (SAME_ESCAPES.indexOf(e) >= 0) {
                            out.append('\\').append(e);
                        } else {
                            // Onigmo reads an unknown letter escape as the letter
                            out.append(e);
                        }
                    } else {
                        out.append('\\').append(e);
                    }
                    pos += 2;
                }
            }
        }

        /** {@code \k<name>}, {@code \k'name'} or {@code \k<N>}. */
        private void backReference() {
            if (pos + 2 >= s.length()) {
                throw new IllegalArgumentException("\\k without a group name at position " + pos);
            }
            char open = s.charAt(pos + 2);
            char close = open == '<' ? '>' : open == '\'' ? '\'' : 0;
            int end = close == 0 ? -1 : s.indexOf(close, pos + 3);
            if (end < 0) {
                throw new IllegalArgumentException("\\k without a group name at position " + pos);
            }
            String name = s.substring(pos + 3, end);
            if (name.matches("\\d+")) {
                out.append("(?:\\").append(name).append(')');
            } else if (name.matches("-\\d+|.*[+-]\\d+")) {
                throw refuse("the relative back reference \\k<" + name + ">");
            } else {
                out.append("\\k<").append(javaName(name)).append('>');
            }
            pos = end + 1;
        }

        /** {@code \p{Name}}, {@code \p{^Name}}, {@code \P{Name}}. */
        private void property(char e, boolean inClass) {
            if (pos + 2 >= s.length() || s.charAt(pos + 2) != '{') {
                out.append('\\').append(e);
                pos += 2;
                return;
            }
            int end = s.indexOf('}', pos + 3);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed \\" + e + "{ at position " + pos);
            }
            String name = s.substring(pos + 3, end);
            boolean negated = e == 'P';
            if (name.startsWith("^")) {
                negated = !negated;
                name = name.substring(1);
            }
            String posix = POSIX.get(name.toLowerCase(Locale.ROOT));
            if (posix != null) {
                String items = negated ? "[^" + posix + "]" : posix;
                out.append(inClass || negated ? items : "[" + items + "]");
            } else {
                String javaName = name;
                if (name.length() > 2 && !name.startsWith("Is") && !name.startsWith("In") && !name.contains("=")) {
                    try {
                        Character.UnicodeScript.forName(name);
                        javaName = "Is" + name;
                    } catch (IllegalArgumentException notAScript) {
                        javaName = name;
                    }
                }
                out.append('\\').append(negated ? 'P' : 'p').append('{').append(javaName).append('}');
            }
            pos = end + 1;
        }

        private void group() {
            if (!s.startsWith("(?", pos)) {
                out.append('(');
                pos++;
                return;
            }
            if (s.startsWith("(?#", pos)) {
                int end = s.indexOf(')', pos);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed (?# comment at position " + pos);
                }
                pos = end + 1;
                return;
            }
            if (s.startsWith("(?~", pos)) {
                throw refuse("the absence operator (?~…)");
            }
            if (pos + 2 < s.length()) {
                char open = s.charAt(pos + 2);
                if (open == '<' && pos + 3 < s.length() && s.charAt(pos + 3) != '=' && s.charAt(pos + 3) != '!'
                        || open == '\'') {
                    char close = open == '<' ? '>' : '\'';
                    int end = s.indexOf(close, pos + 3);
                    if (end > 0) {
                        out.append("(?<").append(javaName(s.substring(pos + 3, end))).append('>');
                        pos = end + 1;
                        return;
                    }
                }
                // inline options (?imx-imx) or (?imx-imx:…): Ruby's m is Java's s
                int i = pos + 2;
                while (i < s.length() && "imx-".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                if (i > pos + 2 && i < s.length() && (s.charAt(i) == ')' || s.charAt(i) == ':')) {
                    out.append("(?").append(s.substring(pos + 2, i).replace('m', 's'));
                    pos = i;
                    return;
                }
            }
            out.append("(?");
            pos += 2;
        }

        /** A '{' is a quantifier only as {n}, {n,}, {,m} or {n,m}; otherwise Onigmo reads it literally. */
        private void brace() {
            int end = s.indexOf('}', pos);
            if (end > 0) {
                String body = s.substring(pos + 1, end);
                if (body.matches("\\d+(,\\d*)?")) {
                    out.append('{').append(body).append('}');
                    pos = end + 1;
                    return;
                }
                if (body.matches(",\\d+")) {
                    out.append("{0").append(body).append('}');
                    pos = end + 1;
                    return;
                }
            }
            out.append("\\{");
            pos++;
        }
    }
}
