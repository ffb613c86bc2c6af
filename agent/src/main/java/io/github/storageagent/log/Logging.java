package io.github.storageagent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

/** Configures logging from the command line: level and format, to standard error (the journal). */
public final class Logging {

  private Logging() {}

  public static void configure(Level level, LogFormat format) {
    configure((LoggerContext) LoggerFactory.getILoggerFactory(), level, format);
  }

  static void configure(LoggerContext context, Level level, LogFormat format) {
    context.reset();
    LayoutBase<ILoggingEvent> layout =
        format == LogFormat.JSON ? new JsonLayout() : new LogfmtLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(appender);
    // Jetty narrates every start at info; its warnings still get through.
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
  }
}
