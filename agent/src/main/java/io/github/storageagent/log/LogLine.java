package io.github.storageagent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import java.time.Instant;

/** The fields every log line has, taken from a logback event. */
record LogLine(String ts, String level, String caller, String msg, String error) {

  static LogLine of(ILoggingEvent e) {
    String logger = e.getLoggerName();
    String caller =
        logger.startsWith("io.github.storageagent.")
            ? logger.substring("io.github.storageagent.".length())
            : logger;
    IThrowableProxy t = e.getThrowableProxy();
    String error = t == null ? null : t.getClassName() + ": " + t.getMessage();
    return new LogLine(
        Instant.ofEpochMilli(e.getTimeStamp()).toString(),
        e.getLevel().toString().toLowerCase(java.util.Locale.ROOT),
        caller,
        e.getFormattedMessage(),
        error);
  }
}
