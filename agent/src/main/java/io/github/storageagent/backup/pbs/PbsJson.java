package io.github.storageagent.backup.pbs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.storageagent.backup.pbs.PbsRecords.SnapshotEntry;
import io.github.storageagent.collect.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads PBS answers ({@code {"data": ...}}) into records. Tolerant: unknown keys are ignored, and
 * one malformed list entry is skipped and counted rather than failing the whole list. Snapshot
 * lists, which can hold thousands of entries, are streamed so only the newest entry is kept.
 */
public final class PbsJson {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private PbsJson() {}

  /** A parsed list and the number of entries that could not be read. */
  public record Parsed<T>(List<T> items, int skipped) {}

  public static <T> Parsed<T> list(InputStream in, Class<T> type) throws PbsFormatException {
    JsonNode data = data(in);
    if (!data.isArray()) {
      throw new PbsFormatException("expected a list in \"data\", got " + data.getNodeType());
    }
    List<T> items = new ArrayList<>(data.size());
    int skipped = 0;
    for (JsonNode element : data) {
      try {
        T item = element.isObject() ? MAPPER.treeToValue(element, type) : null;
        if (item == null) {
          skipped++;
        } else {
          items.add(item);
        }
      } catch (IOException | IllegalArgumentException e) {
        skipped++;
      }
    }
    return new Parsed<>(items, skipped);
  }

  public static <T> T object(InputStream in, Class<T> type) throws PbsFormatException {
    JsonNode data = data(in);
    if (!data.isObject()) {
      throw new PbsFormatException("expected an object in \"data\", got " + data.getNodeType());
    }
    try {
      return MAPPER.treeToValue(data, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new PbsFormatException("unexpected answer: " + Messages.firstLine(e.getMessage(), 160));
    }
  }

  /** The raw {@code data} member, for answers without a fixed shape (permissions). */
  public static JsonNode data(InputStream in) throws PbsFormatException {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (IOException e) {
      throw new PbsFormatException("not JSON: " + Messages.firstLine(e.getMessage(), 160));
    }
    if (root == null || !root.isObject() || !root.has("data") || root.get("data").isNull()) {
      throw new PbsFormatException("expected {\"data\": ...}");
    }
    return root.get("data");
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
    try (JsonParser p = MAPPER.createParser(in)) {
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
          JsonNode element = MAPPER.readTree(p);
          count++;
          SnapshotEntry e;
          try {
            e = element.isObject() ? MAPPER.treeToValue(element, SnapshotEntry.class) : null;
          } catch (IOException | IllegalArgumentException bad) {
            e = null;
          }
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
}
