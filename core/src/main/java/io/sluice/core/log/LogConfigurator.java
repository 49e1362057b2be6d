package io.sluice.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** Sets up the one logging backend: Fluent Bit's line format, the level, and stderr or {@code Log_File}. */
public final class LogConfigurator {

    /** Libraries that print secrets (handshake headers) below INFO: kept at INFO or above whatever the level. */
    private static final String[] PINNED_AT_INFO = {"org.java_websocket"};

    private LogConfigurator() {
    }

    /** Maps Fluent Bit's level names ({@code off, error, warn, warning, info, debug, trace}) to logback's. */
    public static Level parseLevel(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "off":
                return Level.OFF;
            case "error":
                return Level.ERROR;
            case "warn", "warning":
                return Level.WARN;
            case "info":
                return Level.INFO;
            case "debug":
                return Level.DEBUG;
            case "trace":
                return Level.TRACE;
            default:
                throw new IllegalArgumentException("invalid log level '" + name
                        + "' (use off, error, warn, info, debug or trace)");
        }
    }

    /** Sends every line to stderr at {@code level}, or to {@code logFile} when it is not null. */
    public static void configure(String level, Path logFile) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        FluentBitLayout layout = new FluentBitLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (logFile != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logFile.toString());
            file.setAppend(true);
            appender = file;
        } else {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        }
        appender.setContext(context);
        appender.setName("main");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        setLevel(level);
    }

    /** Changes the level of every logger. */
    public static void setLevel(String level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Level parsed = parseLevel(level);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(parsed);
        for (String pinned : PINNED_AT_INFO) {
            context.getLogger(pinned).setLevel(parsed.isGreaterOrEqual(Level.INFO) ? parsed : Level.INFO);
        }
    }

    /** Gives one instance's logger (e.g. {@code input:tcp:tcp.0}) its own {@code Log_Level}. */
    public static void setLevel(String loggerName, String level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(loggerName).setLevel(parseLevel(level));
    }
}
