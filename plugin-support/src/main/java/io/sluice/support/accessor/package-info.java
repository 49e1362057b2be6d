/**
 * Reading records the way Fluent Bit's filters address them, straight from msgpack bytes: {@link
 * io.sluice.support.accessor.RecordAccessor} ({@code $key['sub'][0]}), {@link io.sluice.support.accessor.TagTemplate}
 * (rewrite_tag's {@code new.$TAG[1].$1.$key}), {@link io.sluice.support.accessor.Regexes} (Onigmo patterns as
 * java.util.regex), and the allocation-free {@link io.sluice.support.accessor.MsgpackReader} and {@link
 * io.sluice.support.accessor.Utf8Chars} they stand on.
 */
package io.sluice.support.accessor;
