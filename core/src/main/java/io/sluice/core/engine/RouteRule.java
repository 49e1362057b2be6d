package io.sluice.core.engine;

import io.sluice.core.config.OutputDefinition;
import io.sluice.core.config.PipelineConfig;
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
    RouteRule(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /**
     * The rule {@code output} routes by in {@code pipeline}: its Match and Match_Regex; without either, everything
     * when the pipeline has one input and one output (Fluent Bit's rule for {@code -i x -o y}), else nothing.
     */
    public static RouteRule of(OutputDefinition output, PipelineConfig pipeline) {
        if (output.match() == null && output.matchRegex() == null) {
            boolean sole = pipeline.inputs().size() == 1 && pipeline.outputs().size() == 1;
            return sole ? new RouteRule("*", null) : NONE;
        }
        return new RouteRule(output.match(), output.matchRegex());
    }

    /** A rule that matches nothing: an output with neither Match nor Match_Regex beside others. */
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
