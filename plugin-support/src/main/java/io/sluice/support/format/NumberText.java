package io.sluice.support.format;

import io.sluice.support.ByteSink;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes numbers as C's printf would, straight into a sink: integers, {@code %.1f} for integral floats, {@code %.16g}
 * and {@code %f}. Floats are rounded from their exact binary value, ties to even, like glibc; the common magnitudes
 * use 128-bit integer arithmetic, the rare ones (tiny, huge) fall back to {@link BigDecimal}. Public for the record
 * accessor's value text, which must render floats exactly as the formatters do.
 */
public final class NumberText {

    private static final long[] POW10 = new long[19];
    private static final double TWO_63 = 9.223372036854775808E18;
    private static final long SIXTEEN_DIGITS = 10_000_000_000_000_000L;
    private static final long FIFTEEN_DIGITS = 1_000_000_000_000_000L;
    private static final MathContext SIXTEEN = new MathContext(16, RoundingMode.HALF_EVEN);
    /** The tens and ones digit of 0..99. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private NumberText() {
    }

    /** Writes {@code v} in decimal. */
    static void writeLong(ByteSink out, long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                out.writeAscii("-9223372036854775808");
                return;
            }
            out.write('-');
            v = -v;
        }
        writeDigits(out, v, digitCount(v));
    }

    /** Writes the unsigned 64-bit value whose bits are {@code bits} in decimal. */
    static void writeUnsigned(ByteSink out, long bits) {
        if (bits >= 0) {
            writeDigits(out, bits, digitCount(bits));
        } else {
            long q = Long.divideUnsigned(bits, 10);
            writeDigits(out, q, digitCount(q));
            out.write('0' + (int) Long.remainderUnsigned(bits, 10));
        }
    }

    /** Writes non-negative {@code v} with at least {@code width} digits, zero-padded. */
    static void writePadded(ByteSink out, long v, int width) {
        int digits = digitCount(v);
        for (int i = digits; i < width; i++) {
            out.write('0');
        }
        writeDigits(out, v, digits);
    }

    /**
     * The number of decimal digits of non-negative {@code v}, without a data-dependent branch (one the JIT has never
     * seen taken would cost a deoptimization when a number of another length comes): floor(log10(2^bits)) by
     * 1233/4096 ~ log10(2), plus one when {@code v} reaches the next power of ten. {@code v | 1} has as many digits.
     */
    private static int digitCount(long v) {
        long u = v | 1;
        int estimate = ((64 - Long.numberOfLeadingZeros(u)) * 1233) >>> 12;
        return estimate + (int) ((POW10[estimate] - 1 - u) >>> 63);
    }

    /**
     * Writes the {@code digits} decimal digits of non-negative {@code v}, two at a time from the last (a division by a
     * constant, which the JIT turns into a multiplication), straight into the sink's array past its content; the
     * final append of that same range (a copy onto itself) makes them part of the content.
     */
    private static void writeDigits(ByteSink out, long v, int digits) {
        out.ensure(digits);
        byte[] b = out.array();
        int start = out.size();
        int p = start + digits;
        while (v >= 100) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            b[--p] = ONES[r];
            b[--p] = TENS[r];
            v = q;
        }
        if (v >= 10) {
            b[--p] = ONES[(int) v];
            b[--p] = TENS[(int) v];
        } else {
            b[--p] = (byte) ('0' + v);
        }
        out.write(b, start, digits);
    }

    /** Writes a JSON number by Fluent Bit's rule: {@code %.1f} when integral within int64, else {@code %.16g}. */
    public static void writeJsonDouble(ByteSink out, double v, boolean nanToNull) {
        if (!Double.isFinite(v)) {
            if (nanToNull) {
                out.writeAscii("null");
            } else {
                out.writeAscii(Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
            }
            return;
        }
        if (v >= -TWO_63 && v < TWO_63 && v == (long) v) {
            if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
                out.write('-');
            }
            writeLong(out, (long) v);
            out.write('.');
            out.write('0');
            return;
        }
        writeG16(out, v);
    }

    /** Writes finite {@code v} as C's {@code %.16g}. */
    static void writeG16(ByteSink out, double v) {
        if (v == 0) {
            out.writeAscii(Double.doubleToRawLongBits(v) == 0 ? "0" : "-0");
            return;
        }
        if (v < 0) {
            out.write('-');
            v = -v;
        }
        int exp10 = (int) Math.floor(Math.log10(v));
        long digits = -1;
        for (int attempt = 0; attempt < 3; attempt++) {
            digits = roundToSixteenDigits(v, 15 - exp10);
            if (digits < 0 || (digits >= FIFTEEN_DIGITS && digits < SIXTEEN_DIGITS)) {
                break;
            }
            exp10 += digits >= SIXTEEN_DIGITS ? 1 : -1;
        }
        if (digits < FIFTEEN_DIGITS || digits >= SIXTEEN_DIGITS) {
            BigDecimal rounded = new BigDecimal(v).round(SIXTEEN);
            int precision = rounded.precision();
            exp10 = precision - 1 - rounded.scale();
            digits = rounded.unscaledValue().longValueExact() * POW10[16 - precision];
        }
        if (exp10 < -4 || exp10 >= 16) {
            writeScientific(out, digits, exp10);
        } else {
            writeFixed(out, digits, 15 - exp10);
        }
    }

    /** Writes the 16-digit {@code digits} as {@code d.ddd...e+XX} without trailing zeros. */
    private static void writeScientific(ByteSink out, long digits, int exp10) {
        out.write('0' + (int) (digits / FIFTEEN_DIGITS));
        writeFraction(out, digits % FIFTEEN_DIGITS, 15);
        out.write('e');
        out.write(exp10 < 0 ? '-' : '+');
        writePadded(out, Math.abs(exp10), 2);
    }

    /** Writes {@code digits / 10^decimals} without trailing zeros. */
    private static void writeFixed(ByteSink out, long digits, int decimals) {
        if (decimals >= 16) {
            out.write('0');
            writeFraction(out, digits, decimals);
        } else {
            writeLong(out, digits / POW10[decimals]);
            writeFraction(out, digits % POW10[decimals], decimals);
        }
    }

    private static void writeFraction(ByteSink out, long frac, int width) {
        while (width > 0 && frac % 10 == 0) {
            frac /= 10;
            width--;
        }
        if (width > 0) {
            out.write('.');
            writePadded(out, frac, width);
        }
    }

    /**
     * {@code round(v * 10^k)} from the exact value of positive {@code v}, ties to even, or -1 when it does not fit
     * the 128-bit fast path (then the caller uses BigDecimal).
     */
    private static long roundToSixteenDigits(double v, int k) {
        long bits = Double.doubleToRawLongBits(v);
        int biased = (int) (bits >>> 52) & 0x7ff;
        if (biased == 0 || k < 0 || k > 22) {
            return -1;
        }
        long mantissa = (bits & 0xfffffffffffffL) | (1L << 52);
        int shift = 1075 - biased;
        if (shift <= 0 || shift >= 128) {
            return -1;
        }
        long factor = POW10[Math.min(k, 18)];
        long lo = mantissa * factor;
        long hi = Math.multiplyHigh(mantissa, factor);
        if (k > 18) {
            long f2 = POW10[k - 18];
            long newLo = lo * f2;
            hi = hi * f2 + unsignedMultiplyHigh(lo, f2);
            lo = newLo;
        }
        return shiftRound(hi, lo, shift);
    }

    /** {@code (hi:lo) >> shift} rounded half to even; -1 if the quotient would not fit 62 bits. */
    private static long shiftRound(long hi, long lo, int shift) {
        long q;
        int cmp;
        boolean up;
        if (shift < 64) {
            if ((hi >>> shift) != 0) {
                return -1;
            }
            q = (hi << (64 - shift)) | (lo >>> shift);
            long rem = lo & ((1L << shift) - 1);
            cmp = Long.compareUnsigned(rem, 1L << (shift - 1));
        } else if (shift == 64) {
            q = hi;
            cmp = Long.compareUnsigned(lo, 1L << 63);
        } else {
            q = hi >>> (shift - 64);
            long remHi = hi & ((1L << (shift - 64)) - 1);
            long halfHi = 1L << (shift - 65);
            cmp = remHi != halfHi ? Long.compareUnsigned(remHi, halfHi) : (lo != 0 ? 1 : 0);
        }
        if (q < 0) {
            return -1;
        }
        up = cmp > 0 || (cmp == 0 && (q & 1) == 1);
        return up ? q + 1 : q;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** Writes {@code v} as C's {@code %f} (six decimals, exact rounding; {@code nan}, {@code inf}, {@code -inf}). */
    public static void writeFixed6(ByteSink out, double v) {
        if (!Double.isFinite(v)) {
            out.writeAscii(Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
            return;
        }
        if (v < 0 || Double.doubleToRawLongBits(v) != 0 && v == 0) {
            out.write('-');
            v = -v;
        }
        long micros;
        if (v < 8.796093022208E12) {
            micros = roundMicros(v);
        } else if (v < TWO_63 && v == (long) v) {
            writeLong(out, (long) v);
            out.writeAscii(".000000");
            return;
        } else {
            out.writeAscii(new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
            return;
        }
        writeLong(out, micros / 1_000_000);
        out.write('.');
        writePadded(out, micros % 1_000_000, 6);
    }

    private static long roundMicros(double v) {
        if (v == 0) {
            return 0;
        }
        long bits = Double.doubleToRawLongBits(v);
        int biased = (int) (bits >>> 52) & 0x7ff;
        long mantissa = biased == 0 ? bits & 0xfffffffffffffL : (bits & 0xfffffffffffffL) | (1L << 52);
        int shift = 1075 - Math.max(biased, 1);
        if (shift <= 0) {
            return (mantissa << -shift) * 1_000_000L;
        }
        if (shift >= 128) {
            return 0;
        }
        long lo = mantissa * 1_000_000L;
        long hi = Math.multiplyHigh(mantissa, 1_000_000L);
        return shiftRound(hi, lo, shift);
    }
}
