package io.sluice.filter.basic;

import io.sluice.api.config.PluginConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * record_modifier's configuration as the filter uses it.
 *
 * @param records   the entries to append, last one per key only, in order
 * @param remove    Remove_key patterns
 * @param allow     Allowlist_key patterns (empty: no allowlist)
 * @param uuidKey   Uuid_key, or null
 */
record RecordModifierSettings(List<Str[]> records, List<KeyPattern> remove, List<KeyPattern> allow, Str uuidKey) {

    /**
     * A key name compared without ASCII case; with {@code prefix}, any key starting with it.
     *
     * @param bytes  the name's UTF-8 bytes (without the trailing *)
     * @param prefix whether it ended with *
     */
    record KeyPattern(byte[] bytes, boolean prefix) {
        static KeyPattern of(String text) {
            boolean prefix = text.endsWith("*");
            String name = prefix ? text.substring(0, text.length() - 1) : text;
            return new KeyPattern(name.getBytes(StandardCharsets.UTF_8), prefix);
        }

        boolean matches(Entries e, int i) {
            return prefix ? e.keyStartsWithIgnoreCase(i, bytes) : e.keyIsIgnoreCase(i, bytes);
        }
    }

    /** Reads the settings; a Record that is not two words is skipped with an error line, as in Fluent Bit. */
    static RecordModifierSettings read(PluginConfig config, Consumer<String> errors) {
        List<Str[]> records = new ArrayList<>();
        for (String value : config.getAll(RecordModifierPlugin.RECORD)) {
            List<String> words;
            try {
                words = Tokens.doubleQuoted(value, 2);
            } catch (Tokens.UnclosedQuoteException e) {
                words = List.of();
            }
            if (words.size() != 2) {
                errors.accept("invalid record parameters, expects 'KEY VALUE': '" + value + "' is skipped (write "
                        + "a value with blanks as \"two words\")");
                continue;
            }
            Str key = Str.of(words.get(0));
            records.removeIf(r -> r[0].text.equals(key.text));
            records.add(new Str[] {key, Str.of(words.get(1))});
        }
        String uuid = config.get(RecordModifierPlugin.UUID_KEY);
        if (uuid != null) {
            records.removeIf(r -> r[0].text.equals(uuid));
        }
        return new RecordModifierSettings(List.copyOf(records),
                config.getAll(RecordModifierPlugin.REMOVE_KEY).stream().map(KeyPattern::of).toList(),
                config.getAll(RecordModifierPlugin.ALLOWLIST_KEY).stream().map(KeyPattern::of).toList(),
                uuid == null ? null : Str.of(uuid));
    }
}
