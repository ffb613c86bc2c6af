package io.github.storageagent.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonLayoutTest {

  static final Instant TS = Instant.parse("2026-11-30T12:00:00.123Z");

  final LoggerContext context = new LoggerContext();
  final JsonLayout layout = new JsonLayout();

  @BeforeEach
  void start() {
    layout.setContext(context);
    layout.start();
  }

  @Test
  void oneObjectPerLineWithTheFieldsInOrder() {
    assertThat(
            layout.doLayout(
                event("io.github.storageagent.lvm.LvmCollector", Level.INFO, "collected", null)))
        .isEqualTo(
            "{\"ts\":\"2026-11-30T12:00:00.123Z\",\"level\":\"info\","
                + "\"caller\":\"lvm.LvmCollector\",\"msg\":\"collected\"}\n");
  }

  @Test
  void escapesQuotesBackslashesAndNewlinesAndKeepsNonAscii() {
    String line =
        layout.doLayout(
            event(
                "org.eclipse.jetty.Server",
                Level.WARN,
                "model \"WDC </script>\"\nC:\\x\ttab Grüße 日本 🙂",
                null));
    assertThat(line)
        .isEqualTo(
            "{\"ts\":\"2026-11-30T12:00:00.123Z\",\"level\":\"warn\","
                + "\"caller\":\"org.eclipse.jetty.Server\","
                + "\"msg\":\"model \\\"WDC </script>\\\"\\nC:\\\\x\\ttab Grüße 日本 🙂\"}\n");
    // one event, one line
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
  }

  @Test
  void anErrorGoesInErr() {
    assertThat(
            layout.doLayout(
                event(
                    "io.github.storageagent.pbs.PbsCollector",
                    Level.ERROR,
                    "collector pbs failed",
                    new IllegalStateException("401 \"ticket\"\nexpired"))))
        .isEqualTo(
            "{\"ts\":\"2026-11-30T12:00:00.123Z\",\"level\":\"error\","
                + "\"caller\":\"pbs.PbsCollector\",\"msg\":\"collector pbs failed\","
                + "\"err\":\"java.lang.IllegalStateException: 401 \\\"ticket\\\"\\nexpired\"}\n");
  }

  @Test
  void anEventWithoutAMessageHasANullMsg() {
    assertThat(layout.doLayout(event("x", Level.DEBUG, null, null)))
        .isEqualTo(
            "{\"ts\":\"2026-11-30T12:00:00.123Z\",\"level\":\"debug\","
                + "\"caller\":\"x\",\"msg\":null}\n");
  }

  /** The layout wrote a map with databind before; the same events give the same lines. */
  @Test
  void sameLinesAsDatabindWrote() throws Exception {
    ObjectMapper databind = new ObjectMapper();
    String[] messages = {
      "",
      "plain",
      "quote \" backslash \\ slash / </script>",
      "cr\r lf\n tab\t nul\u0000 unit\u001f del\u007f ls\u2028 ps\u2029",
      "Grüße, Ærø, 日本語, 🙂, lone surrogate \ud800 end",
      null
    };
    for (String msg : messages) {
      for (Throwable t : new Throwable[] {null, new RuntimeException(msg)}) {
        LoggingEvent e = event("io.github.storageagent.status.StatusService", Level.TRACE, msg, t);
        LogLine l = LogLine.of(e);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ts", l.ts());
        fields.put("level", l.level());
        fields.put("caller", l.caller());
        fields.put("msg", l.msg());
        if (l.error() != null) {
          fields.put("err", l.error());
        }
        assertThat(layout.doLayout(e)).isEqualTo(databind.writeValueAsString(fields) + "\n");
      }
    }
  }

  LoggingEvent event(String loggerName, Level level, String msg, Throwable t) {
    Logger logger = context.getLogger(loggerName);
    LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, level, msg, t, null);
    e.setTimeStamp(TS.toEpochMilli());
    return e;
  }
}
