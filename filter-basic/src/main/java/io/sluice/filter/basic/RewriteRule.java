package io.sluice.filter.basic;

import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.PluginConfig;
import io.sluice.support.accessor.AccessorSyntaxException;
import io.sluice.support.accessor.RecordAccessor;
import io.sluice.support.accessor.TagTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One rewrite_tag Rule: {@code $KEY REGEX NEW_TAG KEEP}.
 *
 * @param key         where the value is
 * @param pattern     what it must contain
 * @param template    the new tag
 * @param keep        whether the original stays too
 * @param keepWarning a line to log when KEEP is neither true nor false, or null
 * @param text        the rule as written
 */
record RewriteRule(RecordAccessor key, Pattern pattern, TagTemplate template, boolean keep, String keepWarning,
                   String text) {

    static List<RewriteRule> readAll(PluginConfig config) throws InvalidConfigException {
        List<RewriteRule> rules = new ArrayList<>();
        for (String value : config.getAll(RewriteTagPlugin.RULE)) {
            rules.add(read(value));
        }
        return List.copyOf(rules);
    }

    static RewriteRule read(String value) throws InvalidConfigException {
        List<String> words;
        try {
            words = Tokens.doubleQuoted(value, 4);
        } catch (Tokens.UnclosedQuoteException e) {
            throw new InvalidConfigException(RewriteTagPlugin.RULE, "rule expects $KEY REGEX NEW_TAG KEEP: "
                    + e.getMessage());
        }
        if (words.size() != 4) {
            throw new InvalidConfigException(RewriteTagPlugin.RULE, "rule expects $KEY REGEX NEW_TAG KEEP, got "
                    + words.size() + (words.size() == 1 ? " word" : " words") + " in '" + value + "' (quote a word "
                    + "with blanks as \"two words\")");
        }
        String keyText = words.get(0);
        if (!keyText.startsWith("$")) {
            throw new InvalidConfigException(RewriteTagPlugin.RULE, "invalid record accessor key? '" + keyText
                    + "': the key of a rule starts with $, e.g. $log or $kubernetes['labels']['app']");
        }
        RecordAccessor key = Settings.accessor(RewriteTagPlugin.RULE, keyText, "invalid record accessor key? '"
                + keyText + "': ");
        Pattern pattern = Settings.regex(RewriteTagPlugin.RULE, words.get(1), "could not compile regex pattern '"
                + words.get(1) + "': ");
        TagTemplate template;
        try {
            template = TagTemplate.parse(words.get(2));
        } catch (AccessorSyntaxException e) {
            throw new InvalidConfigException(RewriteTagPlugin.RULE, "could not compose tag: " + e.getMessage());
        }
        String keepText = words.get(3).toLowerCase(Locale.ROOT);
        boolean keep = keepText.equals("true") || keepText.equals("on") || keepText.equals("yes");
        String warning = null;
        if (!keep && !keepText.equals("false") && !keepText.equals("off") && !keepText.equals("no")) {
            warning = "rule '" + value + "': KEEP '" + words.get(3) + "' is neither true nor false; as in Fluent "
                    + "Bit, the original record is removed when a copy is emitted";
        }
        return new RewriteRule(key, pattern, template, keep, warning, value);
    }
}
