package io.github.storageagent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line with the same fields as {@link LogfmtLayout}. */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String doLayout(ILoggingEvent event) {
    LogLine l = LogLine.of(event);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("ts", l.ts());
    fields.put("level", l.level());
    fields.put("caller", l.caller());
    fields.put("msg", l.msg());
    if (l.error() != null) {
      fields.put("err", l.error());
    }
    try {
      return JSON.writeValueAsString(fields) + "\n";
    } catch (JsonProcessingException e) {
      return "{\"level\":\"error\",\"msg\":\"unloggable event\"}\n";
    }
  }
}
