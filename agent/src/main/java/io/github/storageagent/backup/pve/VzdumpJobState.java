package io.github.storageagent.backup.pve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.storageagent.backup.JsonFields;
import io.github.storageagent.json.JsonTree;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code /var/lib/pve-manager/jobs/vzdump-<id>.json}, written by pve-manager's job scheduler:
 * {@code created}, {@code starting}, {@code started} (with the task's upid) or {@code stopped}
 * (with {@code msg}, the task's status). Newer versions also keep the job's schedule and enabled
 * flag under {@code config}, and {@code updated} when the schedule changed.
 */
public record VzdumpJobState(
    String state, String upid, String msg, Long time, Long updated, Config config) {

  /**
   * Reads a state file's text; a blank file is a job that was created but never ran. Unknown keys
   * are ignored, values are read as {@link JsonFields} reads them, and what follows the object is
   * not read.
   *
   * @throws IOException if the text is not a job state object
   */
  public static VzdumpJobState parse(String text) throws IOException {
    if (text.isBlank()) {
      return new VzdumpJobState("created", null, null, null, null, null);
    }
    try (JsonParser p = JsonTree.FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new IOException(
            "not a job state: " + (first == JsonToken.VALUE_NULL ? "null" : first));
      }
      return read(p);
    }
  }

  private static VzdumpJobState read(JsonParser p) throws IOException {
    String state = null;
    String upid = null;
    String msg = null;
    Long time = null;
    Long updated = null;
    Config config = null;
    Components seen = new Components("state", "upid", "msg", "time", "updated", "config");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      seen.add(name);
      switch (name) {
        case "state" -> state = text(p, name);
        case "upid" -> upid = text(p, name);
        case "msg" -> msg = text(p, name);
        case "time" -> time = JsonFields.wholeNumber(JsonTree.readValue(p), name);
        case "updated" -> updated = JsonFields.wholeNumber(JsonTree.readValue(p), name);
        case "config" -> config = Config.read(p, name);
        default -> p.skipChildren();
      }
    }
    return new VzdumpJobState(state, upid, msg, time, updated, config);
  }

  /**
   * Text at the parser's value. A number keeps the spelling it has in the file (databind read these
   * files straight from the text, not through a tree).
   */
  private static String text(JsonParser p, String name) throws IOException {
    if (p.currentToken().isNumeric()) {
      return p.getText();
    }
    return JsonFields.text(JsonTree.readValue(p), name);
  }

  /** The job config properties pve-manager copies into the state file. */
  public record Config(String schedule, Object enabled) {

    /** {@code enabled} keeps whatever value the file has (1, "0", false, ...) as plain Java. */
    static Config read(JsonParser p, String name) throws IOException {
      JsonToken start = p.currentToken();
      if (start == JsonToken.VALUE_NULL) {
        return null;
      }
      if (start != JsonToken.START_OBJECT) {
        throw new IOException("\"" + name + "\": expected an object, got " + start);
      }
      String schedule = null;
      Object enabled = null;
      Components seen = new Components("schedule", "enabled");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String member = p.currentName();
        p.nextToken();
        seen.add(member);
        switch (member) {
          case "schedule" -> schedule = text(p, member);
          case "enabled" -> enabled = JsonFields.plain(JsonTree.readValue(p));
          default -> p.skipChildren();
        }
      }
      return new Config(schedule, enabled);
    }
  }

  /**
   * The components of one record read so far. A component given twice takes its later value, but
   * once every component has been given, one more is an error: databind, which read these files
   * before, had built the record by then and refused to change it. Kept so a file reads as before.
   */
  private static final class Components {
    private final Set<String> names;
    private final Set<String> seen = new HashSet<>();

    Components(String... names) {
      this.names = Set.of(names);
    }

    /** Notes a key; other keys than the components are ignored. */
    void add(String key) throws IOException {
      if (!names.contains(key)) {
        return;
      }
      if (seen.size() == names.size()) {
        throw new IOException("\"" + key + "\" given again after the whole record");
      }
      seen.add(key);
    }
  }
}
