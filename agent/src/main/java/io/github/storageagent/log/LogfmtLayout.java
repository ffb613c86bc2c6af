package io.github.storageagent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/** {@code ts=... level=info caller=disk.DiskCollector msg="..."}, one event per line. */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    LogLine l = LogLine.of(event);
    StringBuilder sb = new StringBuilder(128);
    sb.append("ts=").append(l.ts());
    sb.append(" level=").append(l.level());
    sb.append(" caller=").append(value(l.caller()));
    sb.append(" msg=").append(value(l.msg()));
    if (l.error() != null) {
      sb.append(" err=").append(value(l.error()));
    }
    return sb.append('\n').toString();
  }

  static String value(String v) {
    if (v == null) {
      return "\"\"";
    }
    boolean quote = v.isEmpty();
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c <= ' ' || c == '=' || c == '"' || c == '\\';
    }
    if (!quote) {
      return v;
    }
    StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
