package io.sluice.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Formats log lines as Fluent Bit does: {@code [2026/11/28 01:02:03.456] [ info] [output:websocket:websocket.0] msg},
 * local time with milliseconds, the level lower-case and right-aligned to five characters.
 */
public final class FluentBitLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(128);
        sb.append('[');
        TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), sb);
        sb.append("] [").append(levelLabel(event.getLevel())).append("] ");
        String name = event.getLoggerName();
        if (name != null && !name.isEmpty() && !org.slf4j.Logger.ROOT_LOGGER_NAME.equals(name)) {
            sb.append('[').append(shortName(name)).append("] ");
        }
        sb.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            sb.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
        }
        return sb.toString();
    }

    /** {@code error}, {@code  warn}, {@code  info}, {@code debug}, {@code trace}. */
    static String levelLabel(Level level) {
        switch (level.toInt()) {
            case Level.ERROR_INT:
                return "error";
            case Level.WARN_INT:
                return " warn";
            case Level.INFO_INT:
                return " info";
            case Level.DEBUG_INT:
                return "debug";
            default:
                return "trace";
        }
    }

    /** Third-party class names (dotted) shrink to their last part; sluice's own names are kept. */
    private static String shortName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || name.indexOf(':') >= 0 ? name : name.substring(dot + 1);
    }
}
