package io.sluice.support.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.support.ByteSink;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Integers are written as Java's own decimal forms, after whatever the sink already holds. */
class IntegerTextPropertyTest {

    private static String written(java.util.function.Consumer<ByteSink> write) {
        ByteSink out = new ByteSink(1);
        out.write('x');
        write.accept(out);
        return out.toString().substring(1);
    }

    @Property(tries = 5000)
    void signedIntegersMatchLongToString(@ForAll long v) {
        assertThat(written(out -> NumberText.writeLong(out, v))).isEqualTo(Long.toString(v));
    }

    @Property(tries = 5000)
    void unsignedIntegersMatchLongToUnsignedString(@ForAll long bits) {
        assertThat(written(out -> NumberText.writeUnsigned(out, bits))).isEqualTo(Long.toUnsignedString(bits));
    }

    @Property(tries = 2000)
    void paddedIntegersAreZeroFilledToTheWidth(@ForAll @LongRange(min = 0, max = 99_999_999) long v,
            @ForAll @IntRange(min = 1, max = 12) int width) {
        String plain = Long.toString(v);
        String expected = "0".repeat(Math.max(0, width - plain.length())) + plain;
        assertThat(written(out -> NumberText.writePadded(out, v, width))).isEqualTo(expected);
    }

    @Example
    void everyPowerOfTenAndItsNeighboursIsExact() {
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1}) {
                assertThat(written(out -> NumberText.writeLong(out, v))).isEqualTo(Long.toString(v));
            }
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        assertThat(written(out -> NumberText.writeLong(out, Long.MAX_VALUE))).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(written(out -> NumberText.writeLong(out, Long.MIN_VALUE))).isEqualTo(Long.toString(Long.MIN_VALUE));
    }
}
