package io.github.storageagent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.storageagent.json.JsonTree;
import java.io.IOException;
import java.io.StringWriter;

/**
 * One JSON object per line with the same fields as {@link LogfmtLayout}, written with Jackson's
 * streaming generator (databind's classes are not worth their memory for four strings a line).
 * Quotes, backslashes and control characters, newlines included, are escaped, so an event stays one
 * line; other characters are written as they are.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    LogLine l = LogLine.of(event);
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = JsonTree.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("ts", l.ts());
      g.writeStringField("level", l.level());
      g.writeStringField("caller", l.caller());
      // an event without a message has "msg":null
      g.writeStringField("msg", l.msg());
      if (l.error() != null) {
        g.writeStringField("err", l.error());
      }
      g.writeEndObject();
    } catch (IOException e) {
      // a StringWriter does not fail; kept so that logging never throws
      return "{\"level\":\"error\",\"msg\":\"unloggable event\"}\n";
    }
    return out.append('\n').toString();
  }
}
