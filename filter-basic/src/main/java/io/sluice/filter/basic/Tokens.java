package io.sluice.filter.basic;

import java.util.ArrayList;
import java.util.List;

/** How Fluent Bit splits filter property values into words: on blanks, with quoted words kept whole. */
final class Tokens {

    private Tokens() {
    }

    /** A value that cannot be split: an unclosed quote. */
    static final class UnclosedQuoteException extends Exception {
        private static final long serialVersionUID = 1L;

        UnclosedQuoteException(String message) {
            super(message);
        }
    }

    /**
     * modify's splitting: blank-separated words; a word starting with {@code "} or {@code '} runs to the matching
     * quote, inside which a backslash escapes that quote and itself. Returns at most {@code max} words, plus the rest
     * of the text as one more when there is more.
     */
    static List<String> quoted(String value, int max) throws UnclosedQuoteException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (out.size() == max) {
                out.add(value.substring(i));
                break;
            }
            char q = value.charAt(i);
            if (q == '"' || q == '\'') {
                StringBuilder word = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char c = value.charAt(j);
                    if (c == '\\' && j + 1 < n && (value.charAt(j + 1) == q || value.charAt(j + 1) == '\\')) {
                        word.append(value.charAt(j + 1));
                        j += 2;
                        continue;
                    }
                    if (c == q) {
                        closed = true;
                        j++;
                        break;
                    }
                    word.append(c);
                    j++;
                }
                if (!closed) {
                    throw new UnclosedQuoteException("unclosed " + q + " in '" + value + "'");
                }
                out.add(word.toString());
                i = j;
            } else {
                int j = value.indexOf(' ', i);
                if (j < 0) {
                    j = n;
                }
                out.add(value.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    /**
     * record_modifier's Record and rewrite_tag's Rule splitting: blank-separated words; a word starting with
     * {@code "} runs to the next {@code "} not preceded by a backslash, and {@code \"} inside it stands for a quote
     * (other backslashes stay). Returns at most {@code max} words, plus the rest of the text as one more.
     */
    static List<String> doubleQuoted(String value, int max) throws UnclosedQuoteException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (out.size() == max) {
                out.add(value.substring(i));
                break;
            }
            if (value.charAt(i) == '"') {
                int j = i + 1;
                while (j < n && !(value.charAt(j) == '"' && value.charAt(j - 1) != '\\')) {
                    j++;
                }
                if (j >= n) {
                    throw new UnclosedQuoteException("unclosed \" in '" + value + "'");
                }
                out.add(value.substring(i + 1, j).replace("\\\"", "\""));
                i = j + 1;
            } else {
                int j = value.indexOf(' ', i);
                if (j < 0) {
                    j = n;
                }
                out.add(value.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
