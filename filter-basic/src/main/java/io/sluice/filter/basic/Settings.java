package io.sluice.filter.basic;

import io.sluice.api.config.InvalidConfigException;
import io.sluice.api.config.Property;
import io.sluice.support.accessor.AccessorSyntaxException;
import io.sluice.support.accessor.RecordAccessor;
import io.sluice.support.accessor.Regexes;
import java.util.regex.Pattern;

/** Checks shared by the filters' configuration readers, turning failures into {@link InvalidConfigException}s. */
final class Settings {

    private Settings() {
    }

    /** {@code text} compiled as Fluent Bit's regex dialect, or an error naming {@code property}. */
    static Pattern regex(Property<?> property, String text, String context) throws InvalidConfigException {
        try {
            return Regexes.compile(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(property, context + e.getMessage());
        }
    }

    /** {@code text} as a pure record accessor, or an error naming {@code property}. */
    static RecordAccessor accessor(Property<?> property, String text, String context) throws InvalidConfigException {
        try {
            return RecordAccessor.parse(text);
        } catch (AccessorSyntaxException e) {
            throw new InvalidConfigException(property, context + e.getMessage());
        }
    }
}
