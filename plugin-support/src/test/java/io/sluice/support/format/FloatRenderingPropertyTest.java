package io.sluice.support.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.support.ByteSink;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast float writers against a slow reference: C's {@code %.16g} derived from Java's {@code %.16g} on the exact
 * value pre-rounded half-even (glibc's rounding), trailing zeros stripped as C does without {@code #}.
 */
class FloatRenderingPropertyTest {

    static String referenceG16(double v) {
        if (v == 0) {
            return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0";
        }
        BigDecimal exact = new BigDecimal(v).round(new MathContext(16, RoundingMode.HALF_EVEN));
        String text = String.format("%.16g", exact);
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + text.substring(e);
    }

    static String referenceJson(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v >= -9.223372036854775808E18 && v < 9.223372036854775808E18 && v == Math.rint(v)) {
            String digits = new BigDecimal(v).toPlainString();
            return (v == 0 && Double.doubleToRawLongBits(v) != 0 ? "-" : "") + digits + ".0";
        }
        return referenceG16(v);
    }

    static String referenceFixed6(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String sign = v < 0 || Double.doubleToRawLongBits(v) != 0 && v == 0 ? "-" : "";
        return sign + new BigDecimal(Math.abs(v)).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String json(double v) {
        ByteSink out = new ByteSink(32);
        NumberText.writeJsonDouble(out, v, true);
        return out.toString();
    }

    private static String fixed6(double v) {
        ByteSink out = new ByteSink(32);
        NumberText.writeFixed6(out, v);
        return out.toString();
    }

    @Provide
    Arbitrary<Double> anyBits() {
        return Arbitraries.longs().map(Double::longBitsToDouble);
    }

    @Provide
    Arbitrary<Double> logLike() {
        Arbitrary<Double> decimals = Arbitraries.longs().between(-10_000_000_000_000L, 10_000_000_000_000L)
                .flatMap(n -> Arbitraries.integers().between(0, 12).map(k -> n / Math.pow(10, k)));
        Arbitrary<Double> timestamps = Arbitraries.longs().between(0, 4_000_000_000L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(ns -> s + ns / 1e9));
        Arbitrary<Double> ties = Arbitraries.longs().between(1, 1L << 53).flatMap(m ->
                Arbitraries.integers().between(-60, 10).map(e -> Math.scalb((double) m, e)));
        return Arbitraries.oneOf(decimals, timestamps, ties, Arbitraries.doubles());
    }

    /** Outputs of glibc's printf for values where shortest-digit or half-up approaches go wrong. */
    @Example
    void glibcAnchors() {
        assertThat(json(1234567890123456.5)).isEqualTo("1234567890123456");
        assertThat(json(1e23)).isEqualTo("9.999999999999999e+22");
        assertThat(json(5e-324)).isEqualTo("4.940656458412465e-324");
        assertThat(json(Double.MAX_VALUE)).isEqualTo("1.797693134862316e+308");
        assertThat(json(0.00012345678901234567)).isEqualTo("0.0001234567890123457");
        assertThat(json(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(json(-9.223372036854775808E18)).isEqualTo("-9223372036854775808.0");
        assertThat(json(9.223372036854775808E18)).isEqualTo("9.223372036854776e+18");
        assertThat(fixed6(0.1234565)).isEqualTo("0.123456");
        assertThat(fixed6(1.5e-6)).isEqualTo("0.000002");
        assertThat(fixed6(-1e-7)).isEqualTo("-0.000000");
        assertThat(fixed6(1e22)).isEqualTo("10000000000000000000000.000000");
    }

    @Property(tries = 20_000)
    void jsonFloatsMatchTheReferenceForAnyBitPattern(@ForAll("anyBits") double v) {
        assertThat(json(v)).isEqualTo(referenceJson(v));
    }

    @Property(tries = 20_000)
    void jsonFloatsMatchTheReferenceForLogLikeValues(@ForAll("logLike") double v) {
        assertThat(json(v)).isEqualTo(referenceJson(v));
    }

    @Property(tries = 10_000)
    void percentFMatchesTheReference(@ForAll("logLike") double v) {
        assertThat(fixed6(v)).isEqualTo(referenceFixed6(v));
    }

    @Property(tries = 3_000)
    void percentFMatchesTheReferenceForAnyBitPattern(@ForAll("anyBits") double v) {
        assertThat(fixed6(v)).isEqualTo(referenceFixed6(v));
    }
}
