package io.sluice.support.format;

import io.sluice.support.ByteSink;

/** Writes an event timestamp as one of the {@link DateFormat}s; sub-second parts are truncated, never rounded. */
final class DateText {

    private DateText() {
    }

    static void write(ByteSink out, DateFormat format, long seconds, int nanos) {
        switch (format) {
            case DOUBLE -> NumberText.writeJsonDouble(out, (double) seconds + (double) nanos / 1e9, true);
            case EPOCH -> NumberText.writeLong(out, seconds);
            case EPOCH_MS -> NumberText.writeLong(out, seconds * 1000 + nanos / 1_000_000);
            case ISO8601 -> writeCalendar(out, seconds, nanos, 'T', true);
            default -> writeCalendar(out, seconds, nanos, ' ', false);
        }
    }

    /** Writes {@code "yyyy-MM-dd?HH:mm:ss.uuuuuu[Z]"} in UTC, using the civil-from-days conversion of the epoch day. */
    private static void writeCalendar(ByteSink out, long seconds, int nanos, char separator, boolean zulu) {
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        out.write('"');
        if (year < 0) {
            out.write('-');
        }
        NumberText.writePadded(out, Math.abs(year), 4);
        out.write('-');
        NumberText.writePadded(out, month, 2);
        out.write('-');
        NumberText.writePadded(out, day, 2);
        out.write(separator);
        NumberText.writePadded(out, secondOfDay / 3600, 2);
        out.write(':');
        NumberText.writePadded(out, secondOfDay / 60 % 60, 2);
        out.write(':');
        NumberText.writePadded(out, secondOfDay % 60, 2);
        out.write('.');
        NumberText.writePadded(out, nanos / 1000, 6);
        if (zulu) {
            out.write('Z');
        }
        out.write('"');
    }
}
