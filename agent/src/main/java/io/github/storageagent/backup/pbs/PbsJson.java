package io.github.storageagent.backup.pbs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.jr.stree.JrsArray;
import com.fasterxml.jackson.jr.stree.JrsBoolean;
import com.fasterxml.jackson.jr.stree.JrsNumber;
import com.fasterxml.jackson.jr.stree.JrsObject;
import com.fasterxml.jackson.jr.stree.JrsString;
import com.fasterxml.jackson.jr.stree.JrsValue;
import io.github.storageagent.backup.JsonFields;
import io.github.storageagent.backup.JsonFields.BadValueException;
import io.github.storageagent.backup.pbs.PbsRecords.SnapshotEntry;
import io.github.storageagent.collect.Messages;
import io.github.storageagent.json.JsonTree;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads PBS answers ({@code {"data": ...}}) into records. Tolerant: unknown keys are ignored, and
 * one malformed list entry is skipped and counted rather than failing the whole list. Snapshot
 * lists, which can hold thousands of entries, are streamed so only the newest entry is kept.
 */
public final class PbsJson {

  private PbsJson() {}

  /** A parsed list and the number of entries that could not be read. */
  public record Parsed<T>(List<T> items, int skipped) {}

  /** The {@code data} list, each entry read by {@code reader} (a record's {@code from}). */
  public static <T> Parsed<T> list(InputStream in, JsonFields.Reader<T> reader)
      throws PbsFormatException {
    JrsValue data = data(in);
    if (!(data instanceof JrsArray entries)) {
      throw new PbsFormatException("expected a list in \"data\", got " + nodeType(data));
    }
    List<T> items = new ArrayList<>(entries.size());
    int skipped = 0;
    for (Iterator<JrsValue> it = entries.elements(); it.hasNext(); ) {
      T item = entryOrNull(it.next(), reader);
      if (item == null) {
        skipped++;
      } else {
        items.add(item);
      }
    }
    return new Parsed<>(items, skipped);
  }

  /** The {@code data} object, read by {@code reader} (a record's {@code from}). */
  public static <T> T object(InputStream in, JsonFields.Reader<T> reader)
      throws PbsFormatException {
    JrsValue data = data(in);
    if (!(data instanceof JrsObject object)) {
      throw new PbsFormatException("expected an object in \"data\", got " + nodeType(data));
    }
    try {
      return reader.read(object);
    } catch (BadValueException e) {
      throw new PbsFormatException("unexpected answer: " + Messages.firstLine(e.getMessage(), 160));
    }
  }

  /** The raw {@code data} member, for answers without a fixed shape (permissions). */
  public static JrsValue data(InputStream in) throws PbsFormatException {
    JrsValue root;
    try (JsonParser parser = JsonTree.FACTORY.createParser(in)) {
      root = JsonTree.firstValue(parser);
    } catch (IOException e) {
      throw new PbsFormatException("not JSON: " + Messages.firstLine(e.getMessage(), 160));
    }
    JrsValue data = root instanceof JrsObject object ? object.get("data") : null;
    if (data == null || data.isNull()) {
      throw new PbsFormatException("expected {\"data\": ...}");
    }
    return data;
  }

  /**
   * The {@code message} of a PBS error answer (its first bytes), as text; empty if there is none,
   * if it is an object or a list, or if the answer is not JSON.
   */
  static String errorMessage(String answer) {
    try (JsonParser parser = JsonTree.FACTORY.createParser(answer)) {
      JrsValue root = JsonTree.firstValue(parser);
      JrsValue message = root instanceof JrsObject object ? object.get("message") : null;
      String text = JsonFields.text(message, "message");
      return text == null ? "" : text;
    } catch (IOException notJsonOrNotText) {
      return "";
    }
  }

  /**
   * Streams a snapshot list and keeps the newest entry's time and verify state. Entries that cannot
   * be read are skipped (they still count as snapshots).
   */
  public static NewestSnapshot newestSnapshot(InputStream in) throws PbsFormatException {
    long newest = Long.MIN_VALUE;
    VerifyState state = VerifyState.NONE;
    Long size = null;
    long count = 0;
    boolean sawData = false;
    try (JsonParser p = JsonTree.FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new PbsFormatException("expected {\"data\": [...]}");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("data")) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw new PbsFormatException("expected a list in \"data\"");
        }
        sawData = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          // one entry in memory at a time
          SnapshotEntry e = entryOrNull(JsonTree.readValue(p), SnapshotEntry::from);
          count++;
          if (e != null && e.backupTime() != null && e.backupTime() > newest) {
            newest = e.backupTime();
            state = VerifyState.of(e.verification());
            size = e.size() != null && e.size() >= 0 ? e.size() : null;
          }
        }
      }
    } catch (IOException e) {
      throw new PbsFormatException("not JSON: " + Messages.firstLine(e.getMessage(), 160));
    }
    if (!sawData) {
      throw new PbsFormatException("expected {\"data\": [...]}");
    }
    return new NewestSnapshot(
        newest == Long.MIN_VALUE ? 0 : newest, state, count, Optional.ofNullable(size));
  }

  /** A list entry as a record, or null if it is not an object or one of its values does not fit. */
  private static <T> T entryOrNull(JrsValue entry, JsonFields.Reader<T> reader) {
    if (!(entry instanceof JrsObject object)) {
      return null;
    }
    try {
      return reader.read(object);
    } catch (BadValueException e) {
      return null;
    }
  }

  /** The kind of a value as the messages have always named it (databind's node type names). */
  private static String nodeType(JrsValue value) {
    if (value instanceof JrsObject) {
      return "OBJECT";
    } else if (value instanceof JrsArray) {
      return "ARRAY";
    } else if (value instanceof JrsString) {
      return "STRING";
    } else if (value instanceof JrsNumber) {
      return "NUMBER";
    } else if (value instanceof JrsBoolean) {
      return "BOOLEAN";
    } else if (value.isNull()) {
      return "NULL";
    }
    return "MISSING";
  }
}
