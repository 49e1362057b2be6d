package io.sluice.core.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a tag goes to one output: its {@code Match} glob (anchored, case-sensitive, {@code *} the only
 * metacharacter) or its {@code Match_Regex} (a non-empty prefix match), either one being enough.
 */
public final class RouteRule {

    private static final RouteRule NONE = new RouteRule(null, null);

    private final String glob;
    private final Pattern regex;

    /** A rule from an output's {@code Match} and {@code Match_Regex}, either may be null (both: matches nothing). */
    public RouteRule(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /** A rule that matches nothing: an output with neither Match nor Match_Regex. */
    static RouteRule none() {
        return NONE;
    }

    /** Whether {@code tag} goes to the output. */
    public boolean matches(String tag) {
        if (regex != null) {
            Matcher m = regex.matcher(tag);
            if (m.lookingAt() && m.end() > 0) {
                return true;
            }
        }
        return glob != null && globMatches(glob, tag);
    }

    /** Matches the whole of {@code tag} against {@code pattern}, backtracking only to the last star seen. */
    static boolean globMatches(String pattern, String tag) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < tag.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (p < pattern.length() && pattern.charAt(p) == tag.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
